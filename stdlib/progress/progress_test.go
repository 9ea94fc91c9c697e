package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/internal/luatest"
)

// run runs code with the module drawing into a buffer as if on a
// terminal (or not), with a clock that moves only when the code calls
// tick(seconds).
func run(t *testing.T, terminal bool, code string) string {
	t.Helper()
	var out bytes.Buffer
	m := New(&out, terminal)
	now := time.Unix(0, 0)
	m.now = func() time.Time { return now }
	L := lua.NewState()
	defer L.Close()
	L.PreloadModule("progress", m.Loader)
	L.SetGlobal("tick", L.NewFunction(func(L *lua.LState) int {
		now = now.Add(time.Duration(float64(L.CheckNumber(1)) * float64(time.Second)))
		return 0
	}))
	if err := L.DoString(`progress = require("progress")` + "\n" + code); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestBarOnATerminal(t *testing.T) {
	out := run(t, true, `
		local bar = progress.new(4, "deleting")
		tick(1) bar:add()
		bar:add()          -- within 100 ms of the last draw: not drawn
		tick(1) bar:add()
		bar:add()          -- complete: drawn at once
		bar:done()
		bar:done()         -- once only`)
	frames := strings.Split(out, "\r")[1:]
	want := []string{
		"deleting [>                             ] 0/4   0%\x1b[K",
		"deleting [=======>                      ] 1/4  25%\x1b[K",
		"deleting [======================>       ] 3/4  75%\x1b[K",
		"deleting [==============================] 4/4 100%\x1b[K",
		"deleting [==============================] 4/4 100%\x1b[K\n",
	}
	if strings.Join(frames, "|") != strings.Join(want, "|") {
		t.Errorf("frames:\n%q\nwant:\n%q", frames, want)
	}
}

// Other output clears the bar off its line; the bar comes back below it
// at its next change, at once.
func TestClearMakesRoomForOtherOutput(t *testing.T) {
	var out bytes.Buffer
	m := New(&out, true)
	m.now = func() time.Time { return time.Unix(0, 0) } // time stands still: no redraw is due
	L := lua.NewState()
	defer L.Close()
	L.PreloadModule("progress", m.Loader)
	L.SetGlobal("clear", L.NewFunction(func(*lua.LState) int { m.Clear(); out.WriteString("log\n"); return 0 }))
	err := L.DoString(`
		local bar = require("progress").new(2, "x")
		clear()
		bar:add()
		bar:done()
		clear()   -- nothing on the line: nothing to clear`)
	if err != nil {
		t.Fatal(err)
	}
	want := "\rx [>                             ] 0/2   0%\x1b[K" + "\r\x1b[K" + "log\n" +
		"\rx [===============>              ] 1/2  50%\x1b[K" + "\rx [===============>              ] 1/2  50%\x1b[K\n" + "log\n"
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
}

func TestSilentWhenNotATerminal(t *testing.T) {
	out := run(t, false, `
		assert(progress.terminal == false)
		local bar = progress.new(3, "x")
		bar:add(3)
		bar:done()
		local n = 0
		for i, v in progress.ipairs({"a", "b"}) do n = n + i end
		assert(n == 3)`)
	if out != "" {
		t.Errorf("drew %q on a non-terminal", out)
	}
}

func TestIpairsFinishesWithTheLoop(t *testing.T) {
	out := run(t, true, `
		local seen = {}
		for i, v in progress.ipairs({"a", "b", "c"}, "items") do
			tick(1)
			seen[#seen + 1] = i .. v
		end
		assert(table.concat(seen, ",") == "1a,2b,3c")`)
	if !strings.HasSuffix(out, "items [==============================] 3/3 100%\x1b[K\n") {
		t.Errorf("the loop did not finish the bar:\n%q", out)
	}
	if n := strings.Count(out, "\n"); n != 1 {
		t.Errorf("%d line ends, want 1:\n%q", n, out)
	}
}

func TestUnknownTotalCounts(t *testing.T) {
	out := run(t, true, `
		local bar = progress.new(nil, "seen")
		tick(1) bar:add(5)
		bar:done()
		assert(tostring(bar) == "seen 5")`)
	if !strings.HasSuffix(out, "\rseen 5\x1b[K\n") {
		t.Errorf("got %q", out)
	}
}

// newState opens the module as klua does: preloaded, and a global.
func newState(t *testing.T) *lua.LState {
	L := lua.NewState()
	L.PreloadModule("progress", New(nil, false).Loader)
	if err := L.DoString(`progress = require("progress")`); err != nil {
		t.Fatal(err)
	}
	return L
}

func TestLua(t *testing.T) { luatest.Run(t, newState, "testdata/progress_test.lua") }

func TestDocs(t *testing.T) { luatest.RunMarkdown(t, newState, "../../docs/progress.md") }
