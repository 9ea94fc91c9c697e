package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// klua sets the collector's pace (GOGC) for two phases of a run, unless the
// user set GOGC: a lazy start, and a tighter pace once the script is a
// long-running service.
var gcPace struct {
	sync.Mutex
	userSet    bool
	starting   bool // the start's pace holds until the first collection
	afterStart int  // the pace after it
}

// startupGCPercent puts the first garbage collection off until the heap
// reaches 8 MiB instead of Go's 4 MiB. klua's start (client-go's type
// registrations, the kubeconfig, the Lua state) allocates past 4 MiB, so a
// one-shot script otherwise pays for collections of a heap it is about to
// drop on exit (a kube.get: 13.7-15.3 ms of CPU with GOGC=100, 11.6 with
// 200); a long-running or memory-hungry script sees a single later first
// cycle. (400 saved no more CPU, and raised kube.each's peak by 8 MiB.)
const startupGCPercent = 200

// eventLoopGCPercent is the pace while the event loop serves watches,
// schedules and reconcilers. A daemon's heap is mostly what its watches
// hold, live for the life of the process, and at Go's usual 100 the heap
// grows to twice that before each collection: the soak's daemon (10,000
// watched ConfigMaps, a patch a second, /metrics) held 2.4 MiB less
// resident memory at 50, for 6% more CPU per watch event (0.086 ms
// instead of 0.081; docs/benchmarks.md).
const eventLoopGCPercent = 50

// relaxStartupGC sets the start's pace until the first collection.
func relaxStartupGC() {
	gcPace.Lock()
	defer gcPace.Unlock()
	if _, set := os.LookupEnv("GOGC"); set {
		gcPace.userSet = true
		return
	}
	gcPace.afterStart = debug.SetGCPercent(startupGCPercent)
	gcPace.starting = true
	// A finalizer runs after the first collection that finds its object
	// unreachable: the first collection, for an object nothing holds.
	// (It holds a pointer so that it is not batched by the tiny allocator,
	// whose blocks are freed, and finalized, late.)
	runtime.SetFinalizer(&struct{ p *int }{}, func(any) {
		gcPace.Lock()
		defer gcPace.Unlock()
		gcPace.starting = false
		debug.SetGCPercent(gcPace.afterStart)
	})
}

// eventLoopGC sets the event loop's pace: now, or once the first
// collection ran if it has not yet.
func eventLoopGC() {
	gcPace.Lock()
	defer gcPace.Unlock()
	if gcPace.userSet {
		return
	}
	gcPace.afterStart = eventLoopGCPercent
	if !gcPace.starting {
		debug.SetGCPercent(eventLoopGCPercent)
	}
}
