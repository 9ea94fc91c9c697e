package repl

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime"
)

// shutdownGrace bounds how long a running callback may take to finish
// after SIGTERM.
const shutdownGrace = 10 * time.Second

// evalInput compiles and runs one chunk and prints what it gave.
func (s *session) evalInput(src string) {
	c, err := compileInput(src)
	if err != nil {
		s.errorf("%s", oneLine(err.Error()))
		return
	}
	results, ok := s.eval(s.h.L.NewFunctionFromProto(c.proto))
	if !ok {
		return
	}
	// A chunk that returned values ends in a return, which a script
	// allows only at its end: :save keeps it as a comment.
	in := input{src: src, statement: !c.expr && len(results) == 0}
	if c.expr {
		in.statement = isStatement(src)
		in.scalar = len(results) > 0 && allScalar(results)
	}
	s.printResults(results) // also a chunk's "return x"
	s.inputs = append(s.inputs, in)
}

// eval runs fn with a context of its own, which Ctrl-C cancels: it stops
// the statement (a loop, a kube.wait, a sleep) and nothing else.
func (s *session) eval(fn *lua.LFunction) ([]lua.LValue, bool) {
	ctx, cancel := context.WithCancel(s.h.Context())
	defer cancel()
	s.running.Store(&cancel)
	results, err := s.h.PCall(ctx, fn, lua.MultRet)
	s.running.Store(nil)
	s.h.Flush()
	switch {
	case err == nil:
		return results, true
	case s.h.Context().Err() != nil:
		// the session is ending; the loop says why
	case ctx.Err() != nil:
		s.errorf("\rinterrupted") // over the terminal's ^C
	default:
		s.errorf("%s", oneLine(s.h.ErrorMessage(runtime.ErrorValue(err))))
	}
	return nil, false
}

// oneLine keeps an error to one line: tracebacks are for scripts.
func oneLine(msg string) string {
	return strings.Join(strings.Fields(strings.TrimSpace(msg)), " ")
}

func (s *session) printResults(results []lua.LValue) {
	if len(results) == 0 {
		return
	}
	s.last = results
	if results[0] != lua.LNil {
		s.h.L.SetGlobal("_", results[0])
	}
	s.h.Printf("%s\n", s.format(results, false))
	s.h.Flush()
}

// format renders values: scalars on one line separated by tabs (as print
// does), each table on lines of its own.
func (s *session) format(results []lua.LValue, full bool) string {
	p := newPrinter(s.h.L, full, s.tostring)
	if allScalar(results) {
		parts := make([]string, len(results))
		for i, v := range results {
			parts[i] = p.format(v)
		}
		return strings.Join(parts, "\t")
	}
	parts := make([]string, len(results))
	for i, v := range results {
		parts[i] = p.format(v)
	}
	return strings.Join(parts, "\n")
}

func allScalar(vs []lua.LValue) bool {
	for _, v := range vs {
		if _, ok := v.(*lua.LTable); ok {
			return false
		}
	}
	return true
}

// tostring is Lua's tostring, protected: a failing __tostring prints as
// the failure rather than ending the session.
func (s *session) tostring(v lua.LValue) string {
	res, err := s.h.PCall(s.h.Context(), s.h.L.GetGlobal("tostring"), 1, v)
	if err != nil {
		return "<tostring failed: " + oneLine(s.h.ErrorMessage(runtime.ErrorValue(err))) + ">"
	}
	return lua.LVAsString(res[0])
}

// runInit runs the -i script before the first prompt; its globals stay.
func (s *session) runInit(path string) {
	src, err := os.ReadFile(path)
	if err != nil {
		s.errorf("cannot read script: %v", err)
		return
	}
	text := string(src)
	if strings.HasPrefix(text, "#!") {
		text = "--" + text // keeps the line numbers
	}
	proto, err := compileString(text, path)
	if err != nil {
		s.errorf("%s", oneLine(runtime.SyntaxError(err, path).Error()))
		return
	}
	if _, ok := s.eval(s.h.L.NewFunctionFromProto(proto)); ok {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs // the saved script may run from elsewhere
		}
		s.inputs = append(s.inputs, input{src: "dofile(" + quoteLua(path) + ")", statement: true})
	}
}

// handleSignals makes Ctrl-C (SIGINT while a statement runs; at the
// prompt the line editor reads it as a key) cancel the running statement,
// and SIGTERM end the session.
func (s *session) handleSignals() (stop func()) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		for sig := range ch {
			if sig == syscall.SIGTERM {
				s.h.Shutdown(shutdownGrace)
				continue
			}
			if cancel := s.running.Load(); cancel != nil {
				(*cancel)()
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(ch)
	}
}
