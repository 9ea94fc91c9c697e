package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/klua/klua/kube"
)

// target is one of the targets and klua's figure against it.
type target struct {
	what, figure string
	met          bool
}

// targets checks klua's figures of this run against the targets.
func (e *bench) targets(results []caseResult, floor float64) string {
	var ts []target
	find := func(prefix string) (caseResult, *result) {
		for _, c := range results {
			if strings.HasPrefix(c.name, prefix) {
				if r := c.byTool[toolKlua]; r != nil && r.err == nil && len(r.samples) > 0 {
					return c, r
				}
			}
		}
		return caseResult{}, nil
	}
	if c, r := find("1."); r != nil && c.byTool[toolCurl] != nil && len(c.byTool[toolCurl].samples) > 0 {
		x := c.figure(r).med / walls(c.byTool[toolCurl]).med
		ts = append(ts, target{"1. one GET, process start included: at most 1.0x curl", fmt.Sprintf("%.2fx", x), x <= 1.0})
	}
	if c, r := find("2."); r != nil && floor > 0 {
		x, peak := c.figure(r).med/floor, peaks(r).med
		ts = append(ts, target{"2. list and print the names: at most 2.0x curl, peak at most 100 MiB", fmt.Sprintf("%.2fx, %.0f MiB", x, peak), x <= 2.0 && peak <= 100})
	}
	if _, r := find("3."); r != nil {
		peak := peaks(r).med
		ts = append(ts, target{"2. paged iteration: peak at most 40 MiB", fmt.Sprintf("%.0f MiB", peak), peak <= 40})
	}
	if c, r := find("4."); r != nil {
		x := c.figure(r).med
		ts = append(ts, target{"3. watch burst into a Lua callback: at least 20,000 events/s", fmt.Sprintf("%.0f events/s", x), x >= 20000})
	}
	if c, r := find("5."); r != nil {
		x := c.figure(r).med
		ts = append(ts, target{"4. steady watch: at most 0.1 ms CPU per event, callback included", fmt.Sprintf("%.3f ms", x), x <= 0.1})
	}
	if c, r := find("6."); r != nil {
		x, limit := c.figure(r).med, 1.5*float64(e.jsonLen)/(1<<20)+30
		ts = append(ts, target{fmt.Sprintf("5. daemon with %d ConfigMaps: RSS at most 1.5 x %.1f MB + 30 MiB = %.1f MiB (level: see the soak below)", e.listed, float64(e.jsonLen)/1e6, limit),
			fmt.Sprintf("%.1f MiB (%.1f MiB anonymous)", x, anon(r).med), x <= limit})
	}
	if p50, _, ok := e.replFigures(); ok {
		ts = append(ts, target{"6. REPL ready in under 50 ms", fmt.Sprintf("%.0f ms (p50)", p50), p50 < 50})
	}
	var b strings.Builder
	b.WriteString("Targets, klua's figures of this run:\n\n| target | klua | met |\n|---|---|---|\n")
	for _, t := range ts {
		met := "yes"
		if !t.met {
			met = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", t.what, t.figure, met)
	}
	return b.String()
}

// commands lists each tool's exact command per case, with the server,
// token and CA file as variables.
func (e *bench) commands(results []caseResult) string {
	var b strings.Builder
	b.WriteString("The commands (`KUBECONFIG` points at the cluster's admin kubeconfig; `$SERVER`, `$TOKEN` and `$CA` are its server, admin token and CA file). " +
		"Streaming commands (watches) are stopped once they printed the lines awaited; the steady case's CPU is the process's CPU after it went idle, " +
		"while the harness creates the ConfigMaps from its own process, divided by the events.\n\n" +
		"<!-- not run: a benchmark, run by hand -->\n```sh\n")
	for _, c := range results {
		fmt.Fprintf(&b, "# %s\n", c.name)
		for _, t := range measuredTools {
			if r := c.byTool[t]; r != nil {
				fmt.Fprintf(&b, "%s\n", e.redact(r.cmd.String()))
			}
		}
	}
	b.WriteString("# 7. REPL\nKLUA_TEST_KUBECONFIG=$KUBECONFIG go test -run XXX -bench StartupToPrompt -benchtime 40x ./tests/repl\n```\n")
	return b.String()
}

func (e *bench) redact(s string) string {
	r := strings.NewReplacer(e.env.Cluster.AdminToken, "$TOKEN", e.env.Cluster.Server, "$SERVER", e.caFile, "$CA", e.env.Klua, "klua",
		e.floorGo, "floor", e.floorClientGo, "floor-client-go")
	return r.Replace(s)
}

// serverVersion is the apiserver's gitVersion.
func (e *bench) serverVersion() string {
	resp, err := e.env.Client.Do(context.Background(), kube.Request{Verb: "get", Method: http.MethodGet, Path: "/version"})
	if err != nil {
		return "unknown"
	}
	var v struct{ GitVersion string }
	if resp.Status != http.StatusOK || json.Unmarshal(resp.Body, &v) != nil {
		return "unknown"
	}
	return v.GitVersion
}
