package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent reads the current GOGC.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func resetGCPace(t *testing.T) {
	before := gcPercent()
	t.Cleanup(func() {
		gcPace.userSet, gcPace.starting, gcPace.afterStart = false, false, 0
		debug.SetGCPercent(before)
	})
}

func TestGCPaceStartThenEventLoop(t *testing.T) {
	resetGCPace(t)
	debug.SetGCPercent(100)
	relaxStartupGC()
	if p := gcPercent(); p != startupGCPercent {
		t.Fatalf("at start: GOGC %d, want %d", p, startupGCPercent)
	}
	// The script's main chunk ended before the first collection: the
	// start's pace holds until it.
	eventLoopGC()
	if p := gcPercent(); p != startupGCPercent {
		t.Fatalf("event loop before the first collection: GOGC %d, want %d", p, startupGCPercent)
	}
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != eventLoopGCPercent {
		if time.Now().After(deadline) {
			t.Fatalf("after collections: GOGC %d, want %d", gcPercent(), eventLoopGCPercent)
		}
		runtime.GC() // the finalizer runs on its own goroutine after it
		time.Sleep(10 * time.Millisecond)
	}
}

func TestGCPaceOneShotGoesBack(t *testing.T) {
	resetGCPace(t)
	debug.SetGCPercent(100)
	relaxStartupGC()
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != 100 {
		if time.Now().After(deadline) {
			t.Fatalf("after collections: GOGC %d, want 100", gcPercent())
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	eventLoopGC() // after the first collection: at once
	if p := gcPercent(); p != eventLoopGCPercent {
		t.Fatalf("event loop: GOGC %d, want %d", p, eventLoopGCPercent)
	}
}

func TestGCPaceLeavesUsersGOGC(t *testing.T) {
	resetGCPace(t)
	t.Setenv("GOGC", "80")
	debug.SetGCPercent(80)
	relaxStartupGC()
	eventLoopGC()
	runtime.GC()
	if p := gcPercent(); p != 80 {
		t.Fatalf("GOGC %d, want the user's 80", p)
	}
}
