package kube

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/go-logr/logr/funcr"
	"k8s.io/klog/v2"

	"github.com/klua/klua/tests/testcluster"
)

// The apiserver is killed (SIGKILL) and started again while the watch runs
// and another goroutine keeps writing: at the end the handler's view must
// equal a fresh list, no event may contradict what the handler saw before
// (no ADDED twice, no MODIFIED of an unknown object, Old always the last
// state delivered), and the outage must be logged once, not per retry.
func TestWatchSurvivesAPIServerRestart(t *testing.T) {
	cl := clusterFor(t)
	cl.RequireLocal(t)
	logs := captureKlog(t)
	c := newTestClient(t, cl, testcluster.AdminContext, "")
	ns := testNamespace(t, c)
	rec := newRecorder()
	w := startTestWatch(t, c, WatchOptions{Options: inNamespace(ns)}, false, rec.handle)
	waitSynced(t, w)

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	wr := &writer{c: c, ns: ns, rng: rand.New(rand.NewPCG(1, 2))}
	written := make(chan error, 1)
	go func() { written <- wr.run(ctx, 500) }()
	waitUntil(t, time.Minute, "100 writes", func() bool { return wr.done.Load() >= 100 })
	killAPIServer(t, cl)
	time.Sleep(2 * time.Second) // the watch and the writer fail meanwhile
	must(t, cl.StartAPIServer(ctx))
	must(t, <-written)

	rec.waitForView(t, c, ns, 90*time.Second)
	rec.check(t)
	t.Logf("%d writes (%d retried), %d events, %d answers 410 Gone", wr.done.Load(), wr.retried.Load(),
		rec.count(), w.lw.expired.Load())
	if wr.retried.Load() == 0 {
		t.Error("no write failed: the apiserver was not down while writing")
	}
	down := logs.count("watch configmaps: API server unreachable, retrying")
	up := logs.count("watch configmaps: resumed")
	if down != 1 || up != 1 {
		t.Errorf("logged the outage %d times and the recovery %d times, want once each:\n%s", down, up, logs)
	}
}

// TestWatchRecoversFrom410 shows that a watch whose resourceVersion has
// expired gets exactly the changes it missed, as a relist finds them.
//
// How the 410 is forced, reliably: the watch talks to the apiserver
// through a TCP proxy, and the test cuts it off there (a network
// partition) while writing directly: an update, a delete, a delete and
// re-create, a create, and one object left alone. Then it restarts the
// apiserver. A new apiserver's watch cache starts at the current etcd
// revision, and a watch from an older resourceVersion is "too old" for it
// (410 Gone, whatever etcd's compaction), unlike the cache of the
// apiserver that kept running, which would replay the missed events. The
// proxy closes its listener, so the reflector's retries get "connection
// refused", the case in which it resumes the watch from its last
// resourceVersion rather than relisting at once; that resumed watch is
// what meets the 410 when the proxy is back. The reflector then relists,
// and the informer's diff must reach the handler as exactly the changes.
func TestWatchRecoversFrom410(t *testing.T) {
	cl := clusterFor(t)
	cl.RequireLocal(t)
	for _, mode := range watchModes {
		t.Run(mode.name, func(t *testing.T) {
			ctx := context.Background()
			direct := newTestClient(t, cl, testcluster.AdminContext, "")
			proxy := startProxy(t, strings.TrimPrefix(cl.Server, "https://"))
			proxied := newTestClient(t, cl, testcluster.AdminContext, proxy.URL())
			ns := testNamespace(t, direct)
			for _, name := range []string{"keep", "mod", "del", "re"} {
				must(t, createConfigMap(ctx, direct, ns, name, map[string]string{"v": "1"}))
			}
			rec := newRecorder()
			w := startTestWatch(t, proxied, WatchOptions{Options: inNamespace(ns)}, mode.listThenWatch, rec.handle)
			waitSynced(t, w)
			rec.waitForView(t, direct, ns, 30*time.Second)
			before := rec.count()
			// A watch that ends within a second of its start without an
			// event makes the reflector list again at once, not resume.
			time.Sleep(1500 * time.Millisecond)

			proxy.cut()
			t.Logf("%s: cut", time.Now().Format("15:04:05.000"))
			must(t, patchConfigMap(ctx, direct, ns, "mod", map[string]string{"v": "2"}))
			must(t, patchConfigMap(ctx, direct, ns, "mod", map[string]string{"v": "3"}))
			must(t, deleteConfigMap(ctx, direct, ns, "del"))
			must(t, deleteConfigMap(ctx, direct, ns, "re"))
			must(t, createConfigMap(ctx, direct, ns, "re", map[string]string{"v": "new"}))
			must(t, createConfigMap(ctx, direct, ns, "new", map[string]string{"v": "1"}))
			must(t, cl.RestartAPIServer(ctx))
			proxy.heal(t)
			t.Logf("%s: healed", time.Now().Format("15:04:05.000"))

			rec.waitForView(t, direct, ns, 90*time.Second)
			t.Logf("%s: converged", time.Now().Format("15:04:05.000"))
			rec.check(t)
			if w.lw.expired.Load() == 0 {
				t.Error("the server never answered 410 Gone: the relist path was not taken")
			}
			got := rec.since(before)
			k := func(name string) []string { return []string{ns + "/" + name} }
			for typ, want := range map[string][]string{
				WatchModified: k("mod"),
				WatchDeleted:  append(k("del"), k("re")...),
				WatchAdded:    append(k("new"), k("re")...),
			} {
				if keys := keysOf(got, typ); !reflect.DeepEqual(keys, want) {
					t.Errorf("%s for %q, want %q (all events: %q)", typ, keys, want, got)
				}
			}
			if len(got) != 5 {
				t.Errorf("%d events after the partition, want 5: %q", len(got), got)
			}
		})
	}
}

// killAPIServer kills the apiserver as a crash would, and waits until the
// cluster knows it is gone.
func killAPIServer(tb testing.TB, cl *testcluster.Cluster) {
	tb.Helper()
	pid := cl.Pids()["apiserver"]
	if pid == 0 {
		tb.Fatal("no apiserver running")
	}
	must(tb, syscall.Kill(pid, syscall.SIGKILL))
	waitUntil(tb, 30*time.Second, "the apiserver to exit", func() bool { return cl.Pids()["apiserver"] == 0 })
}

// writer makes random changes to ConfigMaps, retrying each until it is
// done: while the apiserver is down, every try fails.
type writer struct {
	c       *Client
	ns      string
	rng     *rand.Rand
	names   []string
	next    int
	done    atomic.Int64
	retried atomic.Int64
}

func (wr *writer) run(ctx context.Context, n int) error {
	for wr.done.Load() < int64(n) {
		if err := wr.retry(ctx, wr.pick()); err != nil {
			return fmt.Errorf("after %d writes: %w", wr.done.Load(), err)
		}
		wr.done.Add(1)
	}
	return nil
}

// pick chooses a change: mostly creates while there are few objects, then
// updates and deletes as well.
func (wr *writer) pick() func(ctx context.Context) error {
	switch r := wr.rng.Float64(); {
	case len(wr.names) < 10 || r < 0.4:
		name := fmt.Sprintf("cm-%03d", wr.next)
		wr.next++
		wr.names = append(wr.names, name)
		return func(ctx context.Context) error {
			err := createConfigMap(ctx, wr.c, wr.ns, name, map[string]string{"v": "0"})
			if isReason(err, "AlreadyExists") {
				return nil // the try before succeeded, but its answer was lost
			}
			return err
		}
	case r < 0.8:
		name := wr.names[wr.rng.IntN(len(wr.names))]
		value := fmt.Sprint(wr.done.Load())
		return func(ctx context.Context) error {
			return patchConfigMap(ctx, wr.c, wr.ns, name, map[string]string{"v": value})
		}
	default:
		i := wr.rng.IntN(len(wr.names))
		name := wr.names[i]
		wr.names = append(wr.names[:i], wr.names[i+1:]...)
		return func(ctx context.Context) error {
			if err := deleteConfigMap(ctx, wr.c, wr.ns, name); !IsNotFound(err) {
				return err
			}
			return nil
		}
	}
}

func (wr *writer) retry(ctx context.Context, write func(context.Context) error) error {
	for {
		err := write(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		wr.retried.Add(1)
		time.Sleep(100 * time.Millisecond)
	}
}

func isReason(err error, reason string) bool {
	e, ok := err.(*APIError)
	return ok && e.Reason == reason
}

// logCapture collects what klog logs, for tests of what a watch logs.
type logCapture struct {
	mu    sync.Mutex
	lines []string
}

// captureKlog routes klog to a logCapture until the test ends.
func captureKlog(tb testing.TB) *logCapture {
	lc := &logCapture{}
	klog.SetLogger(funcr.New(func(prefix, args string) {
		lc.mu.Lock()
		defer lc.mu.Unlock()
		lc.lines = append(lc.lines, args)
	}, funcr.Options{}))
	tb.Cleanup(klog.ClearLogger)
	return lc
}

func (lc *logCapture) count(substr string) int {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	n := 0
	for _, l := range lc.lines {
		if strings.Contains(l, substr) {
			n++
		}
	}
	return n
}

func (lc *logCapture) String() string {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return "  " + strings.Join(lc.lines, "\n  ")
}

// A watch started while the server cannot be reached returns at once and
// keeps trying; it delivers the objects once the server is back.
func TestWatchStartsWhileUnreachable(t *testing.T) {
	cl := clusterFor(t)
	logs := captureKlog(t)
	ctx := context.Background()
	direct := newTestClient(t, cl, testcluster.AdminContext, "")
	ns := testNamespace(t, direct)
	must(t, createConfigMap(ctx, direct, ns, "a", nil))
	proxy := startProxy(t, strings.TrimPrefix(cl.Server, "https://"))
	proxied := newTestClient(t, cl, testcluster.AdminContext, proxy.URL())
	proxy.cut()
	rec := newRecorder()
	start := time.Now()
	w := startTestWatch(t, proxied, WatchOptions{Options: inNamespace(ns)}, false, rec.handle)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Watch took %s to return while the server was unreachable", d)
	}
	if w.HasSynced() {
		t.Error("synced without a server")
	}
	proxy.heal(t)
	waitSynced(t, w)
	rec.waitForView(t, direct, ns, 30*time.Second)
	rec.check(t)
	down := logs.count("watch configmaps: API server unreachable, retrying")
	up := logs.count("watch configmaps: resumed")
	if down != 1 || up != 1 {
		t.Errorf("logged the outage %d times and the recovery %d times, want once each:\n%s", down, up, logs)
	}
}
