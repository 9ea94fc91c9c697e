package main

import (
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"
)

// gcPercent reads the current GOGC.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// resetGCPace starts a test from a process that has not set its pace, with
// watches holding what *cached says.
func resetGCPace(t *testing.T, cached *atomic.Int64) {
	before := gcPercent()
	reset := func() {
		gcPace.Lock()
		gcPace.userSet, gcPace.starting, gcPace.eventLoop = false, false, false
		gcPace.usual, gcPace.current = 0, 0
		gcPace.cached = cached.Load
		gcPace.Unlock()
	}
	reset()
	debug.SetGCPercent(100)
	t.Cleanup(func() {
		reset()
		gcPace.Lock()
		gcPace.cached = nil // pace chains of earlier tests change nothing
		gcPace.Unlock()
		debug.SetGCPercent(before)
	})
}

// collectUntil runs collections until GOGC is want.
func collectUntil(t *testing.T, want int, when string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != want {
		if time.Now().After(deadline) {
			t.Fatalf("%s: GOGC %d, want %d", when, gcPercent(), want)
		}
		runtime.GC() // the finalizer runs on its own goroutine after it
		time.Sleep(10 * time.Millisecond)
	}
}

func TestGCPaceOneShot(t *testing.T) {
	var cached atomic.Int64
	cached.Store(10 << 20)
	resetGCPace(t, &cached)
	relaxStartupGC()
	if p := gcPercent(); p != startupGCPercent {
		t.Fatalf("at start: GOGC %d, want %d", p, startupGCPercent)
	}
	// No event loop: however much is cached, the usual pace.
	collectUntil(t, 100, "after the first collection")
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if p := gcPercent(); p != 100 {
		t.Errorf("later: GOGC %d, want 100", p)
	}
}

func TestGCPaceEventLoopFollowsTheCaches(t *testing.T) {
	var cached atomic.Int64
	cached.Store(1 << 20)
	resetGCPace(t, &cached)
	relaxStartupGC()
	// The main chunk ended before the first collection: the start's
	// pace holds until it.
	eventLoopGC()
	if p := gcPercent(); p != startupGCPercent {
		t.Fatalf("event loop before the first collection: GOGC %d, want %d", p, startupGCPercent)
	}
	collectUntil(t, 100, "small caches")
	cached.Store(cachingThreshold)
	collectUntil(t, cachingGCPercent, "caches at the threshold")
	cached.Store(0) // the watches stopped
	collectUntil(t, 100, "no caches")
}

func TestGCPaceEventLoopAfterTheStart(t *testing.T) {
	var cached atomic.Int64
	cached.Store(5 << 20)
	resetGCPace(t, &cached)
	relaxStartupGC()
	collectUntil(t, 100, "after the first collection")
	eventLoopGC() // at once
	if p := gcPercent(); p != cachingGCPercent {
		t.Fatalf("event loop: GOGC %d, want %d", p, cachingGCPercent)
	}
}

func TestGCPaceLeavesUsersGOGC(t *testing.T) {
	var cached atomic.Int64
	cached.Store(10 << 20)
	resetGCPace(t, &cached)
	t.Setenv("GOGC", "80")
	debug.SetGCPercent(80)
	relaxStartupGC()
	eventLoopGC()
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if p := gcPercent(); p != 80 {
		t.Fatalf("GOGC %d, want the user's 80", p)
	}
}
