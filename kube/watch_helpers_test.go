package kube

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klua/klua/tests/testcluster"
)

// configMaps is the resource most tests watch; spelled out so that a
// client cut off by a test proxy needs no discovery.
var configMaps = Resource{Version: "v1", Name: "configmaps", Kind: "ConfigMap", Namespaced: true}

// newTestClient is a client of the cluster as the user of kubeContext,
// through server instead of the cluster's address if server is set.
func newTestClient(tb testing.TB, cl *testcluster.Cluster, kubeContext, server string) *Client {
	tb.Helper()
	flags := NewConfigFlags(false)
	flags.KubeConfig = &cl.Kubeconfig
	flags.Context = &kubeContext
	if server != "" {
		flags.APIServer = &server
	}
	c := New(Config{Flags: flags, QPS: -1})
	if err := c.init(); err != nil {
		tb.Fatal(err)
	}
	return c
}

// testNamespace creates a namespace for one test and deletes it after.
func testNamespace(tb testing.TB, c *Client) string {
	tb.Helper()
	name := fmt.Sprintf("watch-%s-%04d", strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(tb.Name())), rand.IntN(10000))
	if len(name) > 63 {
		name = name[len(name)-63:]
	}
	name = strings.Trim(name, "-")
	body := fmt.Sprintf(`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":%q}}`, name)
	if _, err := c.Create(context.Background(), Object{APIVersion: "v1", Kind: "Namespace", Name: name, Body: []byte(body)}, Options{}); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		c.Delete(context.Background(), Resource{Version: "v1", Name: "namespaces", Kind: "Namespace"}, name, Options{})
	})
	return name
}

// testLabel is on every ConfigMap the tests create, and the tests watch
// with it as label selector: the controller-manager adds a ConfigMap of
// its own (kube-root-ca.crt) to every namespace.
const testLabel = "klua-test"

// inNamespace are the options of a watch on the test's ConfigMaps in ns.
func inNamespace(ns string) Options {
	return Options{Namespace: ns, LabelSelector: testLabel}
}

func configMapBody(ns, name string, data map[string]string) []byte {
	body, _ := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "ConfigMap",
		"metadata": map[string]any{"name": name, "namespace": ns, "labels": map[string]string{testLabel: "watch"}},
		"data":     data})
	return body
}

func createConfigMap(ctx context.Context, c *Client, ns, name string, data map[string]string) error {
	_, err := c.Create(ctx, Object{APIVersion: "v1", Kind: "ConfigMap", Name: name, Namespace: ns,
		Body: configMapBody(ns, name, data)}, Options{})
	return err
}

func patchConfigMap(ctx context.Context, c *Client, ns, name string, data map[string]string) error {
	patch, _ := json.Marshal(map[string]any{"data": data})
	_, err := c.Patch(ctx, configMaps, name, "merge", patch, Options{Namespace: ns})
	return err
}

func deleteConfigMap(ctx context.Context, c *Client, ns, name string) error {
	_, err := c.Delete(ctx, configMaps, name, Options{Namespace: ns})
	return err
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// state is what tests compare of an object: which one, and which version.
type state struct{ uid, rv string }

func stateOf(raw []byte) (string, state) {
	o, err := decodeObject(raw, true)
	if err != nil {
		return "", state{rv: "undecodable: " + err.Error()}
	}
	return o.Key(), state{o.uid(), o.resourceVersion()}
}

// listStates lists a namespace's ConfigMaps afresh.
func listStates(tb testing.TB, c *Client, ns string) map[string]state {
	tb.Helper()
	body, err := c.List(context.Background(), configMaps, inNamespace(ns))
	must(tb, err)
	list, err := decodeList(body, true)
	must(tb, err)
	states := map[string]state{}
	for _, o := range list.Items {
		states[o.Key()] = state{o.uid(), o.resourceVersion()}
	}
	return states
}

// recorder is a handler that applies the events to its own view of the
// objects, and notes every event that does not fit that view: an ADDED
// for an object it has, or twice for the same uid; a MODIFIED or DELETED
// for one it does not have; a MODIFIED whose Old is not what it had.
type recorder struct {
	mu       sync.Mutex
	events   []WatchEvent
	view     map[string]state
	added    map[string]bool // uids
	problems []string
}

func newRecorder() *recorder {
	return &recorder{view: map[string]state{}, added: map[string]bool{}}
}

func (r *recorder) handle(ev WatchEvent) {
	key, st := stateOf(ev.Object)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
	have, ok := r.view[ev.Key]
	if ev.Object != nil && key != ev.Key {
		r.problem("%s %s: the object's key is %s", ev.Type, ev.Key, key)
	}
	switch ev.Type {
	case WatchAdded:
		if ok {
			r.problem("ADDED %s, which the handler has (%v)", ev.Key, have)
		}
		if r.added[st.uid] {
			r.problem("ADDED %s uid %s a second time", ev.Key, st.uid)
		}
		r.added[st.uid] = true
		r.view[ev.Key] = st
	case WatchModified:
		if _, old := stateOf(ev.Old); !ok || old != have {
			r.problem("MODIFIED %s with Old %v, but the handler has %v (%v)", ev.Key, old, have, ok)
		}
		if st.rv == have.rv {
			r.problem("MODIFIED %s without a change of resourceVersion", ev.Key)
		}
		r.view[ev.Key] = st
	case WatchDeleted:
		if !ok {
			r.problem("DELETED %s, which the handler does not have", ev.Key)
		}
		delete(r.view, ev.Key)
	default:
		r.problem("event type %q", ev.Type)
	}
}

func (r *recorder) problem(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// since returns the events from the n-th on, as "TYPE key" strings.
func (r *recorder) since(n int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, ev := range r.events[min(n, len(r.events)):] {
		out = append(out, ev.Type+" "+ev.Key)
	}
	return out
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

func (r *recorder) viewCopy() map[string]state {
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.view)
}

func (r *recorder) check(tb testing.TB) {
	tb.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range r.problems {
		tb.Error(p)
	}
}

// waitForView waits until the handler's view of ns equals a fresh list.
func (r *recorder) waitForView(tb testing.TB, c *Client, ns string, timeout time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		want := listStates(tb, c, ns)
		got := r.viewCopy()
		if maps.Equal(got, want) {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("after %s the handler's view differs from a fresh list:\n%s", timeout, diffStates(got, want))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func diffStates(got, want map[string]state) string {
	var lines []string
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[k]; !ok || g != want[k] {
			lines = append(lines, fmt.Sprintf("  %s: handler %v (%v), list %v", k, g, ok, want[k]))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			lines = append(lines, fmt.Sprintf("  %s: handler %v, not in the list", k, got[k]))
		}
	}
	return strings.Join(lines, "\n")
}

// startTestWatch starts a watch through lw's path (watch-list, or list then
// watch), and stops it at the end of the test.
func startTestWatch(tb testing.TB, c *Client, o WatchOptions, listThenWatch bool, handler func(WatchEvent)) *Watcher {
	tb.Helper()
	lw := c.newListWatch(configMaps, o)
	lw.listThenWatch = listThenWatch
	w, err := startWatch(context.Background(), lw, o, handler)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(w.Stop)
	return w
}

func waitSynced(tb testing.TB, w *Watcher) {
	tb.Helper()
	select {
	case <-w.Synced():
	case <-time.After(60 * time.Second):
		tb.Fatal("the watch did not sync within 60 s")
	}
}

// waitUntil polls cond until it holds.
func waitUntil(tb testing.TB, timeout time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// watchGoroutines returns the goroutines (id to stack) that belong to
// watches: client-go's informer machinery and this package's streams.
// The calling goroutine is left out.
func watchGoroutines() map[string]string {
	buf := make([]byte, 8<<20)
	buf = buf[:runtime.Stack(buf, true)]
	found := map[string]string{}
	for _, g := range strings.Split(string(buf), "\n\n")[1:] {
		for _, marker := range []string{"client-go/tools/cache.", "apimachinery/pkg/util/wait.",
			"kube.(*streamWatch)", "kube.(*Watcher)", "kube.startWatch", "kube.(*listWatch)"} {
			if strings.Contains(g, marker) {
				id, _, _ := strings.Cut(g, " [")
				found[id] = g
				break
			}
		}
	}
	return found
}

// checkNoGoroutinesLeft waits for the watch goroutines that were not in
// before to end.
func checkNoGoroutinesLeft(tb testing.TB, before map[string]string) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var left []string
		for id, stack := range watchGoroutines() {
			if _, ok := before[id]; !ok {
				left = append(left, stack)
			}
		}
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%d goroutines left 10 s after Stop:\n\n%s", len(left), strings.Join(left, "\n\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
