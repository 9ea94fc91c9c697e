package kube

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klua/klua/tests/testcluster"
)

const (
	benchNamespace = "watch-bench"
	benchObjects   = 10000
)

// BenchmarkWatchBurst measures the initial burst of a watch: 10,000
// ConfigMaps (about 9 MB of JSON, as in FACTS.md) delivered as ADDED to a
// handler that does nothing, in both of the reflector's modes.
func BenchmarkWatchBurst(b *testing.B) {
	cl := clusterFor(b)
	c := newTestClient(b, cl, testcluster.AdminContext, "")
	seedConfigMaps(b, c, benchNamespace, benchObjects)
	o := WatchOptions{Options: inNamespace(benchNamespace)}
	for _, mode := range watchModes {
		b.Run(mode.name, func(b *testing.B) {
			var events atomic.Int64
			var firstEvent time.Duration
			for b.Loop() {
				start, t0 := events.Load(), time.Now()
				var first sync.Once
				w := startTestWatch(b, c, o, mode.listThenWatch, func(WatchEvent) {
					first.Do(func() { firstEvent += time.Since(t0) })
					events.Add(1)
				})
				waitSynced(b, w)
				w.Stop()
				if n := events.Load() - start; n != benchObjects {
					b.Fatalf("%d events, want %d", n, benchObjects)
				}
			}
			b.ReportMetric(float64(events.Load())/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(firstEvent.Milliseconds())/float64(b.N), "ms-to-first-event")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkWatchMemory reports the heap that a synced watch of the same
// 10,000 ConfigMaps holds, against the JSON bytes it keeps: the two should
// be close (each object held once, as bytes).
func BenchmarkWatchMemory(b *testing.B) {
	cl := clusterFor(b)
	c := newTestClient(b, cl, testcluster.AdminContext, "")
	seedConfigMaps(b, c, benchNamespace, benchObjects)
	o := WatchOptions{Options: inNamespace(benchNamespace)}
	var heap, raw int64
	for b.Loop() {
		before := heapInUse()
		w, err := c.Watch(context.Background(), configMaps, o, func(WatchEvent) {})
		must(b, err)
		waitSynced(b, w)
		heap = heapInUse() - before
		raw = 0
		for _, k := range w.Keys() {
			obj, _ := w.Get(k)
			raw += int64(len(obj))
		}
		w.Stop()
	}
	b.ReportMetric(float64(heap)/benchObjects, "heap-B/object")
	b.ReportMetric(float64(raw)/benchObjects, "json-B/object")
	b.ReportMetric(0, "ns/op")
}

func heapInUse() int64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// seedConfigMaps fills namespace ns with n ConfigMaps of about 900 bytes
// of JSON each (half of it managedFields), unless it has them already.
func seedConfigMaps(tb testing.TB, c *Client, ns string, n int) {
	tb.Helper()
	ctx := context.Background()
	body := fmt.Sprintf(`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":%q}}`, ns)
	_, err := c.Create(ctx, Object{APIVersion: "v1", Kind: "Namespace", Name: ns, Body: []byte(body)}, Options{})
	if err != nil && !isReason(err, "AlreadyExists") {
		tb.Fatal(err)
	}
	if have := len(listStates(tb, c, ns)); have >= n {
		return
	}
	start := time.Now()
	value := strings.Repeat("x", 40)
	names := make(chan int)
	var wg sync.WaitGroup
	var failed atomic.Pointer[error]
	for range 8 {
		wg.Go(func() {
			for i := range names {
				data := map[string]string{"a": value, "b": value, "c": value, "index": fmt.Sprint(i)}
				err := createConfigMap(ctx, c, ns, fmt.Sprintf("cm-%05d", i), data)
				if err != nil && !isReason(err, "AlreadyExists") {
					failed.Store(&err)
				}
			}
		})
	}
	for i := range n {
		names <- i
	}
	close(names)
	wg.Wait()
	if err := failed.Load(); err != nil {
		tb.Fatal(*err)
	}
	tb.Logf("seeded %d ConfigMaps in %s", n, time.Since(start).Round(time.Millisecond))
}
