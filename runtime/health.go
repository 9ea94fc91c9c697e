package runtime

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// Health: what /healthz and /readyz ask of the host. The loop is alive
// when no callback has been running for too long and no work has waited
// too long for the loop (a main chunk that computes without ever
// sleeping holds back every callback). It is ready when everything that
// registered a readiness check (watches, reconcilers) says so.

// busy is the callback that is running.
type busy struct {
	since time.Time
	about string
}

// Stuck returns an error when the loop has been held up longer than
// limit: a callback still running, or work queued and not yet run.
func (h *Host) Stuck(limit time.Duration) error {
	if b := h.loop.busy.Load(); b != nil {
		if d := time.Since(b.since); d > limit {
			return fmt.Errorf("a callback (%s) has been running for %s", aboutOrAnon(b.about), d.Round(time.Second))
		}
	}
	if d := h.oldestTask(); d > limit {
		return fmt.Errorf("callbacks have waited %s for the script's thread", d.Round(time.Second))
	}
	return nil
}

func aboutOrAnon(about string) string {
	if about == "" {
		return "anonymous"
	}
	return about
}

// oldestTask is how long the first queued task has waited.
func (h *Host) oldestTask() time.Duration {
	lp := h.loop
	lp.mu.Lock()
	defer lp.mu.Unlock()
	if len(lp.tasks) == 0 {
		return 0
	}
	return time.Since(lp.tasks[0].queued)
}

// readiness holds the named checks that all must pass for the script to
// be ready.
type readiness struct {
	mu     sync.Mutex
	next   int
	checks map[int]check
}

type check struct {
	name  string
	ready func() bool
}

// AddReadyCheck registers a check (a watch's "has synced") that must pass
// for Ready; remove unregisters it (call it when the watch stops).
func (h *Host) AddReadyCheck(name string, ready func() bool) (remove func()) {
	r := &h.loop.checks
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.checks == nil {
		r.checks = map[int]check{}
	}
	id := r.next
	r.next++
	r.checks[id] = check{name: name, ready: ready}
	return func() {
		r.mu.Lock()
		delete(r.checks, id)
		r.mu.Unlock()
	}
}

// NotReady returns the names of the checks that do not pass, sorted.
func (h *Host) NotReady() []string {
	r := &h.loop.checks
	r.mu.Lock()
	checks := make([]check, 0, len(r.checks))
	for _, c := range r.checks {
		checks = append(checks, c)
	}
	r.mu.Unlock()
	var names []string
	for _, c := range checks {
		if !c.ready() {
			names = append(names, c.name)
		}
	}
	slices.Sort(names)
	return names
}
