package daemon

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The lease timings of these tests: short, so that hand-overs take seconds.
const (
	leaseDuration = 4 * time.Second
	renewDeadline = 3 * time.Second
	retryPeriod   = 500 * time.Millisecond
)

// leaderScript runs every 200 ms, lists Jobs (as the shipped Role allows)
// and prints when each run started and ended.
const leaderScript = `local id = arg[1]
schedule.every(0.2, function()
  local t0 = time.now()
  kube.list("jobs")
  print(string.format("run %s %.3f %.3f", id, t0, time.now()))
end, {name = "leader-test"})
`

// replicas sets up the deploy files' ServiceAccount and Role in a new
// namespace, and starts two klua processes that authenticate as it and
// elect a leader with the shipped Lease name.
func replicas(t *testing.T) (ns string, a, b *process) {
	ns = namespace(t, "leader")
	if res := applyFile(t, ns, "deploy/kubernetes/rbac.yaml", false); res.Code != 0 {
		t.Fatalf("applying rbac.yaml: %s", res.Stderr)
	}
	kc := serviceAccountKubeconfig(t, ns, "klua-cleanup-jobs")
	script := filepath.Join(t.TempDir(), "leader.lua")
	if err := os.WriteFile(script, []byte(leaderScript), 0o644); err != nil {
		t.Fatal(err)
	}
	args := func(id string) []string {
		return []string{"--leader-elect", "--leader-elect-name=klua-cleanup-jobs", "--metrics-addr=" + freeAddr(t),
			"--leader-elect-lease-duration=" + leaseDuration.String(),
			"--leader-elect-renew-deadline=" + renewDeadline.String(),
			"--leader-elect-retry-period=" + retryPeriod.String(), "run", script, id}
	}
	return ns, start(t, kc, args("a")...), start(t, kc, args("b")...)
}

// run is one schedule run as a process printed it.
type run struct{ start, end float64 }

var runRE = regexp.MustCompile(`(?m)^run \w+ ([\d.]+) ([\d.]+)$`)

func runsOf(p *process) []run {
	var runs []run
	for _, m := range runRE.FindAllStringSubmatch(p.stdout.String(), -1) {
		s, _ := strconv.ParseFloat(m[1], 64)
		e, _ := strconv.ParseFloat(m[2], 64)
		runs = append(runs, run{s, e})
	}
	return runs
}

// leaderOf waits until one of the two runs the schedule, and returns it
// first.
func leaderOf(t *testing.T, a, b *process) (leader, standby *process) {
	t.Helper()
	waitFor(t, 60*time.Second, "a leader to run the schedule", func() bool {
		return len(runsOf(a)) >= 3 || len(runsOf(b)) >= 3
	})
	if len(runsOf(a)) >= 3 {
		return a, b
	}
	return b, a
}

// noOverlap checks that every run of the new leader started after the
// last run of the old one ended.
func noOverlap(t *testing.T, old, new *process) {
	t.Helper()
	o, n := runsOf(old), runsOf(new)
	if len(o) == 0 || len(n) == 0 {
		t.Fatalf("runs: old leader %d, new leader %d", len(o), len(n))
	}
	if last, first := o[len(o)-1], n[0]; first.start <= last.end {
		t.Errorf("the new leader's first run started at %.3f, before the old leader's last run ended at %.3f", first.start, last.end)
	}
}

// scrape reads a process's /metrics (its --metrics-addr flag says where).
func scrape(t *testing.T, p *process) string {
	t.Helper()
	for _, a := range p.cmd.Args {
		if addr, ok := strings.CutPrefix(a, "--metrics-addr="); ok {
			_, body := get("http://" + addr + "/metrics")
			return body
		}
	}
	t.Fatal("the process serves no metrics")
	return ""
}

// holder is the Lease's holderIdentity.
func holder(t *testing.T, ns string) string {
	status, body := admin(t, "GET", "/apis/coordination.k8s.io/v1/namespaces/"+ns+"/leases/klua-cleanup-jobs", nil)
	if status != 200 {
		t.Fatalf("GET lease: %d %s", status, body)
	}
	var lease struct {
		Spec struct {
			HolderIdentity *string
		}
	}
	json.Unmarshal(body, &lease)
	if lease.Spec.HolderIdentity == nil {
		return ""
	}
	return *lease.Spec.HolderIdentity
}

// Only the leader runs the schedule; kill -9 of the leader hands over
// within the lease duration (and a retry), and the runs never overlap; a
// leader stopped with SIGTERM releases the Lease and exits 0.
func TestLeaderElectionHandsOver(t *testing.T) {
	ns, a, b := replicas(t)
	leader, standby := leaderOf(t, a, b)
	time.Sleep(2 * time.Second)
	if n := len(runsOf(standby)); n != 0 {
		t.Fatalf("the standby ran the schedule %d times while the other one led", n)
	}
	if h := holder(t, ns); h == "" {
		t.Fatal("the Lease has no holder")
	}
	lease := `lease="` + ns + `/klua-cleanup-jobs"`
	for _, c := range []struct {
		p    *process
		want float64
	}{{leader, 1}, {standby, 0}} {
		body := scrape(t, c.p)
		if v, ok := metric(body, "klua_leader", lease); !ok || v != c.want {
			t.Errorf("klua_leader{%s} = %v (found %v), want %v", lease, v, ok, c.want)
		}
		if _, ok := metric(body, "rest_client_requests_total", `code="200",method="(GET|PUT)"`); !ok {
			t.Errorf("no rest_client_requests_total for the Lease's requests")
		}
	}
	if err := leader.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	waitFor(t, 30*time.Second, "the standby to take over", func() bool { return len(runsOf(standby)) > 0 })
	first := runsOf(standby)[0].start
	handover := time.Duration((first - float64(killed.UnixNano())/1e9) * float64(time.Second))
	t.Logf("hand-over after kill -9: %s (lease duration %s)", handover.Round(10*time.Millisecond), leaseDuration)
	// The standby takes over once the lease has not been renewed for the
	// lease duration, checking every retry period (with jitter): the
	// first run follows within one interval.
	if limit := leaseDuration + 2*retryPeriod + time.Second; handover > limit {
		t.Errorf("hand-over took %s, more than %s", handover, limit)
	}
	noOverlap(t, leader, standby)

	if err := standby.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := standby.exitCode(t, 20*time.Second); code != 0 {
		t.Errorf("the leader stopped with SIGTERM exited %d, want 0", code)
	}
	if h := holder(t, ns); h != "" {
		t.Errorf("the Lease is still held by %q after its leader stopped", h)
	}
}

// A leader that cannot renew its Lease (frozen here past the lease
// duration, as a starved or paused process is) stops running the
// schedule and exits non-zero, so that Kubernetes restarts it; the
// standby has taken over meanwhile, and the runs never overlap.
func TestLeaderThatLosesTheLeaseExits(t *testing.T) {
	_, a, b := replicas(t)
	leader, standby := leaderOf(t, a, b)
	if err := leader.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "the standby to take over", func() bool { return len(runsOf(standby)) > 0 })
	time.Sleep(time.Second)
	before := len(runsOf(leader))
	if err := leader.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	if code := leader.exitCode(t, 20*time.Second); code == 0 {
		t.Errorf("the leader that lost its lease exited 0")
	}
	if after := len(runsOf(leader)); after != before {
		t.Errorf("the old leader ran %d more times after it woke up without its lease", after-before)
	}
	if !regexp.MustCompile(`lost the leader lease`).MatchString(leader.stderr.String()) {
		t.Errorf("the old leader did not say why it exited:\n%s", leader.stderr)
	}
	noOverlap(t, leader, standby)
}
