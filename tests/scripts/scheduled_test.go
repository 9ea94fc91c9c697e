package scripts

import (
	"bytes"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klua/klua/tests/kluabin"
)

// lua runs a snippet with klua as the admin and fails the test if it
// fails; it returns what the snippet printed.
func lua(t *testing.T, code string, args ...string) string {
	t.Helper()
	res := kluabin.Run(t, append([]string{"-e", code}, args...)...)
	if res.Code != 0 {
		t.Fatalf("klua -e: exit %d\n%s", res.Code, res.Stderr)
	}
	return strings.TrimSpace(res.Stdout)
}

// newNamespace creates a namespace (labels as "k=v" pairs) and deletes it
// when the test ends.
func newNamespace(t *testing.T, prefix string, labels ...string) string {
	t.Helper()
	code := `local ns = {apiVersion = "v1", kind = "Namespace", metadata = {generateName = arg[1] .. "-", labels = {}}}
for i = 2, #arg do local k, v = arg[i]:match("^(.-)=(.*)$"); ns.metadata.labels[k] = v end
print(kube.create(ns).metadata.name)`
	name := lua(t, code, append([]string{prefix}, labels...)...)
	t.Cleanup(func() {
		kluabin.Run(t, "-e", `kube.delete("namespaces", arg[1], {ignoreNotFound = true})`, name)
	})
	return name
}

// jobsScript creates a Job that completes and a suspended one that never
// starts, and waits until the first has completed.
const jobsScript = `local function job(name, suspend)
  return {apiVersion = "batch/v1", kind = "Job", metadata = {name = name},
    spec = {suspend = suspend, template = {spec = {restartPolicy = "Never",
      containers = {{name = "c", image = "busybox", command = {"true"}}}}}}}
end
kube.create(job("done", false))
kube.create(job("waiting", true))
kube.wait("jobs", "done", function(j)
  for _, c in ipairs(j.status and j.status.conditions or {}) do
    if c.type == "Complete" and c.status == "True" then return true end
  end
end, {timeout = 90})`

const jobNames = `local names = {}
for _, j in ipairs(kube.list("jobs").items) do
  if not j.metadata.deletionTimestamp then names[#names + 1] = j.metadata.name end
end
table.sort(names)
print(table.concat(names, ","))`

func TestCleanupJobsOnce(t *testing.T) {
	ns := newNamespace(t, "cleanup")
	lua(t, jobsScript, "-n", ns)
	// Finished, but not a day ago: kept.
	res := kluabin.Run(t, "-n", ns, "run", "scripts/cleanup-jobs.lua", "--once")
	if res.Code != 0 || strings.TrimSpace(res.Stdout) != "deleted 0 jobs" {
		t.Fatalf("exit %d, stdout %q\n%s", res.Code, res.Stdout, res.Stderr)
	}
	res = kluabin.Run(t, "-n", ns, "run", "scripts/cleanup-jobs.lua", "--once", "--max-age", "0")
	if res.Code != 0 || strings.TrimSpace(res.Stdout) != "deleted 1 jobs" {
		t.Fatalf("exit %d, stdout %q\n%s", res.Code, res.Stdout, res.Stderr)
	}
	if !strings.Contains(res.Stderr, "deleted finished job") || !strings.Contains(res.Stderr, "job=done") {
		t.Errorf("no log record of the deletion:\n%s", res.Stderr)
	}
	if got := lua(t, jobNames, "-n", ns); got != "waiting" {
		t.Errorf("jobs left: %q, want only the unfinished one", got)
	}
}

// Without --once the script runs at once, then on its schedule, until
// stopped; SIGTERM ends it cleanly.
func TestCleanupJobsScheduled(t *testing.T) {
	ns := newNamespace(t, "cleanup-sched")
	lua(t, jobsScript, "-n", ns)
	cmd := kluabin.Command(t, "-n", ns, "run", "scripts/cleanup-jobs.lua", "--max-age", "0", "--cron", "*/1 * * * * *")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for lua(t, jobNames, "-n", ns) != "waiting" {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the finished job was not deleted\nstderr:\n%s", stderr.String())
		}
		time.Sleep(500 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "deleted 1 jobs") {
		t.Errorf("stdout: %q", stdout.String())
	}
}

func TestNamespaceTTL(t *testing.T) {
	expired := newNamespace(t, "ttl-expired", "klua.dev/ttl=1s")
	kept := newNamespace(t, "ttl-kept", "klua.dev/ttl=7d")
	bad := newNamespace(t, "ttl-bad", "klua.dev/ttl=soon")
	time.Sleep(2 * time.Second) // creationTimestamp has whole seconds
	res := kluabin.Run(t, "run", "scripts/namespace-ttl.lua", "--once")
	if res.Code != 0 {
		t.Fatalf("exit %d\n%s", res.Code, res.Stderr)
	}
	if !strings.Contains(res.Stderr, "namespace="+bad) || !strings.Contains(res.Stderr, "bad ttl label") {
		t.Errorf("the bad label was not reported:\n%s", res.Stderr)
	}
	state := `local ns = kube.get("namespaces", arg[1], {ignoreNotFound = true})
print(ns == nil and "gone" or ns.metadata.deletionTimestamp and "deleting" or "active")`
	if got := lua(t, state, expired); got == "active" {
		t.Errorf("namespace %s outlived its ttl", expired)
	}
	for _, ns := range []string{kept, bad} {
		if got := lua(t, state, ns); got != "active" {
			t.Errorf("namespace %s is %s, want active", ns, got)
		}
	}
}
