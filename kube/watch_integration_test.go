package kube

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klua/klua/tests/testcluster"
)

// Both ways the reflector can start: streaming the initial list
// (watch-list, client-go's default) and list then watch (its fallback).
var watchModes = []struct {
	name          string
	listThenWatch bool
}{{"watch-list", false}, {"list then watch", true}}

func TestWatchEvents(t *testing.T) {
	cl := clusterFor(t)
	for _, mode := range watchModes {
		t.Run(mode.name, func(t *testing.T) {
			ctx := context.Background()
			c := newTestClient(t, cl, testcluster.AdminContext, "")
			ns := testNamespace(t, c)
			must(t, createConfigMap(ctx, c, ns, "before", map[string]string{"k": "0"}))
			rec := newRecorder()
			w := startTestWatch(t, c, WatchOptions{Options: inNamespace(ns)}, mode.listThenWatch, rec.handle)
			waitSynced(t, w)
			if got := rec.since(0); !reflect.DeepEqual(got, []string{"ADDED " + ns + "/before"}) {
				t.Fatalf("initial events %q", got)
			}

			must(t, createConfigMap(ctx, c, ns, "a", map[string]string{"k": "1"}))
			must(t, patchConfigMap(ctx, c, ns, "a", map[string]string{"k": "2"}))
			must(t, deleteConfigMap(ctx, c, ns, "a"))
			waitUntil(t, 30*time.Second, "4 events", func() bool { return rec.count() >= 4 })
			key := ns + "/a"
			want := []string{"ADDED " + key, "MODIFIED " + key, "DELETED " + key}
			if got := rec.since(1); !reflect.DeepEqual(got, want) {
				t.Fatalf("events %q, want %q", got, want)
			}
			rec.check(t)
			checkEventObjects(t, rec.events[1:])
			if _, ok := w.Get(key); ok {
				t.Errorf("Get(%q) found a deleted object", key)
			}
			if raw, ok := w.Get(ns + "/before"); !ok || !bytes.Contains(raw, []byte(`"k":"0"`)) {
				t.Errorf("Get(before) = %s, %v", raw, ok)
			}
			if keys := w.Keys(); !reflect.DeepEqual(keys, []string{ns + "/before"}) {
				t.Errorf("Keys() = %q", keys)
			}
		})
	}
}

// checkEventObjects checks the ADDED, MODIFIED, DELETED of one object:
// data as written, Old on MODIFIED only, and no managedFields anywhere.
func checkEventObjects(t *testing.T, evs []WatchEvent) {
	t.Helper()
	wantData := []string{`"k":"1"`, `"k":"2"`, `"k":"2"`}
	for i, ev := range evs {
		if !bytes.Contains(ev.Object, []byte(wantData[i])) {
			t.Errorf("%s: object %s, want %s", ev.Type, ev.Object, wantData[i])
		}
		if bytes.Contains(ev.Object, []byte("managedFields")) || bytes.Contains(ev.Old, []byte("managedFields")) {
			t.Errorf("%s: managedFields kept: %s", ev.Type, ev.Object)
		}
		if (ev.Old != nil) != (ev.Type == WatchModified) {
			t.Errorf("%s: Old = %s", ev.Type, ev.Old)
		}
	}
	if old := evs[1].Old; !bytes.Contains(old, []byte(`"k":"1"`)) {
		t.Errorf("MODIFIED: Old %s, want the state before", old)
	}
}

func TestWatchSkipInitialAndManagedFields(t *testing.T) {
	cl := clusterFor(t)
	ctx := context.Background()
	c := newTestClient(t, cl, testcluster.AdminContext, "")
	ns := testNamespace(t, c)
	must(t, createConfigMap(ctx, c, ns, "before", map[string]string{"k": "0"}))
	rec := newRecorder()
	o := WatchOptions{Options: inNamespace(ns), SkipInitial: true, ManagedFields: true}
	w := startTestWatch(t, c, o, false, rec.handle)
	waitSynced(t, w)
	if !w.HasSynced() {
		t.Error("HasSynced is false after Synced was closed")
	}
	must(t, createConfigMap(ctx, c, ns, "after", map[string]string{"k": "1"}))
	waitUntil(t, 30*time.Second, "an event", func() bool { return rec.count() >= 1 })
	if got := rec.since(0); !reflect.DeepEqual(got, []string{"ADDED " + ns + "/after"}) {
		t.Errorf("events %q, want only the object created after the start", got)
	}
	if raw, ok := w.Get(ns + "/before"); !ok || !bytes.Contains(raw, []byte("managedFields")) {
		t.Errorf("Get(before) = %s, %v: want the skipped object, managedFields kept", raw, ok)
	}
}

func TestWatchRefused(t *testing.T) {
	cl := clusterFor(t)
	tests := []struct {
		name, context string
		r             Resource
		o             WatchOptions
		code          int
	}{
		{"no grants", testcluster.NobodyContext, configMaps, WatchOptions{}, http.StatusForbidden},
		{"unknown resource", testcluster.AdminContext,
			Resource{Group: "nothing.klua.dev", Version: "v1", Name: "things", Namespaced: true},
			WatchOptions{}, http.StatusNotFound},
		{"invalid selector", testcluster.AdminContext, configMaps,
			WatchOptions{Options: Options{LabelSelector: "a b"}}, http.StatusBadRequest},
	}
	for _, mode := range watchModes {
		for _, tt := range tests {
			t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
				before := watchGoroutines()
				c := newTestClient(t, cl, tt.context, "")
				called := false
				start := time.Now()
				lw := c.newListWatch(tt.r, tt.o)
				lw.listThenWatch = mode.listThenWatch
				w, err := startWatch(context.Background(), lw, tt.o, func(WatchEvent) { called = true })
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.Code != tt.code {
					t.Fatalf("Watch = %v, %v; want a %d APIError", w, err, tt.code)
				}
				if d := time.Since(start); d > 10*time.Second {
					t.Errorf("Watch took %s to give up", d)
				}
				t.Logf("Watch: %v", err)
				if called {
					t.Error("the handler was called")
				}
				checkNoGoroutinesLeft(t, before)
			})
		}
	}
}

func TestWatchStopLeavesNoGoroutines(t *testing.T) {
	cl := clusterFor(t)
	c := newTestClient(t, cl, testcluster.AdminContext, "")
	ns := testNamespace(t, c)
	for i := range 20 {
		must(t, createConfigMap(context.Background(), c, ns, "cm-"+string(rune('a'+i)), nil))
	}
	t.Run("Stop", func(t *testing.T) {
		before := watchGoroutines()
		w, err := c.Watch(context.Background(), configMaps, WatchOptions{Options: inNamespace(ns)}, func(WatchEvent) {})
		must(t, err)
		waitSynced(t, w)
		w.Stop()
		w.Stop()
		checkNoGoroutinesLeft(t, before)
	})
	t.Run("cancelled context", func(t *testing.T) {
		before := watchGoroutines()
		ctx, cancel := context.WithCancel(context.Background())
		w, err := c.Watch(ctx, configMaps, WatchOptions{Options: inNamespace(ns)}, func(WatchEvent) {})
		must(t, err)
		waitSynced(t, w)
		cancel()
		select {
		case <-w.Done():
		case <-time.After(10 * time.Second):
			t.Fatal("Done not closed 10 s after the context was cancelled")
		}
		checkNoGoroutinesLeft(t, before)
	})
	t.Run("Stop from the handler", func(t *testing.T) {
		before := watchGoroutines()
		var w *Watcher
		ready := make(chan struct{})
		var calls int
		w, err := c.Watch(context.Background(), configMaps, WatchOptions{Options: inNamespace(ns)}, func(WatchEvent) {
			<-ready
			calls++
			w.Stop() // must not wait for this very call
		})
		must(t, err)
		close(ready)
		select {
		case <-w.Done():
		case <-time.After(10 * time.Second):
			t.Fatal("Done not closed 10 s after Stop from the handler")
		}
		if calls != 1 {
			t.Errorf("the handler was called %d times, want once: no event after Stop", calls)
		}
		checkNoGoroutinesLeft(t, before)
	})
}

// keysOf returns the sorted keys of the events of one type.
func keysOf(events []string, typ string) []string {
	var keys []string
	for _, ev := range events {
		if t, k, _ := strings.Cut(ev, " "); t == typ {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// CachedBytes counts the objects every running watch holds, and forgets a
// watch once it stopped.
func TestCachedBytes(t *testing.T) {
	cl := clusterFor(t)
	ctx := context.Background()
	c := newTestClient(t, cl, testcluster.AdminContext, "")
	ns := testNamespace(t, c)
	must(t, createConfigMap(ctx, c, ns, "one", map[string]string{"k": strings.Repeat("x", 1000)}))
	must(t, createConfigMap(ctx, c, ns, "two", map[string]string{"k": "y"}))
	before := CachedBytes()
	w := startTestWatch(t, c, WatchOptions{Options: inNamespace(ns)}, false, func(WatchEvent) {})
	waitSynced(t, w)
	var want int64
	for _, key := range w.Keys() {
		raw, _ := w.Get(key)
		want += int64(len(raw))
	}
	if want < 1000 {
		t.Fatalf("the watch holds %d bytes for %q", want, w.Keys())
	}
	if got := CachedBytes() - before; got != want {
		t.Errorf("CachedBytes grew by %d, want %d", got, want)
	}
	w.Stop()
	<-w.Done()
	if got := CachedBytes(); got != before {
		t.Errorf("CachedBytes after Stop: %d, want %d", got, before)
	}
}
