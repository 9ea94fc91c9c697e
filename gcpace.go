package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/klua/klua/kube"
)

// klua sets the collector's pace (GOGC) for two phases of a run, unless the
// user set GOGC: a lazy start, and, in a long-running script whose watches
// hold much, a tighter pace.
var gcPace gcPaceState

// gcPaceState is what the pace depends on.
type gcPaceState struct {
	sync.Mutex
	userSet   bool
	usual     int  // GOGC as Go set it (100)
	starting  bool // the start's pace holds until the first collection
	eventLoop bool // the script's event loop runs
	current   int  // the GOGC klua set last
	// cached says how much the watches hold (kube.CachedBytes).
	cached func() int64
}

// startupGCPercent puts the first garbage collection off until the heap
// reaches 8 MiB instead of Go's 4 MiB. klua's start (client-go's type
// registrations, the kubeconfig, the Lua state) allocates past 4 MiB, so a
// one-shot script otherwise pays for collections of a heap it is about to
// drop on exit (a kube.get: 13.7-15.3 ms of CPU with GOGC=100, 11.6 with
// 200); a long-running or memory-hungry script sees a single later first
// cycle. (400 saved no more CPU, and raised kube.each's peak by 8 MiB.)
const startupGCPercent = 200

// cachingGCPercent is the pace while the event loop runs and the watches
// hold at least cachingThreshold bytes of objects. Then the heap is mostly
// those objects, live for the life of the process, and at Go's usual 100
// it grows to twice that before each collection: the soak's daemon
// (10,000 watched ConfigMaps, 3.4 MB of JSON, a patch a second, /metrics)
// held 2.4 MiB less resident memory at 50. Below the threshold the heap is
// mostly klua's own few MiB, there is little to save, and the tighter
// pace would only cost CPU (6% more per watch event).
const (
	cachingGCPercent = 50
	cachingThreshold = 2 << 20
)

// relaxStartupGC sets the start's pace until the first collection, and
// from then on reconsiders the pace after every collection.
func relaxStartupGC() {
	gcPace.Lock()
	defer gcPace.Unlock()
	if _, set := os.LookupEnv("GOGC"); set {
		gcPace.userSet = true
		return
	}
	if gcPace.cached == nil {
		gcPace.cached = kube.CachedBytes
	}
	gcPace.usual = debug.SetGCPercent(startupGCPercent)
	gcPace.current = startupGCPercent
	gcPace.starting = true
	afterNextGC()
}

// afterNextGC reconsiders the pace after the next collection, and again
// after each one. A finalizer runs after the first collection that finds
// its object unreachable: the next collection, for an object nothing
// holds. (It holds a pointer so that it is not batched by the tiny
// allocator, whose blocks are freed, and finalized, late.)
func afterNextGC() {
	runtime.SetFinalizer(&struct{ p *int }{}, func(any) {
		gcPace.Lock()
		gcPace.starting = false
		gcPace.set()
		gcPace.Unlock()
		afterNextGC()
	})
}

// eventLoopGC says the event loop runs: from now on the watches' caches
// may tighten the pace.
func eventLoopGC() {
	gcPace.Lock()
	defer gcPace.Unlock()
	gcPace.eventLoop = true
	gcPace.set()
}

// set sets GOGC for the phase the run is in; gcPace is locked.
func (p *gcPaceState) set() {
	if p.userSet || p.starting || p.cached == nil {
		return
	}
	want := p.usual
	if p.eventLoop && p.cached() >= cachingThreshold {
		want = cachingGCPercent
	}
	if want != p.current {
		debug.SetGCPercent(want)
		p.current = want
	}
}
