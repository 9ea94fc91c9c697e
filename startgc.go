package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// relaxStartupGC puts the first garbage collection off until the heap
// reaches 8 MiB instead of Go's 4 MiB, then goes back to the usual pace.
// klua's start (client-go's type registrations, the kubeconfig, the Lua
// state) allocates past 4 MiB, so a one-shot script otherwise pays for
// collections of a heap it is about to drop on exit (a kube.get: 13.7-15.3
// ms of CPU with GOGC=100, 11.6 with 200); a long-running or memory-hungry
// script sees a single later first cycle and nothing else. (400 saved no
// more CPU, and raised kube.each's peak by 8 MiB.) A GOGC the user set is
// left alone.
func relaxStartupGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	usual := debug.SetGCPercent(200)
	// A finalizer runs after the first collection that finds its object
	// unreachable: the first collection, for an object nothing holds.
	// (It holds a pointer so that it is not batched by the tiny allocator,
	// whose blocks are freed, and finalized, late.)
	runtime.SetFinalizer(&struct{ p *int }{}, func(any) { debug.SetGCPercent(usual) })
}
