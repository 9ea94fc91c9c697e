package kube

import (
	"context"
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
)

var waitOptions = []string{"namespace", "timeout"}

// kube.wait(resource, name, predicate [, opts]) -> object
//
// Blocks until predicate(object) returns true, watching the object (not
// polling), and returns that object. predicate gets nil while the object
// does not exist, so waiting for a deletion is `function(o) return o ==
// nil end`. opts.timeout (seconds or "5m") raises a Timeout error when it
// passes. Callbacks of other watches run meanwhile.
func (m *Module) wait(L *lua.LState) int {
	a := args.New(L, "kube.wait")
	r := m.resolve(a, 1)
	name := a.String(2)
	pred := a.Function(3)
	o := a.Options(4, waitOptions...)
	h := hostOf(a)
	ctx, cancel := waitContext(L, o)
	defer cancel()
	opts := readOptions(o)
	opts.FieldSelector = "metadata.name=" + name
	key, err := m.client.ObjectKey(r, opts, name)
	if err != nil {
		raise(L, a.Fn, err)
	}
	wt := &waiter{L: L, pred: pred, events: make(chan func()), done: make(chan struct{})}
	w, err := m.client.Watch(ctx, r, kube.WatchOptions{Options: opts}, func(ev kube.WatchEvent) {
		raw := ev.Object
		if ev.Type == kube.WatchDeleted {
			raw = nil
		}
		wt.send(ctx, raw)
	})
	if err != nil {
		raise(L, a.Fn, err)
	}
	defer w.Stop()
	go wt.checkAbsentAfterSync(ctx, w, key)
	if err := h.Block(ctx, wt.done, wt.events); err != nil {
		timeout, _ := o.Duration("timeout")
		raise(L, a.Fn, waitError(ctx, err, timeout, kube.Target(r, name)))
	}
	if wt.failed != nil {
		L.Error(wt.failed, 0)
	}
	L.Push(wt.result)
	return 1
}

func waitContext(L *lua.LState, o args.Options) (context.Context, context.CancelFunc) {
	if timeout, ok := o.Duration("timeout"); ok {
		return context.WithTimeout(ctx(L), timeout)
	}
	return context.WithCancel(ctx(L))
}

func waitError(ctx context.Context, err error, timeout interface{ String() string }, what string) error {
	if ctx.Err() == context.DeadlineExceeded {
		return fmt.Errorf("timed out after %s waiting for %s: %w", timeout, what, err)
	}
	return err
}

// waiter evaluates the predicate on the loop's goroutine for each state
// the watch reports.
type waiter struct {
	L      *lua.LState
	pred   *lua.LFunction
	events chan func()
	done   chan struct{}
	result lua.LValue
	failed lua.LValue // the predicate's error
	ended  bool
}

// send hands a state to the waiting script (from the watch's goroutine).
func (wt *waiter) send(ctx context.Context, raw []byte) {
	select {
	case wt.events <- func() { wt.check(raw) }:
	case <-ctx.Done():
	}
}

// checkAbsentAfterSync tells the predicate the object does not exist, if
// it did not exist when the watch started.
func (wt *waiter) checkAbsentAfterSync(ctx context.Context, w *kube.Watcher, key string) {
	select {
	case <-w.Synced():
		if _, ok := w.Get(key); !ok {
			wt.send(ctx, nil)
		}
	case <-ctx.Done():
	}
}

func (wt *waiter) check(raw []byte) {
	if wt.ended {
		return
	}
	L := wt.L
	obj := lua.LValue(lua.LNil)
	if raw != nil {
		v, err := value.DecodeJSON(L, raw)
		if err != nil {
			wt.finish(nil, lua.LString(fmt.Sprintf("kube.wait: decoding the object: %v", err)))
			return
		}
		obj = v
	}
	results, err := runtime.PCall(L, wt.pred, 1, obj)
	if err != nil {
		wt.finish(nil, runtime.ErrorValue(err))
		return
	}
	if lua.LVAsBool(results[0]) {
		wt.finish(obj, nil)
	}
}

func (wt *waiter) finish(result, failed lua.LValue) {
	wt.ended = true
	wt.result, wt.failed = result, failed
	close(wt.done)
}
