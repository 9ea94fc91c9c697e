package faults

import (
	"bufio"
	"bytes"
	"context"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// stopAPIServer stops the apiserver until the test ends.
func stopAPIServer(t *testing.T) *testcluster.Cluster {
	t.Helper()
	c := testcluster.Get(t)
	c.RequireLocal(t)
	if err := c.StopAPIServer(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { startAPIServer(t, c) })
	return c
}

func startAPIServer(t *testing.T, c *testcluster.Cluster) {
	t.Helper()
	if _, running := c.Pids()["apiserver"]; running {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := c.StartAPIServer(ctx); err != nil {
		t.Fatal(err)
	}
}

// An apiserver that is down when a script starts is a clear error within
// the request timeout, whatever the first call is, and exit code 1.
func TestUnreachableAtStart(t *testing.T) {
	c := stopAPIServer(t)
	for _, src := range []string{
		`kube.get("namespaces", "default")`,
		`kube.request{path = "/api/v1/namespaces"}`,
		`kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "x"}})`,
	} {
		start := time.Now()
		res := kluabin.Run(t, "--request-timeout", "10s", "--cache-dir", t.TempDir(), "-e", src)
		took := time.Since(start)
		want := "cannot reach the API server at " + c.Server
		if res.Code != 1 || !strings.Contains(res.Stderr, want) || !strings.Contains(res.Stderr, "connection refused") {
			t.Errorf("%s: exit %d, want 1 and %q:\n%s", src, res.Code, want, res.Stderr)
		}
		if strings.Count(strings.TrimSpace(res.Stderr), "\n") != 0 {
			t.Errorf("%s: more than the one line of error:\n%s", src, res.Stderr)
		}
		// Not a measure of speed: a run that retried past the timeout
		// would take it several times over.
		if took > 10*time.Second {
			t.Errorf("%s: took %s, more than --request-timeout", src, took)
		}
	}
}

// A request that outlives --request-timeout fails with its own error. The
// apiserver is paused (SIGSTOP): it accepts connections but answers none,
// as a hung server does.
func TestRequestTimeout(t *testing.T) {
	c := testcluster.Get(t)
	c.RequireLocal(t)
	pid := c.Pids()["apiserver"]
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	defer syscall.Kill(pid, syscall.SIGCONT)
	res := kluabin.Run(t, "--request-timeout", "2s", "--cache-dir", t.TempDir(), "-e", `
		local ok, err = pcall(kube.request, {path = "/api/v1/namespaces"})
		print(err.reason)
		kube.get("namespaces", "default")`)
	if res.Code != 1 || strings.TrimSpace(res.Stdout) != "Timeout" ||
		!strings.Contains(res.Stderr, "kube.get: GET /api/v1/namespaces/default: no answer within the request timeout of 2s (--request-timeout)") {
		t.Errorf("exit %d:\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
}

// Mid-run, a read waits out an apiserver restart (retried with backoff),
// and a write during the outage is reported to the script, not retried.
func TestOutageMidRun(t *testing.T) {
	c := testcluster.Get(t)
	c.RequireLocal(t)
	cmd := kluabin.Command(t, "-e", `
		kube.get("namespaces", "default")
		print("ready")
		local reads, failed, reason, msg = 0, 0, nil, nil
		for i = 1, 40 do
			local ok, err = pcall(kube.create, {apiVersion = "v1", kind = "ConfigMap", metadata = {generateName = "outage-"}}, {dryRun = true})
			if not ok then failed, reason, msg = failed + 1, err.reason, tostring(err) end
			assert(kube.get("namespaces", "default").metadata.name == "default")
			reads = reads + 1
			sleep(0.1)
		end
		print("reads", reads)
		print("failed writes", failed, reason)
		print(msg)`)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "ready" {
		t.Fatalf("the script did not start: %q %s", lines.Text(), stderr.String())
	}
	if err := c.StopAPIServer(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	startAPIServer(t, c)
	var out strings.Builder
	for lines.Scan() {
		out.WriteString(lines.Text() + "\n")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v: %s%s", err, out.String(), stderr.String())
	}
	got := out.String()
	if !strings.Contains(got, "reads\t40\n") {
		t.Errorf("the reads did not all succeed:\n%s%s", got, stderr.String())
	}
	if !strings.Contains(got, "\tUnreachable\n") || !strings.Contains(got, "kube.create: cannot reach the API server at "+c.Server) {
		t.Errorf("no write was reported as unreachable:\n%s", got)
	}
}
