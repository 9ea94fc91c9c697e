package runtime

import (
	"bytes"
	"context"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// With Options.Terminal, print reaches Stdout at once, without a flush:
// the REPL's writer is no *os.File, yet a person watches it.
func TestTerminalOutputIsNotBuffered(t *testing.T) {
	for _, terminal := range []bool{false, true} {
		var out bytes.Buffer
		h := New(context.Background(), Options{Stdout: &out, Terminal: terminal})
		if _, err := h.PCall(context.Background(), h.L.GetGlobal("print"), 0, lua.LString("hi")); err != nil {
			t.Fatal(err)
		}
		if got := out.String() == "hi\n"; got != terminal {
			t.Errorf("terminal=%v: output before a flush %q", terminal, out.String())
		}
		h.Close()
		if out.String() != "hi\n" {
			t.Errorf("terminal=%v: output %q after close, want %q", terminal, out.String(), "hi\n")
		}
	}
}

// The REPL reads lines on another goroutine and waits for them with
// Block: callbacks queued meanwhile (a watch's) run on the Lua goroutine
// while it waits, and Block returns when the line is there.
func TestBlockRunsCallbacksWhileWaitingForALine(t *testing.T) {
	h, out, _ := newTestHost(t)
	if err := h.RunString(`function cb(s) print("callback " .. s) end`, "test", nil); err != nil {
		t.Fatal(err)
	}
	line := make(chan struct{})
	go func() {
		defer close(line)
		for _, s := range []string{"1", "2"} {
			err := h.Run(func() {
				fn := h.L.GetGlobal("cb").(*lua.LFunction)
				if _, err := h.Callback(fn, "test", 0, lua.LString(s)); err != nil {
					t.Error(err)
				}
			})
			if err != nil {
				t.Error(err)
			}
		}
	}()
	if err := h.Block(context.Background(), line, nil); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "callback 1\ncallback 2\n") {
		t.Errorf("output %q, want both callbacks", got)
	}
}
