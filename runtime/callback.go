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
}

func (e *CallbackError) Error() string {
	if e.About == "" {
		return "callback failed: " + e.Err.Message
	}
	return fmt.Sprintf("callback for %s failed: %s", e.About, e.Err.Message)
}

// Callback calls fn with args on the loop's goroutine, protected: a
// failure is reported (with the script's file:line and about) and counted,
// and the loop goes on, unless the host was told to stop on errors. Each
// call is bounded by the callback timeout through the state's context.
// It returns fn's first nret results, or the failure.
func (h *Host) Callback(fn *lua.LFunction, about string, nret int, args ...lua.LValue) ([]lua.LValue, error) {
	h.loop.depth.Add(1)
	defer h.afterCallback()
	h.Stats.Callbacks.Add(1)
	ctx, cancel := h.callbackContext()
	defer cancel()
	results, err := h.PCall(ctx, fn, nret, args...)
	if err != nil {
		return nil, h.callbackFailed(ctx, about, err)
	}
	return results, nil
}

func (h *Host) callbackContext() (context.Context, context.CancelFunc) {
	if h.opts.CallbackTimeout > 0 {
		return context.WithTimeout(h.ctx, h.opts.CallbackTimeout)
	}
	return context.WithCancel(h.ctx)
}

func (h *Host) afterCallback() {
	h.Flush()
	if h.loop.depth.Add(-1) == 0 && h.loop.stopped.Load() {
		h.cancel() // shutting down: the running callback was all we waited for
	}
}

func (h *Host) callbackFailed(ctx context.Context, about string, err error) error {
	h.Stats.CallbackErrors.Add(1)
	var se *ScriptError
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && h.ctx.Err() == nil {
		se = &ScriptError{Message: fmt.Sprintf("timed out after %s (--callback-timeout)", h.opts.CallbackTimeout)}
	} else if conv := h.scriptError(err); errors.As(conv, &se) {
	} else {
		se = &ScriptError{Message: conv.Error()}
	}
	cbErr := &CallbackError{About: about, Err: se}
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
