package cli

import (
	"bufio"
	"bytes"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klua/klua/tests/kluabin"
)

// A callback that is running when SIGTERM arrives finishes; then the
// process exits 0 with every watch stopped (--debug reports goroutines
// left running).
func TestSigtermLetsTheRunningCallbackFinish(t *testing.T) {
	path := script(t, "slow.lua", `
		local name = arg[1]
		kube.watch("configmaps", {namespace = "default", fieldSelector = "metadata.name=" .. name}, function(ev)
			print("callback started", ev.type)
			io.stdout:flush()
			sleep(1)
			print("callback finished")
		end)
		kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = name}})
		print("watching")`)
	name := "sigterm-test"
	cmd := kluabin.Command(t, "--debug", "run", path, name)
	defer kluabin.Run(t, "-e", `kube.delete("configmaps", "sigterm-test", {ignoreNotFound = true})`)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewReader(stdout)
	waitForLine(t, lines, "callback started")
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(lines)
	err = cmd.Wait()
	if code := exitCode(err); code != 0 {
		t.Errorf("exit code %d after SIGTERM, want 0; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(string(rest), "callback finished") {
		t.Errorf("the running callback did not finish; rest of stdout: %q", rest)
	}
	if strings.Contains(stderr.String(), "goroutines left running") {
		t.Errorf("watches left running:\n%s", stderr.String())
	}
}

// SIGINT stops a script with exit code 130.
func TestSigintExits130(t *testing.T) {
	path := script(t, "forever.lua", `
		kube.watch("namespaces", {}, function() end)
		print("watching")`)
	cmd := kluabin.Command(t, "run", path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForLine(t, bufio.NewReader(stdout), "watching")
	time.Sleep(100 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT)
	if code := exitCode(cmd.Wait()); code != 130 {
		t.Errorf("exit code %d after SIGINT, want 130", code)
	}
}

func waitForLine(t *testing.T, r *bufio.Reader, want string) {
	t.Helper()
	found := make(chan bool, 1)
	go func() {
		for {
			line, err := r.ReadString('\n')
			if strings.Contains(line, want) {
				found <- true
				return
			}
			if err != nil {
				found <- false
				return
			}
		}
	}()
	select {
	case ok := <-found:
		if !ok {
			t.Fatalf("the output ended before %q", want)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("no %q within 30s", want)
	}
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
