package main

import (
	"fmt"
	"os"
	goruntime "runtime"
	"strings"
	"time"
)

const heading = "## Daemon memory (soak)"

// report writes the section: how it was measured, the verdict, and the
// series (one row a minute).
func report(c config, e *env, samples []sample) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", heading)
	fmt.Fprintf(&b, "A klua daemon with one watch over %d ConfigMaps and a schedule that runs every second\n", c.objects)
	fmt.Fprintf(&b, "(and patches one of them, so that the watch sees a steady stream of events), run for %s;\n", c.duration)
	fmt.Fprintf(&b, "resident memory (VmRSS) and Go heap in use (`go_memstats_heap_inuse_bytes` on `/metrics`) sampled every %s.\n", c.every)
	fmt.Fprintf(&b, "Measured by `go run ./tests/bench/soak` on %s, %d CPUs, %s, %s; the control plane ran on the same machine.\n\n",
		time.Now().UTC().Format("2006-01-02"), goruntime.NumCPU(), goruntime.Version(), hostKind())
	if len(samples) < 6 {
		fmt.Fprintf(&b, "Too few samples (%d) for a verdict.\n", len(samples))
		return b.String()
	}
	v := verdict(samples)
	fmt.Fprintf(&b, "**%s** RSS %.1f MiB after the first minute, %.1f MiB at the end (peak %.1f MiB); "+
		"over the second half RSS moved %+.2f MiB/min and heap %+.2f MiB/min. "+
		"%d schedule runs, %d watch events, no run missed: %v.\n\n",
		v.text, mib(v.firstMinute), mib(v.last.rss), mib(v.peak), v.rssSlope, v.heapSlope,
		v.last.runs, v.last.events, v.last.runs >= int64(v.last.at/time.Second)-5)
	b.WriteString("| time | RSS MiB | heap in use MiB | schedule runs | watch events |\n|---|---|---|---|---|\n")
	next := time.Duration(0)
	for i, s := range samples {
		if s.at >= next || i == len(samples)-1 {
			fmt.Fprintf(&b, "| %s | %.1f | %.1f | %d | %d |\n", s.at.Round(time.Second), mib(s.rss), mib(s.heap), s.runs, s.events)
			next = s.at.Truncate(time.Minute) + time.Minute
		}
	}
	return b.String()
}

type summary struct {
	text                string
	firstMinute, peak   int64
	rssSlope, heapSlope float64 // MiB per minute over the second half
	last                sample
}

// verdict: memory levels off when, over the second half of the run, RSS
// grows less than 0.2 MiB a minute (a leak of one object per event or run
// would show as several).
func verdict(samples []sample) summary {
	s := summary{last: samples[len(samples)-1]}
	for _, x := range samples {
		if s.firstMinute == 0 && x.at >= time.Minute {
			s.firstMinute = x.rss
		}
		s.peak = max(s.peak, x.rss)
	}
	half := samples[len(samples)/2:]
	s.rssSlope = slope(half, func(x sample) int64 { return x.rss })
	s.heapSlope = slope(half, func(x sample) int64 { return x.heap })
	s.text = "Memory levels off."
	if s.rssSlope > 0.2 {
		s.text = "Memory still grows."
	}
	return s
}

// slope is the least-squares slope of f over the samples, in MiB/min.
func slope(xs []sample, f func(sample) int64) float64 {
	var n, sx, sy, sxx, sxy float64
	for _, x := range xs {
		t, y := x.at.Minutes(), mib(f(x))
		n++
		sx += t
		sy += y
		sxx += t * t
		sxy += t * y
	}
	if d := n*sxx - sx*sx; d != 0 {
		return (n*sxy - sx*sy) / d
	}
	return 0
}

func hostKind() string {
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%d", &kb)
		return fmt.Sprintf("%.0f GiB", float64(kb)/(1<<20))
	}
	return "unknown memory"
}
