package runtime

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// The event loop. Only the goroutine running the script touches the Lua
// state; watches and timers run in goroutines of their own and hand work
// to the loop with Run. The loop runs that work whenever the main chunk is
// idle: after it returned (Loop), or while it sleeps or waits (Block).

// Stopper is something that keeps a script alive until stopped: a watch,
// a reconciler, a schedule. Stop must be safe to call from any goroutine
// and more than once.
type Stopper interface {
	Stop()
}

// ErrStopped is returned by Run when the host no longer runs work.
var ErrStopped = errors.New("the script has stopped")

type task struct {
	fn     func()
	done   chan struct{}
	queued time.Time // for health checks: how long work waits for the loop
}

// loop is the Host's part that queues work and tracks live handles.
type loop struct {
	mu      sync.Mutex
	tasks   []task
	live    map[Stopper]struct{}
	closed  bool
	wake    chan struct{} // buffered 1: "something changed"
	depth   atomic.Int32  // callbacks running
	stopped atomic.Bool   // Shutdown was called
	busy    atomic.Pointer[busy]
	checks  readiness
}

func newLoop() *loop {
	return &loop{live: map[Stopper]struct{}{}, wake: make(chan struct{}, 1)}
}

func (lp *loop) signal() {
	select {
	case lp.wake <- struct{}{}:
	default:
	}
}

// Run hands fn to the loop and waits until it ran, so that a watch's
// goroutine delivers its events one at a time and in order, and a
// producer faster than the script waits for it instead of piling up
// memory. It returns ErrStopped, without running fn, once the host closed.
func (h *Host) Run(fn func()) error {
	t := task{fn: fn, done: make(chan struct{}), queued: time.Now()}
	lp := h.loop
	lp.mu.Lock()
	if lp.closed {
		lp.mu.Unlock()
		return ErrStopped
	}
	lp.tasks = append(lp.tasks, t)
	lp.mu.Unlock()
	lp.signal()
	select {
	case <-t.done:
		return nil
	case <-h.closing:
		return ErrStopped
	}
}

// runTasks runs every queued task.
func (h *Host) runTasks() {
	for {
		lp := h.loop
		lp.mu.Lock()
		if len(lp.tasks) == 0 {
			lp.mu.Unlock()
			return
		}
		t := lp.tasks[0]
		lp.tasks[0] = task{}
		lp.tasks = lp.tasks[1:]
		lp.mu.Unlock()
		t.fn()
		close(t.done)
	}
}

// Track registers a live handle: the script keeps running while any is
// tracked. The returned release untracks it (call it from Stop).
func (h *Host) Track(s Stopper) (release func()) {
	lp := h.loop
	lp.mu.Lock()
	lp.live[s] = struct{}{}
	lp.mu.Unlock()
	return func() {
		lp.mu.Lock()
		delete(lp.live, s)
		lp.mu.Unlock()
		lp.signal()
	}
}

// Live is the number of tracked handles.
func (h *Host) Live() int {
	h.loop.mu.Lock()
	defer h.loop.mu.Unlock()
	return len(h.loop.live)
}

// Loop runs callbacks until no handle is live or the run ends. The
// runner calls it after the main chunk returned.
func (h *Host) Loop() error {
	defer h.Flush()
	for {
		h.runTasks()
		h.Flush()
		if err := h.fatalErr(); err != nil {
			return err
		}
		if h.Live() == 0 {
			return nil
		}
		select {
		case <-h.loop.wake:
		case <-h.ctx.Done():
			return h.endErr()
		}
	}
}

// Block waits until done is closed or ctx ends. Meanwhile it runs the
// functions sent on private (the waiter's own events), and queued
// callbacks too unless it was called from inside a callback: callbacks
// run one at a time, never nested in each other.
func (h *Host) Block(ctx context.Context, done <-chan struct{}, private <-chan func()) error {
	h.Flush()
	for {
		if h.loop.depth.Load() == 0 {
			h.runTasks()
			h.Flush()
		}
		if err := h.fatalErr(); err != nil {
			return err
		}
		select {
		case <-done:
			return nil
		default:
		}
		select {
		case <-done:
			return nil
		case fn := <-private:
			fn()
		case <-h.loop.wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Sleep blocks for d, running callbacks meanwhile (see Block).
func (h *Host) Sleep(ctx context.Context, d time.Duration) error {
	done := make(chan struct{})
	t := time.AfterFunc(d, func() { close(done) })
	defer t.Stop()
	return h.Block(ctx, done, nil)
}

// stopAll stops every live handle, outside the lock: Stop releases.
func (h *Host) stopAll() {
	h.loop.mu.Lock()
	live := make([]Stopper, 0, len(h.loop.live))
	for s := range h.loop.live {
		live = append(live, s)
	}
	h.loop.mu.Unlock()
	for _, s := range live {
		s.Stop()
	}
}

// closeLoop refuses further work, releases producers blocked in Run, and
// stops every handle.
func (h *Host) closeLoop() {
	h.loop.mu.Lock()
	already := h.loop.closed
	h.loop.closed = true
	h.loop.tasks = nil
	h.loop.mu.Unlock()
	if !already {
		close(h.closing)
	}
	h.stopAll()
}
