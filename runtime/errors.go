package runtime

import (
	"context"
	"errors"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// ErrInterrupted is returned when the run's context was cancelled while
// the script ran.
var ErrInterrupted = errors.New("interrupted")

// scriptError turns a gopher-lua failure into a ScriptError whose message
// is what the script raised, prefixed with where it was raised.
func (h *Host) scriptError(err error) error {
	var apiErr *lua.ApiError
	if !errors.As(err, &apiErr) {
		return &ScriptError{Message: err.Error()}
	}
	if h.ctx.Err() != nil {
		if err := h.fatalErr(); err != nil {
			return err
		}
		if errors.Is(h.ctx.Err(), context.DeadlineExceeded) {
			return &ScriptError{Message: "timed out (--timeout)"}
		}
		return ErrInterrupted
	}
	return &ScriptError{
		Message:   h.ErrorMessage(apiErr.Object),
		Traceback: h.traceback(apiErr.StackTrace),
		Value:     apiErr.Object,
	}
}

// ErrorMessage renders an error value the way a user should read it. Error
// tables (such as the kube module's) print through their __tostring and
// carry where they were raised in a "where" field.
func (h *Host) ErrorMessage(v lua.LValue) string {
	if v == nil || v == lua.LNil {
		return "error: nil"
	}
	msg := h.L.ToStringMeta(v).String()
	if t, ok := v.(*lua.LTable); ok {
		if where, ok := t.RawGetString("where").(lua.LString); ok && where != "" {
			msg = string(where) + " " + msg
		}
	}
	return msg
}

// traceback keeps the script's own frames: Go frames ("[G]") are noise to
// a script's author unless the host debugs.
func (h *Host) traceback(trace string) string {
	if h.debug {
		return trace
	}
	var kept []string
	for _, line := range strings.Split(trace, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "[G]") || t == "stack traceback:" {
			continue
		}
		kept = append(kept, "\t"+t)
	}
	if len(kept) <= 1 {
		return "" // a single frame says no more than the message
	}
	return "stack traceback:\n" + strings.Join(kept, "\n")
}
