package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/klua/klua/kube"
)

// The tools, in the order of the report's columns.
const (
	toolKlua    = "klua"
	toolCurl    = "curl"
	toolJq      = "curl \\| jq"
	toolKubectl = "kubectl"
	toolPython  = "Python client"
)

var toolOrder = []string{toolKlua, toolCurl, toolJq, toolKubectl, toolPython}

// The floors of case 1 (tests/bench/floor), measured in its rotation and
// reported after the table: a minimal Go program, and the same linking
// the client-go packages klua needs.
const (
	toolGo         = "Go net/http"
	toolGoClientGo = "Go net/http, client-go linked"
)

var floorOrder = []string{toolGo, toolGoClientGo}

// measuredTools are all the tools a case may run.
var measuredTools = slices.Concat(toolOrder, floorOrder)

// metric is the figure a case reports.
type metric int

const (
	wallTime    metric = iota // seconds, lower is better
	eventRate                 // events per second from exec to the last event
	cpuPerEvent               // CPU seconds per event after start-up
	residentMem               // VmRSS once the watch delivered everything
)

// benchCase is one line of the report.
type benchCase struct {
	name   string
	metric metric
	runs   int
	events int // for eventRate and cpuPerEvent
	// cmds gives each tool's command for run i (nil: the tool cannot).
	cmds func(i int) map[string]command
	// during runs while a steady watcher waits (the creates), after the
	// run cleans up.
	during, after func(i int, tool string) error
}

const (
	listNS   = "klua-bench"
	streamNS = "klua-bench-stream"
	seeded   = 10000
	stream   = 2000
)

func (e *bench) cases() []benchCase {
	n := e.listed
	return []benchCase{
		{name: "1. one GET of a namespace, process start included", metric: wallTime, runs: e.runs * 3, cmds: func(int) map[string]command {
			return map[string]command{
				toolKlua:       {argv: e.klua(`print(kube.get("namespaces", "default").metadata.name)`), lines: 1},
				toolCurl:       {argv: e.curl("/api/v1/namespaces/default")},
				toolKubectl:    {argv: []string{"kubectl", "get", "namespace", "default", "-o", "name"}, lines: 1},
				toolPython:     {argv: e.python(pyGet), lines: 1},
				toolGo:         {argv: e.floorGet(e.floorGo, "/api/v1/namespaces/default"), lines: 1},
				toolGoClientGo: {argv: e.floorGet(e.floorClientGo, "/api/v1/namespaces/default"), lines: 1},
			}
		}},
		{name: fmt.Sprintf("2. list %d ConfigMaps and print every name", n), metric: wallTime, runs: e.runs, cmds: func(int) map[string]command {
			return map[string]command{
				toolKlua:    {argv: e.klua(fmt.Sprintf(`for _, cm in ipairs(kube.list("configmaps", {namespace = %q}).items) do print(cm.metadata.name) end`, listNS)), lines: n},
				toolCurl:    {argv: e.curl("/api/v1/namespaces/" + listNS + "/configmaps")},
				toolJq:      {argv: []string{"sh", "-c", command{argv: e.curl("/api/v1/namespaces/" + listNS + "/configmaps")}.String() + " | jq -r '.items[].metadata.name'"}, lines: n},
				toolKubectl: {argv: []string{"kubectl", "get", "configmaps", "-n", listNS, "-o", "name"}, lines: n},
				toolPython:  {argv: e.python(fmt.Sprintf(pyList, listNS)), lines: n},
			}
		}},
		{name: "3. the same, paged by 500 (bounded memory)", metric: wallTime, runs: e.runs, cmds: func(int) map[string]command {
			return map[string]command{
				toolKlua:    {argv: e.klua(fmt.Sprintf(`kube.each("configmaps", {namespace = %q}, function(cm) print(cm.metadata.name) end)`, listNS)), lines: n},
				toolKubectl: {argv: []string{"kubectl", "get", "configmaps", "-n", listNS, "-o", "name", "--chunk-size=500"}, lines: n},
				toolPython:  {argv: e.python(fmt.Sprintf(pyPaged, listNS)), lines: n},
			}
		}},
		{name: fmt.Sprintf("4. watch burst: %d initial events into a callback", n), metric: eventRate, events: n, runs: e.runs, cmds: func(int) map[string]command {
			return map[string]command{
				toolKlua: {argv: e.klua(fmt.Sprintf(`local n, w = 0
w = kube.watch("configmaps", {namespace = %q}, function(ev) n = n + 1; if n == %d then print(n); w:stop() end end)`, listNS, n)), lines: 1},
				toolCurl:    {argv: e.curl("/api/v1/namespaces/" + listNS + "/configmaps?watch=1"), lines: n, stream: true},
				toolKubectl: {argv: []string{"kubectl", "get", "configmaps", "-n", listNS, "-w", "-o", "name"}, lines: n, stream: true},
				toolPython:  {argv: e.python(fmt.Sprintf(pyBurst, listNS, n)), lines: 1},
			}
		}},
		{name: fmt.Sprintf("5. steady watch: %d creates, CPU per event", stream), metric: cpuPerEvent, events: stream, runs: max(2, e.runs/2),
			cmds: func(i int) map[string]command {
				sel := func(tool string) string { return "stream=" + streamLabel(i, tool) }
				return map[string]command{
					toolKlua: {argv: e.klua(fmt.Sprintf(`kube.watch("configmaps", {namespace = %q, labelSelector = %q, initial = false}, function(ev) print(ev.object.metadata.name) end)`,
						streamNS, sel(toolKlua))), lines: stream, stream: true},
					toolCurl:    {argv: e.curl("/api/v1/namespaces/" + streamNS + "/configmaps?watch=1&labelSelector=" + url.QueryEscape(sel(toolCurl))), lines: stream, stream: true},
					toolKubectl: {argv: []string{"kubectl", "get", "configmaps", "-n", streamNS, "-l", sel(toolKubectl), "-w", "--watch-only", "-o", "name"}, lines: stream, stream: true},
					toolPython:  {argv: e.python(fmt.Sprintf(pySteady, streamNS, sel(toolPython))), lines: stream, stream: true},
				}
			},
			during: func(i int, tool string) error { return e.createStream(streamLabel(i, tool)) },
			after:  func(i int, tool string) error { return e.deleteStream(streamLabel(i, tool)) },
		},
		{name: fmt.Sprintf("6. daemon watching %d ConfigMaps: resident memory", n), metric: residentMem, runs: max(2, e.runs/2), cmds: func(int) map[string]command {
			return map[string]command{
				toolKlua: {argv: e.klua(fmt.Sprintf(`local n = 0
kube.watch("configmaps", {namespace = %q}, function(ev) n = n + 1; if n == %d then print("synced") end end)`, listNS, n)), lines: 1, stream: true, hold: 5 * time.Second},
			}
		}},
	}
}

func streamLabel(i int, tool string) string {
	return fmt.Sprintf("r%d-%s", i, map[string]string{toolKlua: "klua", toolCurl: "curl", toolKubectl: "kubectl", toolPython: "python"}[tool])
}

// createStream creates the steady case's ConfigMaps one after another
// from four workers, as a steady stream rather than one burst.
func (e *bench) createStream(label string) error {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	work := make(chan int)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if err := e.env.Create(ctx, "/api/v1/namespaces/"+streamNS+"/configmaps", configMap(fmt.Sprintf("%s-%05d", label, i), "stream", label)); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for i := range stream {
		work <- i
	}
	close(work)
	wg.Wait()
	close(errs)
	return <-errs
}

func (e *bench) deleteStream(label string) error {
	_, err := e.env.Client.Do(context.Background(), kube.Request{Verb: "deletecollection", Method: http.MethodDelete,
		Path: "/api/v1/namespaces/" + streamNS + "/configmaps", Query: url.Values{"labelSelector": {"stream=" + label}}})
	return err
}

// configMap is a ConfigMap shaped like those of FACTS.md: about 900 bytes
// of compact JSON once the server added its metadata.
func configMap(name, labelKey, labelValue string) string {
	return fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":%q,`+
		`"labels":{%q:%q,"app":"bench","tier":"backend"},"annotations":{"note":"a config map for the benchmark"}},`+
		`"data":{"config.yaml":"key: value\nother: 12345\nlist: [a, b, c]\n","mode":"fast","empty":""}}`, name, labelKey, labelValue)
}

func (e *bench) klua(code string) []string { return []string{e.env.Klua, "-e", code} }

func (e *bench) curl(path string) []string {
	return []string{"curl", "-sSN", "-A", "bench", "--cacert", e.caFile, "-H", "Authorization: Bearer " + e.env.Cluster.AdminToken, e.env.Cluster.Server + path}
}

func (e *bench) floorGet(binary, path string) []string {
	return []string{binary, e.caFile, e.env.Cluster.Server + path, e.env.Cluster.AdminToken}
}

func (e *bench) python(code string) []string {
	return []string{"/usr/bin/python3", "-u", "-c", "from kubernetes import client, config, watch\nconfig.load_kube_config()\nv1 = client.CoreV1Api()\n" + code}
}

const (
	pyGet   = `print(v1.read_namespace("default").metadata.name)`
	pyList  = `for cm in v1.list_namespaced_config_map(%q).items: print(cm.metadata.name)`
	pyPaged = `cont = None
while True:
    page = v1.list_namespaced_config_map(%q, limit=500, _continue=cont)
    for cm in page.items: print(cm.metadata.name)
    cont = page.metadata._continue
    if not cont: break`
	pyBurst = `n = 0
for ev in watch.Watch().stream(v1.list_namespaced_config_map, %q):
    n += 1
    if n == %d:
        print(n)
        break`
	pySteady = `for ev in watch.Watch().stream(v1.list_namespaced_config_map, %q, label_selector=%q):
    print(ev["object"].metadata.name)`
)
