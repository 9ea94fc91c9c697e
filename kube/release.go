package kube

import (
	"runtime/debug"
	"sync"
	"time"
)

// releaseAfterSync hands the memory of a watch's initial list back to the
// operating system once the list is in the watch's store. Decoding the
// list (the response, its objects, the Lua values made of them) takes
// about three times what the store then holds, and Go's scavenger returns
// the difference only slowly: a daemon watching 10,001 ConfigMaps held 31
// MiB of anonymous memory for an 8 MiB live heap. One forced collection a
// few milliseconds long fixes that for the life of the process. Watches
// that sync close together share one release.
func releaseAfterSync(synced <-chan struct{}, stop <-chan struct{}) {
	go func() {
		select {
		case <-synced:
			scheduleRelease()
		case <-stop:
		}
	}()
}

var release struct {
	sync.Mutex
	pending bool
}

// releaseDelay lets the handler finish with the last initial events (and
// other watches starting together sync) before the collection.
const releaseDelay = 200 * time.Millisecond

func scheduleRelease() {
	release.Lock()
	defer release.Unlock()
	if release.pending {
		return
	}
	release.pending = true
	time.AfterFunc(releaseDelay, func() {
		release.Lock()
		release.pending = false
		release.Unlock()
		debug.FreeOSMemory()
	})
}
