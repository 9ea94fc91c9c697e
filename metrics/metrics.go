// Package metrics holds klua's metrics: what the Lua host, the kube
// client, the schedule module and leader election report, and the Go
// runtime's and the process's own, served in Prometheus' text format. It
// implements the observer interfaces of those packages without importing
// them, so that nothing depends on the metrics library but main.
//
// The library is VictoriaMetrics/metrics rather than Prometheus' own
// client: it writes the same text format with a fraction of the code, and
// the Prometheus client cost every klua process 0.5 ms of package
// initialisation and a daemon 2.3 MiB of resident memory (docs/benchmarks.md).
package metrics

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	vm "github.com/VictoriaMetrics/metrics"
)

// Metrics is one process's metrics.
type Metrics struct {
	set  *vm.Set
	help map[string]string // by family name, for the "# HELP" lines

	callbacks        *counters
	callbackDuration *histograms

	reconciles        *counters
	reconcileDuration *histograms
	watchEvents       *counters
	watchRestarts     *counters

	apiRequests *counters
	apiLatency  *histograms

	scheduleRuns     *counters
	scheduleFailures *counters
	scheduleSkips    *counters
	scheduleDuration *histograms

	leader *gauges
}

// Buckets for callbacks, reconciles, runs and requests: from a cached read
// (a millisecond) to a slow batch (a minute).
var durationBuckets = []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}

// New makes klua's metrics; Go's runtime metrics and the process's (CPU,
// memory, file descriptors) are added when they are served.
func New() *Metrics {
	// TYPE and HELP lines, which the library leaves out by default; the
	// setting is the library's, for the whole process.
	vm.ExposeMetadata(true)
	m := &Metrics{set: vm.NewSet(), help: map[string]string{}}
	m.callbacks = m.counters("klua_callbacks_total", "Callbacks run, by kind (watch, reconcile, schedule) and result (success, error, timeout).", "kind", "result")
	m.callbackDuration = m.histograms("klua_callback_duration_seconds", "How long callbacks ran, by kind.", "kind")
	m.reconciles = m.counters("klua_reconciles_total", "Reconcile handler calls, by resource and result (success, error, requeue).", "resource", "result")
	m.reconcileDuration = m.histograms("klua_reconcile_duration_seconds", "How long reconcile handler calls took, by resource.", "resource")
	m.watchEvents = m.counters("klua_watch_events_total", "Watch events delivered, by resource and type (ADDED, MODIFIED, DELETED).", "resource", "type")
	m.watchRestarts = m.counters("klua_watch_restarts_total", "Watch streams opened again after the first (the server ended the stream, or the connection was lost), by resource.", "resource")
	m.apiRequests = m.counters("klua_api_requests_total", "Requests to the API server, by verb (get, list, watch, create, ...) and HTTP status code.", "verb", "code")
	m.apiLatency = m.histograms("klua_api_request_duration_seconds", "API request latency (until the whole answer was read; until the headers for watches), by verb.", "verb")
	m.scheduleRuns = m.counters("klua_schedule_runs_total", "Schedule runs, by schedule and result (success, error, timeout).", "schedule", "result")
	m.scheduleFailures = m.counters("klua_schedule_failures_total", "Schedule runs that failed (raised an error or timed out), by schedule.", "schedule")
	m.scheduleSkips = m.counters("klua_schedule_skips_total", "Schedule runs skipped because the previous run still ran, by schedule.", "schedule")
	m.scheduleDuration = m.histograms("klua_schedule_run_duration_seconds", "How long schedule runs took, by schedule.", "schedule")
	m.leader = &gauges{family: m.family("klua_leader", "1 while this process holds the leader lease (--leader-elect), else 0, by lease.", "lease")}
	return m
}

// Handler serves the metrics in Prometheus' text format, uncompressed:
// they are a few kilobytes, scraped from inside the cluster.
func (m *Metrics) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Write(m.Render())
	})
}

// Render writes every metric in Prometheus' text format: klua's, then the
// Go runtime's and the process's.
func (m *Metrics) Render() []byte {
	var b bytes.Buffer
	m.set.WritePrometheus(&b)
	vm.WriteProcessMetrics(&b)
	vm.WriteFDMetrics(&b)
	return m.withHelp(b.Bytes())
}

// withHelp completes the library's bare "# HELP name" lines with klua's
// texts, and leaves out those it has none for (the Go runtime's and the
// process's metrics): the format allows a TYPE line alone.
func (m *Metrics) withHelp(text []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(text) + 2048)
	for len(text) > 0 {
		line, rest, _ := bytes.Cut(text, []byte("\n"))
		text = rest
		if name, ok := bytes.CutPrefix(line, []byte("# HELP ")); ok {
			help := m.help[string(name)]
			if help == "" {
				continue
			}
			line = append(line[:len(line):len(line)], ' ')
			line = append(line, help...)
		}
		out.Write(line)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// ObserveCallback records a callback (runtime.Options.ObserveCallback).
func (m *Metrics) ObserveCallback(kind, result string, d time.Duration) {
	if kind == "" {
		kind = "other"
	}
	m.callbacks.with(kind, result).Inc()
	m.callbackDuration.with(kind, "").Update(d.Seconds())
}

// ObserveRequest records an API request (kube.Observer).
func (m *Metrics) ObserveRequest(verb, method string, status int, latency time.Duration) {
	if verb == "" {
		verb = method
	}
	m.apiRequests.with(verb, strconv.Itoa(status)).Inc()
	m.apiLatency.with(verb, "").Update(latency.Seconds())
}

// ObserveWatchEvent records a delivered watch event (kube.WatchObserver).
func (m *Metrics) ObserveWatchEvent(resource, eventType string) {
	m.watchEvents.with(resource, eventType).Inc()
}

// ObserveWatchRestart records a watch stream opened again
// (kube.WatchObserver).
func (m *Metrics) ObserveWatchRestart(resource string) {
	m.watchRestarts.with(resource, "").Inc()
}

// ObserveReconcile records a reconcile handler call
// (kube.ReconcileObserver).
func (m *Metrics) ObserveReconcile(resource, result string, d time.Duration) {
	m.reconciles.with(resource, result).Inc()
	m.reconcileDuration.with(resource, "").Update(d.Seconds())
}

// ObserveScheduleRun records a schedule run (schedule.Observer).
func (m *Metrics) ObserveScheduleRun(name, result string, d time.Duration) {
	m.scheduleRuns.with(name, result).Inc()
	failures := m.scheduleFailures.with(name, "") // the series exists from the first run
	if result != "success" {
		failures.Inc()
	}
	m.scheduleDuration.with(name, "").Update(d.Seconds())
}

// ObserveScheduleSkip records a skipped run (schedule.Observer).
func (m *Metrics) ObserveScheduleSkip(name string) {
	m.scheduleSkips.with(name, "").Inc()
}

// SetLeader records whether this process holds the lease.
func (m *Metrics) SetLeader(lease string, leading bool) {
	v := 0.0
	if leading {
		v = 1
	}
	m.leader.with(lease).Set(v)
}

// escapeLabel escapes a label value as the text format wants it.
var escapeLabel = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace
