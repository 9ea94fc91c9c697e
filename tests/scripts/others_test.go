package scripts

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// The export applies, as it is, to another namespace.
func TestExportNamespace(t *testing.T) {
	ns := namespace(t, "export")
	lua(t, ns, seedLua+`
		kube.create(deployment("web", {replicas = 1}))
		kube.create({apiVersion = "v1", kind = "Service", metadata = {name = "web"},
		  spec = {selector = {app = "web"}, ports = {{port = 80}}}})
		kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "settings"}, data = {mode = "fast"}})
		kube.create({apiVersion = "v1", kind = "Secret", metadata = {name = "token"}, stringData = {token = "s3cr3t"}})
		wait_for("deployments", "web", available)`)

	res := script(t, nil, "export-namespace.lua", ns)
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	out := res.Stdout
	for _, kind := range []string{"Deployment", "Service", "ConfigMap", "Secret"} {
		matches(t, out, `(?m)^kind: `+kind+`$`)
	}
	matches(t, out, `!(?m)^status:`, `!uid:`, `!resourceVersion:`, `!managedFields`, `!clusterIP`,
		`!kind: ReplicaSet`, `!kube-root-ca\.crt`, `!(?m)^  name: default$`, `!creationTimestamp`)
	matches(t, res.Stderr, `msg=exported .*objects=4`)

	target := namespace(t, "import")
	path := filepath.Join(t.TempDir(), "export.yaml")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	lua(t, target, `
		for _, obj in ipairs(yaml.load_file(`+luaString(path)+`)) do
		  obj.metadata.namespace = nil
		  kube.create(obj)
		end
		assert(kube.get("configmaps", "settings").data.mode == "fast")
		assert(kube.get("services", "web").spec.clusterIP ~= nil)`)
}

func luaString(s string) string { return "[[" + s + "]]" }

// longRunning starts a script that runs until stopped, and returns its
// output lines; the script gets SIGTERM when the test ends.
func longRunning(t *testing.T, args ...string) <-chan string {
	t.Helper()
	cmd := kluabin.Command(t, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return lines
}

// waitLine waits for a line matching re.
func waitLine(t *testing.T, lines <-chan string, re string) {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("the script ended before printing a line matching %q", re)
			}
			if regexp.MustCompile(re).MatchString(l) {
				return
			}
		case <-deadline:
			t.Fatalf("no line matched %q within 60s", re)
		}
	}
}

func TestCrashloopReport(t *testing.T) {
	ns := namespace(t, "crashloop")
	lines := longRunning(t, "run", "scripts/crashloop-report.lua", ns)
	lua(t, ns, seedLua+`kube.create(pod("healthy")); kube.create(pod("crasher", {phase = "CrashLoopBackOff"}))`)
	waitLine(t, lines, `^CrashLoopBackOff `+q(ns)+`/crasher container=c restarts=1 last=Error\(1\)$`)
}

func TestLabelNamespaces(t *testing.T) {
	longRunning(t, "run", "scripts/label-namespaces.lua", "team-from-test")
	ns := namespace(t, "unowned")
	lua(t, "", `kube.wait("namespaces", `+luaString(ns)+`, function(n)
		return n and n.metadata.labels and n.metadata.labels.team == "team-from-test"
	end, {timeout = 60})`)
}

// Every script in scripts/ is run by some test of tests/ (by name), and
// starts with what it does, why, how to run it and the RBAC it needs.
func TestEveryScriptIsTestedAndDocumented(t *testing.T) {
	root, err := testcluster.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	var tests strings.Builder
	testFiles, _ := filepath.Glob(filepath.Join(root, "tests", "*", "*_test.go"))
	for _, f := range testFiles {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tests.Write(src)
	}
	paths, _ := filepath.Glob(filepath.Join(root, "scripts", "*.lua"))
	if len(paths) < 12 {
		t.Errorf("%d scripts, want at least 12", len(paths))
	}
	for _, p := range paths {
		name := filepath.Base(p)
		if !strings.Contains(tests.String(), `"`+name+`"`) && !strings.Contains(tests.String(), `scripts/`+name) {
			t.Errorf("no test in tests/ runs %s", name)
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		header := leadingComments(string(src))
		for _, want := range []string{"-- " + name + ": ", "\n--   klua run scripts/" + name, "\n-- RBAC: "} {
			if !strings.Contains(header, want) {
				t.Errorf("%s: the header lacks %q", name, want)
			}
		}
	}
}

func leadingComments(src string) string {
	var b strings.Builder
	for _, l := range strings.Split(src, "\n") {
		if !strings.HasPrefix(l, "--") {
			break
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}
