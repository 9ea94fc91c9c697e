package metrics

import (
	"strings"
	"sync"

	vm "github.com/VictoriaMetrics/metrics"
)

// A family is one metric name with its label names. The library names each
// series by its whole text ("name{a="x",b="y"}"), so a family builds that
// text once per new combination of values and keeps the series by their
// values: an observation neither allocates nor formats.
type family struct {
	set    *vm.Set
	name   string
	labels []string // one or two label names, in the order callers pass values
	order  []int    // the labels' indexes sorted by name, as Prometheus' client writes them

	mu     sync.RWMutex
	series map[[2]string]any
}

func (m *Metrics) family(name, help string, labels ...string) *family {
	m.help[name] = help
	order := []int{0}
	if len(labels) == 2 {
		order = []int{0, 1}
		if labels[1] < labels[0] {
			order = []int{1, 0}
		}
	}
	return &family{set: m.set, name: name, labels: labels, order: order, series: map[[2]string]any{}}
}

// get returns the series for values (the second is "" for a family of one
// label), making it with create from its full name the first time.
func (f *family) get(values [2]string, create func(name string) any) any {
	f.mu.RLock()
	s, ok := f.series[values]
	f.mu.RUnlock()
	if ok {
		return s
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if s, ok := f.series[values]; ok {
		return s
	}
	s = create(f.seriesName(values))
	f.series[values] = s
	return s
}

func (f *family) seriesName(values [2]string) string {
	var b strings.Builder
	b.WriteString(f.name)
	b.WriteByte('{')
	for i, at := range f.order {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(f.labels[at])
		b.WriteString(`="`)
		b.WriteString(escapeLabel(values[at]))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

type counters struct{ *family }

func (m *Metrics) counters(name, help string, labels ...string) *counters {
	return &counters{m.family(name, help, labels...)}
}

func (c *counters) with(a, b string) *vm.Counter {
	return c.get([2]string{a, b}, func(name string) any { return c.set.GetOrCreateCounter(name) }).(*vm.Counter)
}

type histograms struct{ *family }

func (m *Metrics) histograms(name, help string, labels ...string) *histograms {
	return &histograms{m.family(name, help, labels...)}
}

func (h *histograms) with(a, b string) *vm.PrometheusHistogram {
	return h.get([2]string{a, b}, func(name string) any {
		return h.set.GetOrCreatePrometheusHistogramExt(name, durationBuckets)
	}).(*vm.PrometheusHistogram)
}

type gauges struct{ *family }

func (g *gauges) with(a string) *vm.Gauge {
	return g.get([2]string{a, ""}, func(name string) any { return g.set.GetOrCreateGauge(name, nil) }).(*vm.Gauge)
}
