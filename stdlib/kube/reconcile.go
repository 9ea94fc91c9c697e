package kube

import (
	"errors"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib/internal/args"
)

var reconcileOptions = []string{"namespace", "allNamespaces", "labelSelector", "fieldSelector",
	"managedFields", "minBackoff", "maxBackoff"}

// errRetry marks a handler failure: the key backs off and is retried.
var errRetry = errors.New("handler failed")

// kube.reconcile(resource, opts, handler) -> handle
//
// handler(object, key) is called with the current state of every object
// that was added or changed, and with object = nil when it is gone. Calls
// are coalesced per object and never run twice at once for a key. An
// error raised by the handler retries that key with exponential backoff
// (opts.minBackoff, 0.25 s, doubling up to opts.maxBackoff, 300 s) while
// other keys go on; returning {requeueAfter = seconds} calls it again later.
func (m *Module) reconcile(L *lua.LState) int {
	a := args.New(L, "kube.reconcile")
	r := m.resolve(a, 1)
	o := a.Options(2, reconcileOptions...)
	fn := a.Function(3)
	h := hostOf(a)
	ro := kube.ReconcileOptions{WatchOptions: watchOpts(o)}
	ro.MinBackoff, _ = o.Duration("minBackoff")
	ro.MaxBackoff, _ = o.Duration("maxBackoff")
	hd := &handle{host: h}
	rc, err := m.client.Reconcile(h.Context(), r, ro, func(key string, obj []byte) (time.Duration, error) {
		var after time.Duration
		err := errRetry
		hd.deliver(func() { after, err = callReconcileHandler(h, fn, r, key, obj) })
		return after, err
	})
	if err != nil {
		raise(L, a.Fn, err)
	}
	hd.start(rc, "reconcile "+r.String())
	L.Push(pushHandle(L, hd))
	return 1
}

// callReconcileHandler calls handler(object, key) and reads its verdict.
func callReconcileHandler(h *runtime.Host, fn *lua.LFunction, r kube.Resource, key string, raw []byte) (time.Duration, error) {
	obj := lua.LValue(lua.LNil)
	if raw != nil {
		if obj = decodeOrReport(h, r, key, raw); obj == nil {
			return 0, errRetry
		}
	}
	results, err := h.CallbackWith(runtime.CallOptions{Kind: "reconcile", About: r.String() + " " + key}, fn, 1, obj, lua.LString(key))
	if err != nil {
		return 0, errRetry
	}
	return requeueAfter(results[0]), nil
}

// requeueAfter reads a handler's {requeueAfter = seconds}.
func requeueAfter(v lua.LValue) time.Duration {
	t, ok := v.(*lua.LTable)
	if !ok {
		return 0
	}
	secs, ok := t.RawGetString("requeueAfter").(lua.LNumber)
	if !ok || secs <= 0 {
		return 0
	}
	return time.Duration(float64(secs) * float64(time.Second))
}
