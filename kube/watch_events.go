package kube

import "k8s.io/client-go/tools/cache"

// eventHandler turns the informer's notifications into WatchEvents. The
// informer compares each new state with its cache, so after a relist it
// reports every object again: this is where the unchanged ones are
// dropped and the rest named for what they are.
type eventHandler struct {
	deliver     func(WatchEvent)
	skipInitial bool
}

func (h eventHandler) OnAdd(obj any, isInInitialList bool) {
	o, ok := obj.(*RawObject)
	if !ok || (isInInitialList && h.skipInitial) {
		return
	}
	h.deliver(WatchEvent{Type: WatchAdded, Key: o.Key(), Object: o.Raw})
}

func (h eventHandler) OnUpdate(oldObj, newObj any) {
	old, ok1 := oldObj.(*RawObject)
	cur, ok2 := newObj.(*RawObject)
	if !ok1 || !ok2 || old.resourceVersion() == cur.resourceVersion() {
		return // a relist found the object as it was
	}
	key := cur.Key()
	if old.uid() != cur.uid() {
		// Deleted and created again while the watch was away: two lives.
		h.deliver(WatchEvent{Type: WatchDeleted, Key: key, Object: old.Raw})
		h.deliver(WatchEvent{Type: WatchAdded, Key: key, Object: cur.Raw})
		return
	}
	h.deliver(WatchEvent{Type: WatchModified, Key: key, Object: cur.Raw, Old: old.Raw})
}

func (h eventHandler) OnDelete(obj any) {
	var key string
	if t, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		// The deletion was missed and found by a relist: the object is
		// its last known state.
		key, obj = t.Key, t.Obj
	}
	o, ok := obj.(*RawObject)
	switch {
	case ok:
		if key == "" {
			key = o.Key()
		}
		h.deliver(WatchEvent{Type: WatchDeleted, Key: key, Object: o.Raw})
	case key != "":
		h.deliver(WatchEvent{Type: WatchDeleted, Key: key})
	}
}
