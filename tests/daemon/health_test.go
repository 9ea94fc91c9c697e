package daemon

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// healthScript watches and reconciles the namespace's ConfigMaps and runs
// a schedule
// every 200 ms whose every fifth run fails and whose tenth is stuck for
// 2.5 s, longer than the test's --health-callback-limit.
const healthScript = `kube.watch("configmaps", {}, function(ev) end)
kube.reconcile("configmaps", {}, function(obj, key) end)
local n = 0
schedule.every(0.2, function()
  n = n + 1
  if n % 5 == 0 then error("every fifth run fails") end
  if n == 12 then sleep(2.5) end
end, {name = "health-test"})
`

// metric returns the sum of the samples of a metric whose labels match
// labels (a regular expression; Prometheus writes labels sorted by name),
// and whether there was any.
func metric(body, name, labels string) (float64, bool) {
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `\{([^}]*)\} (\S+)$`)
	var sum float64
	found := false
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		if regexp.MustCompile(labels).MatchString(m[1]) {
			v, _ := strconv.ParseFloat(m[2], 64)
			sum += v
			found = true
		}
	}
	return sum, found
}

// /metrics shows the counters moving; /readyz answers once the watch has
// synced; /healthz fails while a callback is stuck past the limit, and
// recovers.
func TestMetricsAndHealth(t *testing.T) {
	ns := namespace(t, "health")
	script := filepath.Join(t.TempDir(), "health.lua")
	if err := os.WriteFile(script, []byte(healthScript), 0o644); err != nil {
		t.Fatal(err)
	}
	metricsAddr, healthAddr := freeAddr(t), freeAddr(t)
	p := start(t, "", "-n", ns, "--metrics-addr", metricsAddr, "--health-addr", healthAddr,
		"--health-callback-limit=1s", "run", script)
	metrics := func() string { _, body := get("http://" + metricsAddr + "/metrics"); return body }

	waitFor(t, 30*time.Second, "/readyz to answer 200", func() bool {
		status, _ := get("http://" + healthAddr + "/readyz")
		return status == 200
	})
	if status, body := get("http://" + healthAddr + "/healthz"); status != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("/healthz: %d %q", status, body)
	}
	waitFor(t, 30*time.Second, "a few schedule runs", func() bool {
		v, _ := metric(metrics(), "klua_schedule_runs_total", `result="success",schedule="health-test"`)
		return v >= 3
	})
	first := metrics()
	status, body := admin(t, "POST", "/api/v1/namespaces/"+ns+"/configmaps", map[string]any{
		"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"name": "poke"}})
	if status != 201 {
		t.Fatalf("creating a ConfigMap: %d %s", status, body)
	}
	// Run 12 is stuck for 2.5 s: /healthz fails once it has run for 1 s.
	waitFor(t, 30*time.Second, "/healthz to fail while a callback is stuck", func() bool {
		status, _ := get("http://" + healthAddr + "/healthz")
		return status == 503
	})
	_, why := get("http://" + healthAddr + "/healthz")
	if !strings.Contains(why, "schedule health-test") {
		t.Errorf("/healthz does not say what is stuck: %q", why)
	}
	waitFor(t, 30*time.Second, "/healthz to recover", func() bool {
		status, _ := get("http://" + healthAddr + "/healthz")
		return status == 200
	})
	second := metrics()

	moved := []struct{ name, labels string }{
		{"klua_schedule_runs_total", `result="success",schedule="health-test"`},
		{"klua_schedule_runs_total", `result="error",schedule="health-test"`},
		{"klua_schedule_failures_total", `schedule="health-test"`},
		{"klua_schedule_skips_total", `schedule="health-test"`},
		{"klua_schedule_run_duration_seconds_count", `schedule="health-test"`},
		{"klua_callbacks_total", `kind="schedule",result="success"`},
		{"klua_callbacks_total", `kind="watch",result="success"`},
		{"klua_watch_events_total", `resource="configmaps",type="ADDED"`},
		{"klua_reconciles_total", `resource="configmaps",result="success"`},
		{"klua_reconcile_duration_seconds_count", `resource="configmaps"`},
		{"klua_callbacks_total", `kind="reconcile",result="success"`},
	}
	for _, m := range moved {
		before, _ := metric(first, m.name, m.labels)
		after, ok := metric(second, m.name, m.labels)
		if !ok || after <= before {
			t.Errorf("%s{%s} did not move: %v then %v", m.name, m.labels, before, after)
		}
	}
	present := []struct{ name, labels string }{
		{"klua_api_requests_total", `code="200",verb="watch"`},
		{"klua_api_request_duration_seconds_count", `verb="watch"`},
		{"klua_callback_duration_seconds_count", `kind="schedule"`},
	}
	for _, m := range present {
		if v, ok := metric(second, m.name, m.labels); !ok || v == 0 {
			t.Errorf("no %s{%s} in /metrics", m.name, m.labels)
		}
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_inuse_bytes", "process_resident_memory_bytes"} {
		if !regexp.MustCompile(`(?m)^` + name + ` `).MatchString(second) {
			t.Errorf("no %s in /metrics", name)
		}
	}
	if p.stdout.String() != "" {
		t.Logf("stdout: %s", p.stdout)
	}
}
