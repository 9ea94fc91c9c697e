// Package metrics holds klua's Prometheus metrics: what the Lua host, the
// kube client, the schedule module and leader election report, and the Go
// runtime's and the process's own, served in Prometheus' text format. It
// implements the observer interfaces of those packages without importing
// them, so that nothing depends on Prometheus but main.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is one process's registry.
type Metrics struct {
	reg *prometheus.Registry

	callbacks        *prometheus.CounterVec
	callbackDuration *prometheus.HistogramVec

	reconciles        *prometheus.CounterVec
	reconcileDuration *prometheus.HistogramVec
	watchEvents       *prometheus.CounterVec
	watchRestarts     *prometheus.CounterVec

	apiRequests *prometheus.CounterVec
	apiLatency  *prometheus.HistogramVec

	scheduleRuns     *prometheus.CounterVec
	scheduleFailures *prometheus.CounterVec
	scheduleSkips    *prometheus.CounterVec
	scheduleDuration *prometheus.HistogramVec

	leader *prometheus.GaugeVec
}

// Buckets for callbacks, reconciles, runs and requests: from a cached read
// (a millisecond) to a slow batch (a minute).
var durationBuckets = []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}

// New makes the registry with klua's metrics, Go's runtime metrics and the
// process's (CPU, memory, file descriptors).
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.callbacks = m.counter("klua_callbacks_total", "Callbacks run, by kind (watch, reconcile, schedule) and result (success, error, timeout).", "kind", "result")
	m.callbackDuration = m.histogram("klua_callback_duration_seconds", "How long callbacks ran, by kind.", "kind")
	m.reconciles = m.counter("klua_reconciles_total", "Reconcile handler calls, by resource and result (success, error, requeue).", "resource", "result")
	m.reconcileDuration = m.histogram("klua_reconcile_duration_seconds", "How long reconcile handler calls took, by resource.", "resource")
	m.watchEvents = m.counter("klua_watch_events_total", "Watch events delivered, by resource and type (ADDED, MODIFIED, DELETED).", "resource", "type")
	m.watchRestarts = m.counter("klua_watch_restarts_total", "Watch streams opened again after the first (the server ended the stream, or the connection was lost), by resource.", "resource")
	m.apiRequests = m.counter("klua_api_requests_total", "Requests to the API server, by verb (get, list, watch, create, ...) and HTTP status code.", "verb", "code")
	m.apiLatency = m.histogram("klua_api_request_duration_seconds", "API request latency (until the whole answer was read; until the headers for watches), by verb.", "verb")
	m.scheduleRuns = m.counter("klua_schedule_runs_total", "Schedule runs, by schedule and result (success, error, timeout).", "schedule", "result")
	m.scheduleFailures = m.counter("klua_schedule_failures_total", "Schedule runs that failed (raised an error or timed out), by schedule.", "schedule")
	m.scheduleSkips = m.counter("klua_schedule_skips_total", "Schedule runs skipped because the previous run still ran, by schedule.", "schedule")
	m.scheduleDuration = m.histogram("klua_schedule_run_duration_seconds", "How long schedule runs took, by schedule.", "schedule")
	m.leader = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "klua_leader",
		Help: "1 while this process holds the leader lease (--leader-elect), else 0, by lease."}, []string{"lease"})
	m.reg.MustRegister(m.leader)
	return m
}

func (m *Metrics) counter(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	m.reg.MustRegister(c)
	return c
}

func (m *Metrics) histogram(name, help string, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: name, Help: help, Buckets: durationBuckets}, labels)
	m.reg.MustRegister(h)
	return h
}

// Register adds a collector of someone else's (client-go's, say).
func (m *Metrics) Register(c prometheus.Collector) error { return m.reg.Register(c) }

// Handler serves the metrics in Prometheus' text format, uncompressed:
// they are a few kilobytes, scraped from inside the cluster, and a pooled
// gzip writer held 1.4 MiB of a daemon's live heap between scrapes (a
// heap profile of the soak's daemon), a sixth of it.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, DisableCompression: true})
}

// ObserveCallback records a callback (runtime.Options.ObserveCallback).
func (m *Metrics) ObserveCallback(kind, result string, d time.Duration) {
	if kind == "" {
		kind = "other"
	}
	m.callbacks.WithLabelValues(kind, result).Inc()
	m.callbackDuration.WithLabelValues(kind).Observe(d.Seconds())
}

// ObserveRequest records an API request (kube.Observer).
func (m *Metrics) ObserveRequest(verb, method string, status int, latency time.Duration) {
	if verb == "" {
		verb = method
	}
	m.apiRequests.WithLabelValues(verb, strconv.Itoa(status)).Inc()
	m.apiLatency.WithLabelValues(verb).Observe(latency.Seconds())
}

// ObserveWatchEvent records a delivered watch event (kube.WatchObserver).
func (m *Metrics) ObserveWatchEvent(resource, eventType string) {
	m.watchEvents.WithLabelValues(resource, eventType).Inc()
}

// ObserveWatchRestart records a watch stream opened again
// (kube.WatchObserver).
func (m *Metrics) ObserveWatchRestart(resource string) {
	m.watchRestarts.WithLabelValues(resource).Inc()
}

// ObserveReconcile records a reconcile handler call
// (kube.ReconcileObserver).
func (m *Metrics) ObserveReconcile(resource, result string, d time.Duration) {
	m.reconciles.WithLabelValues(resource, result).Inc()
	m.reconcileDuration.WithLabelValues(resource).Observe(d.Seconds())
}

// ObserveScheduleRun records a schedule run (schedule.Observer).
func (m *Metrics) ObserveScheduleRun(name, result string, d time.Duration) {
	m.scheduleRuns.WithLabelValues(name, result).Inc()
	if result != "success" {
		m.scheduleFailures.WithLabelValues(name).Inc()
	} else {
		m.scheduleFailures.WithLabelValues(name).Add(0) // the series exists from the first run
	}
	m.scheduleDuration.WithLabelValues(name).Observe(d.Seconds())
}

// ObserveScheduleSkip records a skipped run (schedule.Observer).
func (m *Metrics) ObserveScheduleSkip(name string) {
	m.scheduleSkips.WithLabelValues(name).Inc()
}

// SetLeader records whether this process holds the lease.
func (m *Metrics) SetLeader(lease string, leading bool) {
	v := 0.0
	if leading {
		v = 1
	}
	m.leader.WithLabelValues(lease).Set(v)
}
