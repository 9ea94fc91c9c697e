package kube

import "sync"

// The watches running in this process, for CachedBytes.
var running struct {
	sync.Mutex
	watchers map[*Watcher]struct{}
}

func (w *Watcher) track() {
	running.Lock()
	defer running.Unlock()
	if running.watchers == nil {
		running.watchers = map[*Watcher]struct{}{}
	}
	running.watchers[w] = struct{}{}
}

func (w *Watcher) untrack() {
	running.Lock()
	defer running.Unlock()
	delete(running.watchers, w)
}

// CachedBytes is the size of the objects that the process's running
// watches hold in their caches, as JSON: what a long-running script keeps
// live. It walks every cache, so it is for occasional calls (klua's
// garbage collection pace, after each collection).
func CachedBytes() int64 {
	running.Lock()
	watchers := make([]*Watcher, 0, len(running.watchers))
	for w := range running.watchers {
		watchers = append(watchers, w)
	}
	running.Unlock()
	var n int64
	for _, w := range watchers {
		for _, obj := range w.informer.GetStore().List() {
			if o, ok := obj.(*RawObject); ok {
				n += int64(len(o.Raw))
			}
		}
	}
	return n
}
