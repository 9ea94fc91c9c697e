package kube_test

import (
	"context"
	"fmt"
	"io"
	"sync"
	"syscall"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib"
	"github.com/klua/klua/tests/testcluster"
)

const (
	burstNamespace = "lua-watch-bench"
	burstObjects   = 10000
)

// BenchmarkWatchBurstIntoLua measures the initial burst of a watch of
// 10,000 ConfigMaps delivered as ADDED events into a Lua callback that
// counts them: API bytes decoded into tables, the callback called on the
// script's thread.
func BenchmarkWatchBurstIntoLua(b *testing.B) {
	c := testcluster.Get(b)
	seed(b, newClient(c.Kubeconfig, ""), burstNamespace, burstObjects)
	var events int
	for b.Loop() {
		h := benchHost(b, c)
		err := h.RunString(fmt.Sprintf(`
			local n = 0
			local w
			w = kube.watch("configmaps", {namespace = %q}, function(ev)
				n = n + 1
				if n == %d then w:stop() end
			end)`, burstNamespace, burstObjects), "burst", nil)
		if err == nil {
			err = h.Loop()
		}
		h.Close()
		if err != nil {
			b.Fatal(err)
		}
		events += burstObjects
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkWatchSteadyCPU measures klua's CPU time per event on a steady
// stream: a watch with a Lua callback while 2,000 ConfigMaps are created
// one after another. The creates are sent by this process too, so their
// client-side cost is measured alone first and taken away.
func BenchmarkWatchSteadyCPU(b *testing.B) {
	c := testcluster.Get(b)
	client := newClient(c.Kubeconfig, "")
	const stream = 2000
	var perEvent time.Duration
	for i := 0; b.Loop(); i++ {
		ns := fmt.Sprintf("lua-steady-%d-%d", time.Now().UnixNano(), i)
		createNamespace(b, client, ns)
		writeCPU := cpuTime(func() { createConfigMaps(b, client, ns, "w", stream) })
		h := benchHost(b, c)
		if err := h.RunString(fmt.Sprintf(`
			n = 0
			kube.watch("configmaps", {namespace = %q, initial = false, labelSelector = "s"}, function(ev)
				n = n + 1
			end)`, ns), "steady", nil); err != nil {
			b.Fatal(err)
		}
		total := cpuTime(func() {
			go createConfigMaps(b, client, ns, "s", stream)
			for h.L.GetGlobal("n") != lua.LNumber(stream) {
				if err := h.Sleep(context.Background(), 10*time.Millisecond); err != nil {
					b.Fatal(err)
				}
			}
		})
		h.Close()
		perEvent += (total - writeCPU) / stream
	}
	b.ReportMetric(float64(perEvent.Microseconds())/float64(b.N)/1000, "ms-cpu/event")
	b.ReportMetric(0, "ns/op")
}

func benchHost(b *testing.B, c *testcluster.Cluster) *runtime.Host {
	h := runtime.New(context.Background(), runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err := stdlib.Open(h, stdlib.Config{Client: newClient(c.Kubeconfig, "")}); err != nil {
		b.Fatal(err)
	}
	return h
}

// cpuTime is the process's user and system CPU time spent while fn ran.
func cpuTime(fn func()) time.Duration {
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	fn()
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	used := func(r syscall.Rusage) time.Duration {
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	return used(after) - used(before)
}

// seed makes sure the namespace holds n ConfigMaps shaped like
// FACTS.md's (about 900 bytes of JSON each), writing 8 at a time.
func seed(b *testing.B, client *kube.Client, ns string, n int) {
	b.Helper()
	ctx := context.Background()
	r, err := client.Resolve(ctx, "configmaps")
	if err != nil {
		b.Fatal(err)
	}
	createNamespace(b, client, ns)
	body, err := client.List(ctx, r, kube.Options{Namespace: ns, LabelSelector: "seed", Limit: 1})
	if err == nil && len(body) > 0 && countRemaining(body) >= n-1 {
		return
	}
	createConfigMaps(b, client, ns, "seed", n)
}

func createNamespace(b *testing.B, client *kube.Client, ns string) {
	_, err := client.Create(context.Background(), kube.Object{APIVersion: "v1", Kind: "Namespace", Name: ns,
		Body: []byte(fmt.Sprintf(`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":%q}}`, ns))}, kube.Options{})
	if err != nil && !isAlreadyExists(err) {
		b.Fatal(err)
	}
}

func createConfigMaps(b *testing.B, client *kube.Client, ns, label string, n int) {
	var wg sync.WaitGroup
	work := make(chan int)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				name := fmt.Sprintf("%s-%05d", label, i)
				body := fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":%q,"namespace":%q,`+
					`"labels":{%q:"yes","app":"bench","tier":"backend"},"annotations":{"note":"a config map for the benchmark"}},`+
					`"data":{"config.yaml":"key: value\nother: 12345\nlist: [a, b, c]\n","mode":"fast","empty":""}}`, name, ns, label)
				_, err := client.Create(context.Background(), kube.Object{APIVersion: "v1", Kind: "ConfigMap",
					Name: name, Namespace: ns, Body: []byte(body)}, kube.Options{})
				if err != nil && !isAlreadyExists(err) {
					b.Error(err)
				}
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

func isAlreadyExists(err error) bool {
	e, ok := err.(*kube.APIError)
	return ok && e.Reason == "AlreadyExists"
}

// countRemaining reads metadata.remainingItemCount from a one-item page.
func countRemaining(page []byte) int {
	var n int
	if i := indexOf(page, `"remainingItemCount":`); i >= 0 {
		fmt.Sscanf(string(page[i+len(`"remainingItemCount":`):]), "%d", &n)
	}
	return n
}

func indexOf(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}
