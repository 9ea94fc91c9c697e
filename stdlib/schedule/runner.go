package schedule

import (
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime"
)

// runner is one schedule: a timer goroutine that says when runs come due,
// and the runs themselves, which it hands to the loop. A run is "still
// running" from the moment it came due until its callback returned: while
// it waits for its jitter, while it waits for the script's thread (busy
// with the main chunk or another callback), and while its callback runs,
// including any sleep or kube.wait inside it.
type runner struct {
	host   *runtime.Host
	fn     *lua.LFunction
	self   lua.LValue // the handle, passed to fn; touched on the loop only
	name   string
	timing timing
	opts   runOptions
	obs    Observer

	stopCh   chan struct{}
	stopOnce sync.Once
	release  func()

	mu      sync.Mutex
	running bool // a run came due and has not finished
	queued  bool // overlap "queue": one more run right after
	skipped int  // runs skipped since the last report

	runs, failures, timeouts, skips atomic.Int64
}

type runOptions struct {
	queue   bool          // overlap "queue" rather than "forbid"
	jitter  time.Duration // most random delay before each run
	timeout time.Duration // bound on each run (0: --callback-timeout)
	runNow  bool          // one run at once, besides the schedule's
}

// start tracks the schedule (it keeps the script alive) and starts its
// timer.
func (r *runner) start() {
	r.stopCh = make(chan struct{})
	r.release = r.host.Track(r)
	go r.timer(time.Now())
}

// Stop stops the schedule: no run comes due any more, and a run that came
// due but has not started will not start. A run in progress finishes.
// Safe from any goroutine, more than once, and from the schedule's own
// callback.
func (r *runner) Stop() {
	r.stopOnce.Do(func() {
		close(r.stopCh)
		r.release()
	})
}

func (r *runner) stopped() bool {
	select {
	case <-r.stopCh:
		return true
	default:
		return false
	}
}

// timer makes runs come due until the schedule stops or the run ends.
func (r *runner) timer(start time.Time) {
	if r.opts.runNow {
		r.due()
	}
	next := start
	t := time.NewTimer(0)
	<-t.C
	for {
		next = r.timing.Next(next)
		if now := time.Now(); next.Before(now) {
			// The process was paused past runs (a suspended laptop, a
			// starved node): go on from now rather than fire a burst.
			next = r.timing.Next(now)
		}
		if next.IsZero() {
			return
		}
		t.Reset(time.Until(next))
		select {
		case <-t.C:
			r.due()
		case <-r.stopCh:
			t.Stop()
			return
		case <-r.host.Context().Done():
			t.Stop()
			return
		}
	}
}

// due starts a run, or skips or queues it if the previous one still runs.
func (r *runner) due() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.running {
		r.running = true
		go r.run()
		return
	}
	if r.opts.queue && !r.queued {
		r.queued = true
		return
	}
	r.skipped++
	r.skips.Add(1)
	if r.obs != nil {
		r.obs.ObserveScheduleSkip(r.name)
	}
}

// run runs the schedule's callback on the loop, then the queued run if
// there is one.
func (r *runner) run() {
	for {
		if r.opts.jitter > 0 && !r.sleep(rand.N(r.opts.jitter)) {
			break
		}
		err := r.host.Run(func() {
			if !r.stopped() {
				r.call()
			}
		})
		r.mu.Lock()
		again := r.queued && !errors.Is(err, runtime.ErrStopped) && !r.stopped()
		r.queued = false
		if !again {
			r.running = false
			r.mu.Unlock()
			return
		}
		r.mu.Unlock()
	}
	r.mu.Lock()
	r.running, r.queued = false, false
	r.mu.Unlock()
}

// sleep waits d, and says false if the schedule stopped meanwhile.
func (r *runner) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.stopCh:
		return false
	case <-r.host.Context().Done():
		return false
	}
}

// call runs the callback once, on the loop's goroutine, and counts it.
func (r *runner) call() {
	start := time.Now()
	_, err := r.host.CallbackWith(runtime.CallOptions{Kind: "schedule", About: "schedule " + r.name,
		Timeout: r.opts.timeout, TimeoutName: "schedule timeout"}, r.fn, 0, r.self)
	result := runtime.ResultSuccess
	r.runs.Add(1)
	var cbErr *runtime.CallbackError
	switch {
	case errors.As(err, &cbErr) && cbErr.TimedOut:
		r.timeouts.Add(1)
		result = runtime.ResultTimeout
	case err != nil:
		r.failures.Add(1)
		result = runtime.ResultError
	}
	if r.obs != nil {
		r.obs.ObserveScheduleRun(r.name, result, time.Since(start))
	}
	r.reportSkips()
}

// reportSkips says, once per run rather than once per skip, how many runs
// were skipped because this one still ran.
func (r *runner) reportSkips() {
	r.mu.Lock()
	n := r.skipped
	r.skipped = 0
	r.mu.Unlock()
	if n == 1 {
		r.host.Reportf("schedule %s: skipped 1 run that came due while the previous one still ran", r.name)
	} else if n > 1 {
		r.host.Reportf("schedule %s: skipped %d runs that came due while the previous one still ran", r.name, n)
	}
}
