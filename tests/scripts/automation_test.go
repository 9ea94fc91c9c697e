package scripts

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klua/klua/tests/kluabin"
)

// daemon is a long-running klua script whose output is read line by line.
type daemon struct {
	t      *testing.T
	lines  chan string
	stderr bytes.Buffer
	stop   func() int
}

func startDaemon(t *testing.T, args ...string) *daemon {
	t.Helper()
	cmd := kluabin.Command(t, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	d := &daemon{t: t, lines: make(chan string, 100)}
	cmd.Stderr = &d.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				d.lines <- line
			}
			if err == io.EOF || err != nil {
				close(d.lines)
				return
			}
		}
	}()
	done := make(chan int, 1)
	go func() { cmd.Wait(); done <- cmd.ProcessState.ExitCode() }()
	d.stop = func() int {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case code := <-done:
			return code
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			return -1
		}
	}
	t.Cleanup(func() { d.stop() })
	return d
}

// expectLine waits for a line containing want.
func (d *daemon) expectLine(want string) string {
	d.t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case line, ok := <-d.lines:
			if !ok {
				d.t.Fatalf("output ended before %q; stderr:\n%s", want, d.stderr.String())
			}
			if strings.Contains(line, want) {
				return line
			}
		case <-timeout:
			d.t.Fatalf("no %q within 60s; stderr:\n%s", want, d.stderr.String())
		}
	}
}

func TestLabelNamespaces(t *testing.T) {
	d := startDaemon(t, "run", "scripts/label-namespaces.lua", "team-x")
	lua(t, `kube.create({apiVersion = "v1", kind = "Namespace", metadata = {name = "unowned"}})
		kube.create({apiVersion = "v1", kind = "Namespace", metadata = {name = "owned", labels = {team = "db"}}})`)
	out := lua(t, `
		local ns = kube.wait("namespaces", "unowned", function(ns)
			return ns.metadata.labels and ns.metadata.labels.team ~= nil
		end, {timeout = 30})
		print(ns.metadata.labels.team)
		print(kube.get("namespaces", "owned").metadata.labels.team)
		print(kube.get("namespaces", "default").metadata.labels.team)`)
	if got := strings.Fields(out); len(got) != 3 || got[0] != "team-x" || got[1] != "db" || got[2] != "team-x" {
		t.Errorf("teams of unowned, owned, default: %q", got)
	}
	if !strings.Contains(d.stderr.String(), `msg="labelled namespace" script=scripts/label-namespaces.lua`) {
		t.Errorf("no log record of the labelling:\n%s", d.stderr.String())
	}
	if code := d.stop(); code != 0 {
		t.Errorf("exit %d after SIGTERM", code)
	}
}

func TestCrashloopReport(t *testing.T) {
	lua(t, `kube.create({apiVersion = "v1", kind = "Namespace", metadata = {name = "crashes"}})`)
	d := startDaemon(t, "run", "scripts/crashloop-report.lua", "crashes")
	time.Sleep(500 * time.Millisecond) // the watch lists first
	lua(t, `
		local function pod(name, phase)
			return {apiVersion = "v1", kind = "Pod",
				metadata = {name = name, namespace = "crashes",
					annotations = phase and {["klua.dev/fake-phase"] = phase} or nil},
				spec = {containers = {{name = "app", image = "busybox"}}}}
		end
		kube.create(pod("healthy"))
		kube.create(pod("crasher", "CrashLoopBackOff"))`)
	line := d.expectLine("CrashLoopBackOff crashes/")
	if !strings.Contains(line, "crashes/crasher container=app restarts=") {
		t.Errorf("report: %q", line)
	}
	// Reported once per episode, and never for the healthy pod.
	lua(t, `kube.patch("pods", "crasher", {metadata = {labels = {touched = "yes"}}}, {namespace = "crashes"})`)
	time.Sleep(2 * time.Second)
	d.stop()
	for line := range d.lines {
		t.Errorf("unexpected report: %q", line)
	}
}
