package runtime

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

func newTestHost(t *testing.T) (*Host, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errOut bytes.Buffer
	h := New(context.Background(), Options{Stdout: &out, Stderr: &errOut})
	t.Cleanup(h.Close)
	return h, &out, &errOut
}

func writeScript(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "script.lua")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// gopher-lua#448: a failed pcall must not cut the main chunk's locals
// loose from the closures that share them.
func TestPcallKeepsUpvalues(t *testing.T) {
	h, out, _ := newTestHost(t)
	err := h.RunString(`
		local n = 0
		local f = function() n = n + 1; error("x") end
		pcall(f); pcall(f)
		local g = function() n = n + 1; error({code = 1}) end
		local ok, e = pcall(g)
		assert(not ok and e.code == 1)
		pcall(function() pcall(f); n = n + 1; error("y") end)
		print(n)`, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out.String()); got != "5" {
		t.Errorf("n = %s, want 5", got)
	}
}

func TestCallbackErrorKeepsUpvalues(t *testing.T) {
	h, out, errOut := newTestHost(t)
	if err := h.RunString(`
		count = 0
		local seen = 0
		function cb(fail) seen = seen + 1; count = seen; if fail then error("boom") end end
		function report() print(seen) end`, "test", nil); err != nil {
		t.Fatal(err)
	}
	cb := h.L.GetGlobal("cb").(*lua.LFunction)
	if _, err := h.Callback(cb, "default/web", 0, lua.LTrue); err == nil {
		t.Fatal("a failing callback returned no error")
	}
	if _, err := h.Callback(cb, "default/web", 0, lua.LFalse); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Callback(h.L.GetGlobal("report").(*lua.LFunction), "", 0); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out.String()); got != "2" {
		t.Errorf("seen = %s after two callbacks, want 2", got)
	}
	if !strings.Contains(errOut.String(), "callback for default/web failed: test:4: boom") {
		t.Errorf("the failure was not reported with its object and line:\n%s", errOut.String())
	}
	if n := h.Stats.CallbackErrors.Load(); n != 1 {
		t.Errorf("callback errors counted: %d, want 1", n)
	}
}

func TestScriptErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"syntax", "x = = 1", "script.lua:1:5: syntax error near '='"},
		{"runtime", "local t = nil\nprint(t.x)", "script.lua:2: attempt to index a non-table object(nil) with key 'x'"},
		{"error", "\n\nerror('went wrong')", "script.lua:3: went wrong"},
		{"table", "error(setmetatable({where = 'script.lua:9:'}, {__tostring = function() return 'custom' end}))", "script.lua:9: custom"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, _, _ := newTestHost(t)
			err := h.RunFile(writeScript(t, c.src), nil)
			var se *ScriptError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a ScriptError", err)
			}
			if !strings.HasSuffix(se.Message, c.want) {
				t.Errorf("message %q does not end with %q", se.Message, c.want)
			}
			if strings.Contains(se.Traceback, "[G]") {
				t.Errorf("Go frames in the traceback:\n%s", se.Traceback)
			}
		})
	}
}

func TestMissingScript(t *testing.T) {
	err := CheckFile(filepath.Join(t.TempDir(), "nope.lua"))
	if err == nil || !strings.Contains(err.Error(), "nope.lua: no such file or directory") {
		t.Errorf("got %v", err)
	}
}

func TestArgsAndShebang(t *testing.T) {
	h, out, _ := newTestHost(t)
	path := writeScript(t, "#!/usr/bin/env klua\nlocal a, b = ...\nprint(arg[0] ~= nil, arg[1], arg[2], a, b, #arg)")
	if err := h.RunFile(path, []string{"x", "y"}); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out.String()); got != "true\tx\ty\tx\ty\t2" {
		t.Errorf("got %q", got)
	}
}

func TestOutputKeepsOrder(t *testing.T) {
	h, out, _ := newTestHost(t)
	if err := h.RunString(`io.write("a"); print("b"); io.stdout:write("c", 1, "\n"); print("d")`, "test", nil); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "ab\nc1\nd\n" {
		t.Errorf("got %q", got)
	}
}

// stopper is a live handle for loop tests.
type stopper struct {
	release func()
	stopped chan struct{}
}

func (s *stopper) Stop() {
	select {
	case <-s.stopped:
	default:
		close(s.stopped)
		s.release()
	}
}

func TestLoopRunsCallbacksUntilNoHandleIsLive(t *testing.T) {
	h, out, _ := newTestHost(t)
	if err := h.RunString(`function cb(i) print("event", i) end`, "test", nil); err != nil {
		t.Fatal(err)
	}
	s := &stopper{stopped: make(chan struct{})}
	s.release = h.Track(s)
	cb := h.L.GetGlobal("cb").(*lua.LFunction)
	go func() {
		for i := 1; i <= 3; i++ {
			h.Run(func() { h.Callback(cb, "", 0, lua.LNumber(i)) })
		}
		s.Stop()
	}()
	if err := h.Loop(); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "event\t1\nevent\t2\nevent\t3\n" {
		t.Errorf("got %q", got)
	}
}

func TestSleepRunsCallbacks(t *testing.T) {
	h, out, _ := newTestHost(t)
	if err := h.RunString(`function cb() print("callback") end`, "test", nil); err != nil {
		t.Fatal(err)
	}
	cb := h.L.GetGlobal("cb").(*lua.LFunction)
	go h.Run(func() { h.Callback(cb, "", 0) })
	if err := h.RunString(`print("before"); sleep(0.2); print("after")`, "test", nil); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "before\ncallback\nafter\n" {
		t.Errorf("got %q", got)
	}
}

func TestCallbackTimeout(t *testing.T) {
	var errOut bytes.Buffer
	h := New(context.Background(), Options{Stdout: &bytes.Buffer{}, Stderr: &errOut, CallbackTimeout: 50 * time.Millisecond})
	defer h.Close()
	if err := h.RunString(`function spin() while true do end end`, "test", nil); err != nil {
		t.Fatal(err)
	}
	_, err := h.Callback(h.L.GetGlobal("spin").(*lua.LFunction), "x", 0)
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("got %v, want a timeout", err)
	}
	// The state is usable afterwards, on the run's own context.
	if err := h.RunString(`x = 1`, "test", nil); err != nil {
		t.Fatal(err)
	}
}

func TestShutdownLetsTheRunningCallbackFinish(t *testing.T) {
	h, out, _ := newTestHost(t)
	if err := h.RunString(`function slow() sleep(0.3); print("finished") end`, "test", nil); err != nil {
		t.Fatal(err)
	}
	s := &stopper{stopped: make(chan struct{})}
	s.release = h.Track(s)
	go h.Run(func() { h.Callback(h.L.GetGlobal("slow").(*lua.LFunction), "", 0) })
	go func() {
		time.Sleep(100 * time.Millisecond)
		h.Shutdown(5 * time.Second)
	}()
	if err := h.Loop(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.stopped:
	default:
		t.Error("Shutdown did not stop the live handle")
	}
	if !strings.Contains(out.String(), "finished") {
		t.Errorf("the running callback did not finish: %q", out.String())
	}
}
