package kube

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"k8s.io/client-go/tools/cache"
)

// Event types of a WatchEvent, as the API names them.
const (
	WatchAdded    = "ADDED"
	WatchModified = "MODIFIED"
	WatchDeleted  = "DELETED"
)

// WatchEvent is one change to a watched object, as raw JSON. The byte
// slices are shared with the watch's cache: callers must not change them.
type WatchEvent struct {
	Type   string // WatchAdded, WatchModified or WatchDeleted
	Key    string // "namespace/name", or "name" for cluster-scoped objects
	Object []byte // the object; for DELETED, its last known state (nil if unknown)
	Old    []byte // MODIFIED only: the previous state
}

// WatchOptions say what to watch and what to deliver.
type WatchOptions struct {
	Options // Namespace, AllNamespaces, LabelSelector, FieldSelector
	// SkipInitial leaves out the ADDED events for the objects that exist
	// when the watch starts (they are still in the cache: Get, Keys).
	SkipInitial bool
	// ManagedFields keeps metadata.managedFields, which are dropped by
	// default: they are about half of a typical object's bytes.
	ManagedFields bool
}

// Watcher is a running watch: client-go's informer machinery (list, watch,
// resume from the last resourceVersion, list again on 410 Gone, back off
// while the server is down) over raw JSON objects, and a cache of the
// current state of every object.
type Watcher struct {
	lw       *listWatch
	informer cache.SharedIndexInformer
	synced   cache.DoneChecker
	handler  func(WatchEvent)
	ctx      context.Context
	cancel   context.CancelFunc
	done     chan struct{}

	mu         sync.Mutex
	stopping   bool
	delivering bool
}

// Watch starts watching r. handler is called from the watch's own
// goroutine, one event at a time, in order; it may be called before Watch
// returns. Watch returns once the server accepted the watch, or said why
// not (403 Forbidden, 404 Not Found: an *APIError). If the server cannot
// be reached, Watch returns a Watcher that keeps trying.
//
// The events are the differences between successive states: after a lost
// connection or a relist, objects that changed are MODIFIED, those that
// vanished are DELETED, and unchanged ones send nothing. An object deleted
// and created again meanwhile is DELETED, then ADDED.
func (c *Client) Watch(ctx context.Context, r Resource, o WatchOptions, handler func(WatchEvent)) (*Watcher, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	lw := c.newListWatch(r, o)
	return startWatch(ctx, lw, o, handler)
}

func startWatch(ctx context.Context, lw *listWatch, o WatchOptions, handler func(WatchEvent)) (*Watcher, error) {
	inf := cache.NewSharedIndexInformerWithOptions(lw, &RawObject{},
		cache.SharedIndexInformerOptions{ObjectDescription: lw.r.String()})
	if err := inf.SetWatchErrorHandlerWithContext(lw.watchError); err != nil {
		return nil, fmt.Errorf("watch %s: %w", lw.r, err)
	}
	w := &Watcher{lw: lw, informer: inf, handler: handler, done: make(chan struct{})}
	reg, err := inf.AddEventHandler(eventHandler{deliver: w.deliver, skipInitial: o.SkipInitial})
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", lw.r, err)
	}
	w.synced = reg.HasSyncedChecker()
	w.ctx, w.cancel = context.WithCancel(ctx)
	releaseAfterSync(w.synced.Done(), w.ctx.Done())
	w.track()
	go func() {
		defer close(w.done)
		defer w.untrack()
		inf.RunWithContext(w.ctx)
	}()
	select {
	case <-lw.first.done:
		err = lw.first.err
	case <-w.ctx.Done():
		err = w.ctx.Err()
	}
	if err != nil {
		w.Stop()
		<-w.done
		return nil, err
	}
	return w, nil
}

// deliver calls the handler, unless the watch is stopping or the server
// has not accepted it yet (a list can succeed where the watch is then
// refused: its events must not reach a handler whose Watch failed).
func (w *Watcher) deliver(ev WatchEvent) {
	select {
	case <-w.lw.first.done:
	case <-w.ctx.Done():
		return
	}
	w.mu.Lock()
	if w.stopping || w.lw.first.err != nil || w.ctx.Err() != nil {
		w.mu.Unlock()
		return
	}
	w.delivering = true
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.delivering = false
		w.mu.Unlock()
	}()
	if wo, ok := w.lw.c.cfg.Observer.(WatchObserver); ok {
		wo.ObserveWatchEvent(w.lw.r.String(), ev.Type)
	}
	w.handler(ev)
}

// Stop stops the watch and waits until its goroutines ended. It may be
// called more than once, and from the handler: if a handler call is in
// progress, Stop does not wait for it (it may be that call, or what the
// call waits for); Done then tells when everything ended. Cancelling the
// context given to Watch stops the watch too.
func (w *Watcher) Stop() {
	w.mu.Lock()
	w.stopping = true
	inHandler := w.delivering
	w.mu.Unlock()
	w.cancel()
	if !inHandler {
		<-w.done
	}
}

// Done is closed when the watch has stopped and its goroutines ended.
func (w *Watcher) Done() <-chan struct{} { return w.done }

// HasSynced reports whether the initial list was delivered to the handler
// (or skipped, with SkipInitial).
func (w *Watcher) HasSynced() bool { return cache.IsDone(w.synced) }

// Synced is closed when HasSynced becomes true.
func (w *Watcher) Synced() <-chan struct{} { return w.synced.Done() }

// Get returns the cached state of the object with this key. The cache may
// be ahead of the events the handler has seen so far.
func (w *Watcher) Get(key string) ([]byte, bool) {
	obj, ok, err := w.informer.GetStore().GetByKey(key)
	if err != nil || !ok {
		return nil, false
	}
	return obj.(*RawObject).Raw, true
}

// Keys returns the keys of every cached object, sorted.
func (w *Watcher) Keys() []string {
	keys := w.informer.GetStore().ListKeys()
	slices.Sort(keys)
	return keys
}
