package metrics

import (
	"context"
	"net/url"
	"time"

	clientmetrics "k8s.io/client-go/tools/metrics"
)

// client-go's own requests (leader election's Lease reads and renewals go
// through a typed client, not through klua's kube.Client) are counted by
// client-go's metrics hooks, under the names client-go's users know.

type restLatency struct{ h *histograms }

func (r restLatency) Observe(_ context.Context, verb string, _ url.URL, latency time.Duration) {
	r.h.with(verb, "").Update(latency.Seconds())
}

type restResult struct{ c *counters }

func (r restResult) Increment(_ context.Context, code, method, _ string) {
	r.c.with(code, method).Inc()
}

// RegisterClientGo feeds client-go's request metrics into m. client-go
// takes one registration per process: later calls change nothing.
func (m *Metrics) RegisterClientGo() {
	latency := m.histograms("rest_client_request_duration_seconds", "Latency of client-go's own requests (leader election), by verb.", "verb")
	results := m.counters("rest_client_requests_total", "client-go's own requests (leader election), by HTTP status code and method.", "code", "method")
	clientmetrics.Register(clientmetrics.RegisterOpts{
		RequestLatency: restLatency{latency},
		RequestResult:  restResult{results},
	})
}
