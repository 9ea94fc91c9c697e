package main

import (
	"fmt"
	"os"
	"os/exec"
	goruntime "runtime"
	"strconv"
	"strings"
	"time"
)

const heading = "## Side by side"

// report writes the section: the machine and versions, one table with
// every case and tool, the targets with klua's verdicts, the commands.
func (e *bench) report(results []caseResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", heading)
	fmt.Fprintf(&b, "Measured by `go run ./tests/bench/compare` on %s: %d CPUs, %s, %s, %s; load average %s before and %s after (1, 5, 15 min), "+
		"the control plane on the same machine and cores. %s\n\n",
		time.Now().UTC().Format("2006-01-02"), goruntime.NumCPU(), memTotal(), kernel(), goruntime.Version(), e.loadBefore, e.loadAfter, e.versions())
	fmt.Fprintf(&b, "Each cell: median of the runs, (min-max), ratio to curl's median where it has one, and peak resident memory (wait4's ru_maxrss; "+
		"for `curl | jq` the larger of the two). The tools take turns within a case, in an order that rotates, after one warm-up run each. "+
		"The list holds %d ConfigMaps, %.1f MB as compact JSON.\n\n", e.listed, float64(e.jsonLen)/1e6)
	b.WriteString("| case | " + strings.Join(toolOrder, " | ") + " |\n|---" + strings.Repeat("|---", len(toolOrder)) + "|\n")
	floor := e.listFloor(results)
	for _, c := range results {
		cells := []string{c.name}
		for _, t := range toolOrder {
			cells = append(cells, e.cell(c, t, floor))
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	if p50, p95, ok := e.replFigures(); ok {
		fmt.Fprintf(&b, "| 7. REPL: exec to first prompt (p50, p95 of 40) | %.0f ms, %.0f ms | - | - | - | - |\n", p50, p95)
	}
	b.WriteString(e.floors(results))
	b.WriteString("\n" + e.targets(results, floor))
	b.WriteString("\n" + e.commands(results))
	return b.String()
}

// floors reports case 1's Go floors beside klua and curl: what one GET
// costs a minimal Go program, and what linking client-go adds to it.
func (e *bench) floors(results []caseResult) string {
	for _, c := range results {
		if !strings.HasPrefix(c.name, "1.") || c.byTool[toolGo] == nil {
			continue
		}
		tools := append([]string{toolKlua, toolCurl}, floorOrder...)
		var b strings.Builder
		b.WriteString("\nCase 1 beside two Go programs (tests/bench/floor), in the same rotation: the least a Go program does for the GET " +
			"(net/http over HTTP/2, encoding/json into a map), and the same program with the client-go packages klua needs linked " +
			"(kubeconfig loading, discovery and its disk cache, the REST mapper, informers, leader election) but not called.\n\n" +
			"| | " + strings.Join(tools, " | ") + " |\n|---" + strings.Repeat("|---", len(tools)) + "|\n| 1. one GET |")
		for _, t := range tools {
			b.WriteString(" " + e.cell(c, t, 0) + " |")
		}
		b.WriteString("\n")
		return b.String()
	}
	return ""
}

// listFloor is curl's median time for the whole list: the floor of the
// paged case too, which curl has no line of its own for.
func (e *bench) listFloor(results []caseResult) float64 {
	for _, c := range results {
		if r := c.byTool[toolCurl]; c.metric == wallTime && strings.HasPrefix(c.name, "2.") && r != nil {
			return walls(r).med
		}
	}
	return 0
}

func walls(r *result) stats {
	var xs []float64
	for _, s := range r.samples {
		xs = append(xs, s.wall.Seconds())
	}
	return summarize(xs)
}

func anon(r *result) stats {
	var xs []float64
	for _, s := range r.samples {
		xs = append(xs, float64(s.anon)/(1<<20))
	}
	return summarize(xs)
}

func peaks(r *result) stats {
	var xs []float64
	for _, s := range r.samples {
		xs = append(xs, float64(s.maxRSS)/(1<<20))
	}
	return summarize(xs)
}

// figure is the case's figure for each run of r.
func (c caseResult) figure(r *result) stats {
	var xs []float64
	for _, s := range r.samples {
		switch c.metric {
		case wallTime:
			xs = append(xs, s.wall.Seconds())
		case eventRate:
			xs = append(xs, float64(c.events)/s.wall.Seconds())
		case cpuPerEvent:
			xs = append(xs, s.cpu.Seconds()*1000/float64(c.events))
		case residentMem:
			xs = append(xs, float64(s.rss)/(1<<20))
		}
	}
	return summarize(xs)
}

func (e *bench) cell(c caseResult, t string, floor float64) string {
	r := c.byTool[t]
	switch {
	case r == nil && e.tools[t]:
		return "-"
	case r == nil:
		return "not installed"
	case r.err != nil:
		return "failed (" + firstLine(r.err.Error()) + ")"
	case len(r.samples) == 0:
		return "-"
	}
	f := c.figure(r)
	var s string
	switch c.metric {
	case wallTime:
		s = fmt.Sprintf("%s (%s-%s)", seconds(f.med), seconds(f.min), seconds(f.max))
		base := floor
		if cr := c.byTool[toolCurl]; cr != nil && len(cr.samples) > 0 {
			base = walls(cr).med
		}
		if base > 0 {
			s += fmt.Sprintf(", **%.2fx**", f.med/base)
		}
	case eventRate:
		s = fmt.Sprintf("**%.1fk/s** (%.1fk-%.1fk)", f.med/1000, f.min/1000, f.max/1000)
	case cpuPerEvent:
		s = fmt.Sprintf("**%.3f ms** (%.3f-%.3f)", f.med, f.min, f.max)
	case residentMem:
		return fmt.Sprintf("**%.1f MiB** RSS (%.1f-%.1f), of which %.1f MiB anonymous; peak %.0f MiB", f.med, f.min, f.max, anon(r).med, peaks(r).med)
	}
	return s + fmt.Sprintf(", %.0f MiB", peaks(r).med)
}

func seconds(s float64) string {
	if s < 1 {
		return strconv.FormatFloat(s*1000, 'f', 0, 64) + " ms"
	}
	return strconv.FormatFloat(s, 'f', 2, 64) + " s"
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	return strings.ReplaceAll(s, "|", "\\|")
}

// replFigures reads p50 and p95 from BenchmarkStartupToPrompt's output.
func (e *bench) replFigures() (p50, p95 float64, ok bool) {
	f := strings.Fields(e.replOut)
	for i := 1; i < len(f); i++ {
		v, err := strconv.ParseFloat(f[i-1], 64)
		switch {
		case err != nil:
		case f[i] == "p50-ms":
			p50, ok = v, true
		case f[i] == "p95-ms":
			p95 = v
		}
	}
	return p50, p95, ok
}

func (e *bench) versions() string {
	v := []string{firstLine(output(e.env.Klua, "version")) + ", built as released (`CGO_ENABLED=0 go build -trimpath -ldflags '-s -w'`, as deploy/Dockerfile does)"}
	if e.tools[toolCurl] {
		v = append(v, firstLine(output("curl", "--version")))
	}
	if e.tools[toolJq] {
		v = append(v, firstLine(output("jq", "--version")))
	}
	if e.tools[toolKubectl] {
		v = append(v, "kubectl "+firstLine(output("kubectl", "version", "--client")))
	}
	if e.tools[toolPython] {
		v = append(v, "Python client "+firstLine(output("/usr/bin/python3", "-c", "import kubernetes, sys; print(kubernetes.__version__, 'on Python', sys.version.split()[0])")))
	}
	v = append(v, "API server "+e.serverVersion())
	return "Versions: " + strings.Join(v, "; ") + "."
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func memTotal() string {
	b, _ := os.ReadFile("/proc/meminfo")
	var kb int64
	fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%d", &kb)
	return fmt.Sprintf("%.0f GiB", float64(kb)/(1<<20))
}

func kernel() string {
	b, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	return "Linux " + strings.TrimSpace(string(b))
}
