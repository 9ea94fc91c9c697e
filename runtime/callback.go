package runtime

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// Stats count what happened to callbacks, for logs and metrics.
type Stats struct {
	Callbacks      atomic.Int64
	CallbackErrors atomic.Int64
}

// CallbackError is a callback's failure: where in the script, and what
// the callback was about (an object's namespace/name, a schedule).
type CallbackError struct {
	About string
	Err   *ScriptError
	// TimedOut is true when the callback was stopped for running too long.
	TimedOut bool
}

func (e *CallbackError) Error() string {
	if e.About == "" {
		return "callback failed: " + e.Err.Message
	}
	return fmt.Sprintf("callback for %s failed: %s", e.About, e.Err.Message)
}

// CallOptions describe one callback.
type CallOptions struct {
	// Kind is what calls back ("watch", "reconcile", "schedule"): a
	// label for metrics, so it must be one of a few words.
	Kind string
	// About is what the call is about, for reports: an object's key, a
	// schedule's name.
	About string
	// Timeout bounds this call instead of the host's CallbackTimeout
	// (0: the host's); TimeoutName says where it was set, for the report.
	Timeout     time.Duration
	TimeoutName string
}

// Callback results, as Options.ObserveCallback gets them.
const (
	ResultSuccess = "success"
	ResultError   = "error"
	ResultTimeout = "timeout"
)

// Callback calls fn with args on the loop's goroutine, protected: a
// failure is reported (with the script's file:line and about) and counted,
// and the loop goes on, unless the host was told to stop on errors. Each
// call is bounded by the callback timeout through the state's context.
// It returns fn's first nret results, or the failure.
func (h *Host) Callback(fn *lua.LFunction, about string, nret int, args ...lua.LValue) ([]lua.LValue, error) {
	return h.CallbackWith(CallOptions{About: about}, fn, nret, args...)
}

// CallbackWith is Callback with a kind for metrics and a timeout of its
// own: a call past its timeout is cancelled through its thread's context,
// reported, and returns a *CallbackError whose TimedOut is true.
func (h *Host) CallbackWith(o CallOptions, fn *lua.LFunction, nret int, args ...lua.LValue) ([]lua.LValue, error) {
	if o.Timeout <= 0 {
		o.Timeout, o.TimeoutName = h.opts.CallbackTimeout, "--callback-timeout"
	}
	if err := h.gateErr(); err != nil {
		return nil, err
	}
	start := h.beforeCallback(o.About)
	defer h.afterCallback()
	h.Stats.Callbacks.Add(1)
	ctx, cancel := h.callbackContext(o.Timeout)
	defer cancel()
	results, err := h.PCall(ctx, fn, nret, args...)
	if err != nil {
		cbErr := h.callbackFailed(ctx, o, err)
		h.observeCallback(o.Kind, start, cbErr)
		return nil, cbErr
	}
	h.observeCallback(o.Kind, start, nil)
	return results, nil
}

func (h *Host) callbackContext(timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout > 0 {
		return context.WithTimeout(h.ctx, timeout)
	}
	return context.WithCancel(h.ctx)
}

// beforeCallback marks the loop busy with a callback, for health checks.
func (h *Host) beforeCallback(about string) time.Time {
	now := time.Now()
	if h.loop.depth.Add(1) == 1 {
		h.loop.busy.Store(&busy{since: now, about: about})
	}
	return now
}

func (h *Host) afterCallback() {
	h.Flush()
	if h.loop.depth.Add(-1) == 0 {
		h.loop.busy.Store(nil)
		if h.loop.stopped.Load() {
			h.cancel() // shutting down: the running callback was all we waited for
		}
	}
}

func (h *Host) observeCallback(kind string, start time.Time, err *CallbackError) {
	if h.opts.ObserveCallback == nil {
		return
	}
	result := ResultSuccess
	switch {
	case err != nil && err.TimedOut:
		result = ResultTimeout
	case err != nil:
		result = ResultError
	}
	h.opts.ObserveCallback(kind, result, time.Since(start))
}

func (h *Host) callbackFailed(ctx context.Context, o CallOptions, err error) *CallbackError {
	h.Stats.CallbackErrors.Add(1)
	var se *ScriptError
	timedOut := errors.Is(ctx.Err(), context.DeadlineExceeded) && h.ctx.Err() == nil
	if timedOut {
		se = &ScriptError{Message: fmt.Sprintf("timed out after %s (%s)", o.Timeout, o.TimeoutName)}
	} else if conv := h.scriptError(err); errors.As(conv, &se) {
	} else {
		se = &ScriptError{Message: conv.Error()}
	}
	cbErr := &CallbackError{About: o.About, Err: se, TimedOut: timedOut}
	if h.opts.ExitOnError {
		h.setFatal(cbErr) // reported once, as the run's error
	} else {
		h.report(cbErr)
	}
	return cbErr
}

// report writes a failure the loop survives to stderr, in order with
// the script's output.
func (h *Host) report(err error) {
	h.Reportf("%s", err)
}

// Reportf writes a problem the script survives to stderr ("klua: ..."),
// in order with the script's output.
func (h *Host) Reportf(format string, v ...any) {
	h.Flush()
	fmt.Fprintf(h.opts.Stderr, "klua: "+format+"\n", v...)
}

// SetGate makes every callback ask gate first: when it fails, the callback
// does not run and the run ends with its error (see Abort). A leader uses
// it to never run a callback on a Lease it has not renewed recently, such
// as after the process was frozen past the lease duration.
func (h *Host) SetGate(gate func() error) { h.gate.Store(&gate) }

func (h *Host) gateErr() error {
	g := h.gate.Load()
	if g == nil {
		return nil
	}
	if err := (*g)(); err != nil {
		h.Abort(err)
		return err
	}
	return nil
}

// Abort ends the run at once with err, which Loop (or the blocking call
// in progress) returns: for a failure outside the script, such as a lost
// leader lease, after which no callback may run any more.
func (h *Host) Abort(err error) { h.setFatal(err) }

func (h *Host) setFatal(err error) {
	h.fatalMu.Lock()
	if h.fatal == nil {
		h.fatal = err
	}
	h.fatalMu.Unlock()
	h.cancel()
}

func (h *Host) fatalErr() error {
	h.fatalMu.Lock()
	defer h.fatalMu.Unlock()
	return h.fatal
}

// endErr says why the run's context ended: a fatal callback error, a
// shutdown (not an error), an interrupt or a timeout.
func (h *Host) endErr() error {
	if err := h.fatalErr(); err != nil {
		return err
	}
	if h.loop.stopped.Load() {
		return nil
	}
	if errors.Is(h.ctx.Err(), context.DeadlineExceeded) {
		return &ScriptError{Message: "timed out (--timeout)"}
	}
	return ErrInterrupted
}

// Shutdown stops the script gracefully (SIGTERM, the first SIGINT): every
// watch, reconciler and schedule stops, a callback that is running may
// finish within grace, and then the run ends.
func (h *Host) Shutdown(grace time.Duration) {
	if !h.loop.stopped.CompareAndSwap(false, true) {
		return
	}
	h.stopAll()
	h.loop.signal()
	if h.loop.depth.Load() == 0 {
		h.cancel()
		return
	}
	time.AfterFunc(grace, h.cancel)
}

// ShuttingDown reports whether Shutdown was called.
func (h *Host) ShuttingDown() bool { return h.loop.stopped.Load() }
