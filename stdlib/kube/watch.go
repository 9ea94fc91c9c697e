package kube

import (
	"sync"
	"sync/atomic"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
)

var watchOptions = []string{"namespace", "allNamespaces", "labelSelector", "fieldSelector", "initial", "managedFields"}

// kube.watch(resource, opts, callback) -> handle
//
// callback(event) runs on the script's thread for every change, in order:
// event.type is "ADDED", "MODIFIED" or "DELETED", event.object the object,
// and for MODIFIED event.old its previous state. Objects that exist at the
// start arrive first as ADDED unless opts.initial is false.
func (m *Module) watch(L *lua.LState) int {
	a := args.New(L, "kube.watch")
	r := m.resolve(a, 1)
	o := a.Options(2, watchOptions...)
	fn := a.Function(3)
	h := hostOf(a)
	wo := watchOpts(o)
	hd := &handle{host: h}
	w, err := m.client.Watch(h.Context(), r, wo, func(ev kube.WatchEvent) {
		hd.deliver(func() { callWatchCallback(h, fn, r, ev) })
	})
	if err != nil {
		raise(L, a.Fn, err)
	}
	hd.start(w, "watch "+r.String())
	L.Push(pushHandle(L, hd))
	return 1
}

func watchOpts(o args.Options) kube.WatchOptions {
	return kube.WatchOptions{
		Options:       readOptions(o),
		SkipInitial:   o.Has("initial") && !o.Bool("initial"),
		ManagedFields: o.Bool("managedFields"),
	}
}

func hostOf(a args.Args) *runtime.Host {
	h := runtime.HostOf(a.L)
	if h == nil {
		a.Raise("needs klua's event loop")
	}
	return h
}

// callWatchCallback turns an event into a Lua table and calls the script.
func callWatchCallback(h *runtime.Host, fn *lua.LFunction, r kube.Resource, ev kube.WatchEvent) {
	L := h.L
	event := L.NewTable()
	event.RawSetString("type", lua.LString(ev.Type))
	if obj := decodeOrReport(h, r, ev.Key, ev.Object); obj != nil {
		event.RawSetString("object", obj)
	}
	if obj := decodeOrReport(h, r, ev.Key, ev.Old); obj != nil {
		event.RawSetString("old", obj)
	}
	h.CallbackWith(runtime.CallOptions{Kind: "watch", About: r.String() + " " + ev.Key}, fn, 0, event)
}

func decodeOrReport(h *runtime.Host, r kube.Resource, key string, raw []byte) lua.LValue {
	if raw == nil {
		return nil
	}
	v, err := value.DecodeJSON(h.L, raw)
	if err != nil {
		h.Reportf("watch %s: decoding %s: %v", r, key, err)
		return nil
	}
	return v
}

// stopper is what a handle stops: a Watcher or a Reconciler.
type stopper interface {
	Stop()
	Done() <-chan struct{}
	HasSynced() bool
}

// handle is a watch or reconciler as the script holds it. It keeps the
// script alive until stopped, and its events run on the loop's goroutine.
type handle struct {
	host    *runtime.Host
	w       stopper
	release func()
	unready func()
	stopped atomic.Bool
	once    sync.Once
}

// start tracks the handle (it keeps the script alive) and makes the
// script's readiness (/readyz) wait for its initial list.
func (hd *handle) start(w stopper, what string) {
	hd.w = w
	hd.release = hd.host.Track(hd)
	hd.unready = hd.host.AddReadyCheck(what, w.HasSynced)
}

// deliver runs fn on the loop's goroutine, unless the handle stopped
// meanwhile. It blocks the watch's goroutine until fn ran.
func (hd *handle) deliver(fn func()) {
	if hd.stopped.Load() {
		return
	}
	hd.host.Run(func() {
		if !hd.stopped.Load() {
			fn()
		}
	})
}

// Stop stops the watch; safe from any goroutine, and from a callback.
func (hd *handle) Stop() {
	hd.once.Do(func() {
		hd.stopped.Store(true)
		if hd.w != nil {
			hd.w.Stop()
		}
		if hd.unready != nil {
			hd.unready()
		}
		if hd.release != nil {
			hd.release()
		}
	})
}

// Wait blocks until the watch's goroutines ended (after Stop).
func (hd *handle) Wait() {
	if hd.w != nil {
		<-hd.w.Done()
	}
}

const handleTypeName = "kube.Watch"

func registerHandleType(L *lua.LState) {
	mt := L.NewTypeMetatable(handleTypeName)
	methods := L.NewTable()
	methods.RawSetString("stop", L.NewFunction(handleStop))
	L.SetField(mt, "__index", methods)
	L.SetField(mt, "__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(handleTypeName))
		return 1
	}))
}

func pushHandle(L *lua.LState, hd *handle) lua.LValue {
	ud := L.NewUserData()
	ud.Value = hd
	L.SetMetatable(ud, L.GetTypeMetatable(handleTypeName))
	return ud
}

// handle:stop()
func handleStop(L *lua.LState) int {
	ud, ok := L.Get(1).(*lua.LUserData)
	hd, isHandle := (*handle)(nil), false
	if ok {
		hd, isHandle = ud.Value.(*handle)
	}
	if !isHandle {
		args.New(L, "handle:stop").Raise("called without a handle (use h:stop(), not h.stop())")
	}
	hd.Stop()
	return 0
}
