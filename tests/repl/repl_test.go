package repl

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// testNamespace creates a namespace for one test and deletes it after.
func testNamespace(t *testing.T) string {
	t.Helper()
	// Random enough that completing all but its last letters finds it
	// alone, among other tests' namespaces.
	ns := fmt.Sprintf("klua-repl-%010d", rand.Int64N(1e10))
	res := kluabin.Run(t, "-e", fmt.Sprintf(`kube.create({apiVersion = "v1", kind = "Namespace", metadata = {name = %q}})`, ns))
	if res.Code != 0 {
		t.Fatalf("creating namespace %s: %s", ns, res.Stderr)
	}
	t.Cleanup(func() { kluabin.Run(t, "-e", fmt.Sprintf(`kube.delete("namespaces", %q)`, ns)) })
	return ns
}

func TestExpressionPrintsTheObject(t *testing.T) {
	term := startREPL(t, t.TempDir(), "repl")
	term.prompt()
	out := term.run(`kube.get("ns", "default")`)
	for _, want := range []string{"apiVersion: v1\n", "kind: Namespace\n", "metadata:\n  name: default\n", "status:\n  phase: Active\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the object lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "kind:") > strings.Index(out, "metadata:") || strings.Index(out, "spec:") > strings.Index(out, "status:") {
		t.Errorf("keys not in the API's order:\n%s", out)
	}
	if out := term.run(`x = 41`); strings.TrimSpace(out) != "" {
		t.Errorf("a statement printed %q", out)
	}
	if out := term.run(`x + 1, "two"`); !strings.Contains(out, "42\ttwo") {
		t.Errorf("x + 1 printed %q, want 42", out)
	}
	if out := term.run(`kube.get("pods", "no-such-pod")`); !strings.Contains(out, `error: stdin:1: kube.get: pods "no-such-pod" not found (404 NotFound)`) {
		t.Errorf("the error printed %q", out)
	}
	term.quit()
}

func TestListPrintsATable(t *testing.T) {
	ns := testNamespace(t)
	term := startREPL(t, t.TempDir(), "-n", ns, "repl")
	term.prompt()
	term.run(`for i = 1, 3 do kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "cm-" .. i}}) end`)
	out := term.run(`kube.list("configmaps", {labelSelector = "!nothing"})`)
	for _, want := range []string{"KIND", "NAMESPACE", "NAME", "AGE", "ConfigMap   " + ns + "   cm-1"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	term.quit()
}

func TestMultiLineFunction(t *testing.T) {
	term := startREPL(t, t.TempDir(), "repl")
	term.prompt()
	term.more("function double(x)")
	term.more("  local t = {")
	term.more("    x * 2 }")
	term.more("  return t[1]")
	term.run("end")
	if out := term.run("double(21)"); !strings.Contains(out, "42") {
		t.Errorf("double(21) printed %q", out)
	}
	term.more("s = [[first")
	term.run("second]]")
	if out := term.run("#s"); !strings.Contains(out, "12") {
		t.Errorf("#s printed %q, want 12", out)
	}
	term.quit()
}

func TestCompletion(t *testing.T) {
	ns := testNamespace(t)
	res := kluabin.Run(t, "-n", ns, "-e", `kube.create({apiVersion = "v1", kind = "Pod", metadata = {name = "web-7f9c"},
		spec = {containers = {{name = "web", image = "nginx"}}}})`)
	if res.Code != 0 {
		t.Fatalf("creating the pod: %s", res.Stderr)
	}
	term := startREPL(t, t.TempDir(), "-n", ns, "repl")
	term.prompt()
	term.send("kube.ge\t")
	term.expect("kube.get")
	term.send("(\"deploy\t")
	term.expect(`kube.get("deployments`)
	term.send("\x15") // Ctrl-U: empty the line
	term.send("kube.get(\"pods\", \"we\t")
	term.expect(`kube.get("pods", "web-7f9c`)
	term.send("\")\r")
	term.expect("name: web-7f9c")
	term.prompt()
	term.run(`pod = _`)
	term.send("pod.spec.con\t")
	term.expect("pod.spec.containers")
	term.send("[1].ima\t")
	term.expect("pod.spec.containers[1].image")
	if out := term.run(""); !strings.Contains(out, "nginx") {
		t.Errorf("pod.spec.containers[1].image printed %q", out)
	}
	prefix := ns[:len(ns)-3]
	term.send(fmt.Sprintf("kube.list(\"pods\", {namespace = \"%s\t", prefix))
	term.expect(fmt.Sprintf(`{namespace = "%s`, ns))
	term.send("\x15:he\t")
	term.expect(":help")
	term.send(" kube.wai\t")
	term.expect(":help kube.wait")
	term.send("\r")
	term.expect("kube.wait(resource, name, predicate [, opts]) -> object\n")
	term.expect("```lua\n")
	term.quit()
}

func TestHistorySurvivesARestart(t *testing.T) {
	state := t.TempDir()
	term := startREPL(t, state, "repl")
	term.prompt()
	term.run(`history_marker = "kept"`)
	term.more("function f()")
	term.run("return 1 end")
	term.quit()
	data, err := os.ReadFile(filepath.Join(state, "klua", "history"))
	if err != nil || !strings.Contains(string(data), `history_marker = "kept"`) {
		t.Fatalf("history file: %q, %v", data, err)
	}

	term = startREPL(t, state, "repl")
	term.prompt()
	term.send("\x1b[A") // up: the last line was :quit
	term.expect(":quit")
	term.send("\x1b[A") // the multi-line function, as one entry
	term.expect("function f() return 1 end")
	term.send("\x15\x12marker") // Ctrl-R: search back
	term.expect("bck-i-search: marker")
	term.send("\r")
	term.expect(`history_marker = "kept"` + "\n")
	if out := term.run("history_marker"); !strings.Contains(out, "kept") {
		t.Errorf("the recalled line did not run: history_marker printed %q; screen:\n%q", out, term.out.String())
	}
	term.quit()
}

func TestCtrlCInterruptsWaitAndTheREPLGoesOn(t *testing.T) {
	ns := testNamespace(t)
	term := startREPL(t, t.TempDir(), "-n", ns, "repl")
	term.prompt()
	term.send(`kube.wait("configmaps", "never-created", function(o) return o ~= nil end)` + "\r")
	term.expect("\n")
	waitForSilence(term)
	term.interrupt()
	term.expect("error: interrupted")
	term.prompt()
	if out := term.run("1 + 1"); !strings.Contains(out, "2") {
		t.Errorf("after Ctrl-C, 1 + 1 printed %q", out)
	}
	term.send("while true do end\r")
	term.expect("\n")
	waitForSilence(term)
	term.interrupt()
	term.expect("error: interrupted")
	term.prompt()
	term.quit()
}

// waitForSilence gives a statement time to start blocking: a Ctrl-C sent
// before it runs would be a key at the prompt instead.
func waitForSilence(term *terminal) {
	for before := term.screen(); ; before = term.screen() {
		sleepBriefly()
		if term.screen() == before {
			return
		}
	}
}

func TestSaveWritesAScriptThatRuns(t *testing.T) {
	ns := testNamespace(t)
	path := filepath.Join(t.TempDir(), "session.lua")
	term := startREPL(t, t.TempDir(), "-n", ns, "repl")
	term.prompt()
	term.run(`n = 20`)
	term.run(`n + 1`)
	term.run(`kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "saved"}, data = {n = tostring(n)}})`)
	term.run(`kube.get("configmaps", "saved")`)
	term.run(`nope()`) // fails: left out of the script
	term.run(`kube.delete("configmaps", "saved")`)
	term.more("function greet(who)")
	term.run(`print("hello " .. who) end`)
	term.run(`greet("script")`)
	if out := term.run(":save " + path); !strings.Contains(out, "saved") {
		t.Errorf(":save printed %q", out)
	}
	term.quit()
	res := kluabin.Run(t, "-n", ns, "run", path)
	if res.Code != 0 {
		src, _ := os.ReadFile(path)
		t.Fatalf("klua run exited %d: %s\nscript:\n%s", res.Code, res.Stderr, src)
	}
	if res.Stdout != "21\nhello script\n" {
		t.Errorf("the script printed %q", res.Stdout)
	}
}

func TestInitScriptKeepsItsGlobals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "init.lua")
	if err := os.WriteFile(path, []byte("#!/usr/bin/env klua\nfrom_init = 6 * 7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	term := startREPL(t, t.TempDir(), "repl", "-i", path)
	term.prompt()
	if out := term.run("from_init"); !strings.Contains(out, "42") {
		t.Errorf("from_init printed %q", out)
	}
	term.quit()
}

// Plain klua on a terminal is the REPL.
func TestPlainKluaOnATerminalStartsTheREPL(t *testing.T) {
	term := startREPL(t, t.TempDir())
	term.expect("klua:default> ")
	term.send("\x04") // Ctrl-D leaves
	<-term.done
	if err := term.cmd.Wait(); err != nil {
		t.Errorf("Ctrl-D: %v", err)
	}
}
