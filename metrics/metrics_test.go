package metrics

import (
	"bytes"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// parse reads m's exposition with Prometheus' own parser, as a scrape does.
func parse(t *testing.T, m *Metrics) (map[string]*dto.MetricFamily, string) {
	t.Helper()
	text := m.Render()
	p := expfmt.NewTextParser(model.LegacyValidation)
	families, err := p.TextToMetricFamilies(bytes.NewReader(text))
	if err != nil {
		t.Fatalf("Prometheus cannot parse /metrics: %v\n%s", err, text)
	}
	return families, string(text)
}

func labels(m *dto.Metric) map[string]string {
	l := map[string]string{}
	for _, p := range m.GetLabel() {
		l[p.GetName()] = p.GetValue()
	}
	return l
}

func TestExpositionParses(t *testing.T) {
	m := New()
	m.ObserveCallback("watch", "success", 3*time.Millisecond)
	m.ObserveCallback("watch", "success", 30*time.Millisecond)
	m.ObserveCallback("", "error", time.Second)
	m.ObserveRequest("get", "GET", 200, 2*time.Millisecond)
	m.ObserveRequest("", "POST", 201, 2*time.Millisecond)
	m.ObserveWatchEvent("configmaps", "ADDED")
	m.ObserveWatchRestart("pods")
	m.ObserveReconcile("deployments.apps", "requeue", time.Millisecond)
	// Schedule names are the script's: quotes, backslashes and newlines
	// must be escaped, not break the format.
	odd := "nightly \"backup\"\\\nof db"
	m.ObserveScheduleRun(odd, "success", time.Second)
	m.ObserveScheduleRun(odd, "error", time.Second)
	m.ObserveScheduleSkip(odd)
	m.SetLeader("kube-system/klua", true)

	families, text := parse(t, m)

	callbacks := families["klua_callbacks_total"]
	if callbacks.GetType() != dto.MetricType_COUNTER || !strings.Contains(callbacks.GetHelp(), "Callbacks run") {
		t.Errorf("klua_callbacks_total: type %v, help %q", callbacks.GetType(), callbacks.GetHelp())
	}
	got := map[string]float64{}
	for _, s := range callbacks.GetMetric() {
		l := labels(s)
		got[l["kind"]+"/"+l["result"]] = s.GetCounter().GetValue()
	}
	if got["watch/success"] != 2 || got["other/error"] != 1 || len(got) != 2 {
		t.Errorf("klua_callbacks_total: %v", got)
	}

	h := families["klua_callback_duration_seconds"]
	if h.GetType() != dto.MetricType_HISTOGRAM {
		t.Fatalf("klua_callback_duration_seconds is a %v", h.GetType())
	}
	for _, s := range h.GetMetric() {
		if labels(s)["kind"] != "watch" {
			continue
		}
		hist := s.GetHistogram()
		// The parser keeps the +Inf bucket.
		if hist.GetSampleCount() != 2 || len(hist.GetBucket()) != len(durationBuckets)+1 {
			t.Errorf("watch callbacks: %d samples, %d buckets", hist.GetSampleCount(), len(hist.GetBucket()))
		}
		for _, b := range hist.GetBucket() {
			want := uint64(0)
			switch {
			case b.GetUpperBound() >= 0.03:
				want = 2
			case b.GetUpperBound() >= 0.003:
				want = 1
			}
			if b.GetCumulativeCount() != want {
				t.Errorf("bucket le=%g: %d, want %d", b.GetUpperBound(), b.GetCumulativeCount(), want)
			}
		}
	}

	requests := map[string]float64{}
	for _, s := range families["klua_api_requests_total"].GetMetric() {
		l := labels(s)
		requests[l["verb"]+"/"+l["code"]] = s.GetCounter().GetValue()
	}
	if requests["get/200"] != 1 || requests["POST/201"] != 1 {
		t.Errorf("klua_api_requests_total: %v", requests)
	}

	runs := families["klua_schedule_runs_total"].GetMetric()
	if len(runs) != 2 || labels(runs[0])["schedule"] != odd {
		t.Errorf("schedule label: %v", runs)
	}
	failures := families["klua_schedule_failures_total"].GetMetric()
	if len(failures) != 1 || failures[0].GetCounter().GetValue() != 1 {
		t.Errorf("klua_schedule_failures_total: %v", failures)
	}
	if l := families["klua_leader"].GetMetric(); len(l) != 1 || l[0].GetGauge().GetValue() != 1 {
		t.Errorf("klua_leader: %v", l)
	}

	// Label names in the order Prometheus' client writes them, so that
	// dashboards and greps keep working.
	for _, want := range []string{
		`klua_api_requests_total{code="200",verb="get"} 1`,
		`klua_schedule_runs_total{result="success",schedule="nightly \"backup\"\\\nof db"} 1`,
		`klua_watch_events_total{resource="configmaps",type="ADDED"} 1`,
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("no line %s", want)
		}
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_inuse_bytes", "process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds"} {
		if families[name] == nil {
			t.Errorf("no %s", name)
		}
	}
}

// Before anything is observed, families have no series and print nothing,
// and the output still parses.
func TestExpositionEmpty(t *testing.T) {
	families, _ := parse(t, New())
	if f := families["klua_callbacks_total"]; f != nil {
		t.Errorf("klua_callbacks_total without callbacks: %v", f)
	}
}

// An observation of a series that exists neither allocates nor formats.
func TestObserveDoesNotAllocate(t *testing.T) {
	m := New()
	m.ObserveWatchEvent("configmaps", "MODIFIED")
	m.ObserveCallback("watch", "success", time.Millisecond)
	allocs := testing.AllocsPerRun(100, func() {
		m.ObserveWatchEvent("configmaps", "MODIFIED")
		m.ObserveCallback("watch", "success", time.Millisecond)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per observation", allocs)
	}
}

func BenchmarkObserveWatchEvent(b *testing.B) {
	m := New()
	b.ReportAllocs()
	for b.Loop() {
		m.ObserveWatchEvent("configmaps", "MODIFIED")
	}
}
