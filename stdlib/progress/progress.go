// Package progress is the Lua module "progress": a progress bar for a
// script's long operations (deleting 500 Jobs, patching every Deployment),
// drawn on stderr when stderr is a terminal, and silent otherwise, so that
// output piped to a file or read by a log collector stays clean.
//
//	local bar = progress.new(#jobs, "deleting jobs")
//	for _, job in ipairs(jobs) do kube.delete(job); bar:add() end
//	bar:done()
package progress

import (
	"fmt"
	"io"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/stdlib/internal/args"
)

// redrawEvery bounds how often a bar is drawn: a loop that advances it
// 10,000 times a second must not write 10,000 lines to the terminal.
const redrawEvery = 100 * time.Millisecond

// barWidth is the number of cells between the brackets.
const barWidth = 30

const barTypeName = "progress.Bar"

// Module draws the bars of one script.
type Module struct {
	w        io.Writer
	terminal bool
	now      func() time.Time
	shown    *bar // the bar on the terminal's last line, if any
}

// New returns a module that draws on w when terminal is true, and draws
// nothing otherwise.
func New(w io.Writer, terminal bool) *Module {
	if w == nil {
		w, terminal = io.Discard, false
	}
	return &Module{w: w, terminal: terminal, now: time.Now}
}

// Loader is the module's loader for L.PreloadModule("progress", m.Loader).
func (m *Module) Loader(L *lua.LState) int {
	mt := L.NewTypeMetatable(barTypeName)
	L.SetField(mt, "__index", L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"add":  m.barAdd,
		"set":  m.barSet,
		"done": m.barDone,
	}))
	L.SetField(mt, "__tostring", L.NewFunction(barString))
	mod := L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"new":    m.newBar,
		"ipairs": m.ipairs,
	})
	mod.RawSetString("terminal", lua.LBool(m.terminal))
	L.Push(mod)
	return 1
}

// bar is one progress bar.
type bar struct {
	label    string
	total    int64 // 0: unknown, count only
	n        int64
	drawn    time.Time
	finished bool
}

// progress.new([total [, label]]) -> bar
func (m *Module) newBar(L *lua.LState) int {
	a := args.New(L, "progress.new")
	b := &bar{}
	if L.Get(1) != lua.LNil {
		b.total = int64(a.Number(1))
		if b.total < 0 {
			a.Bad(1, "total must not be negative, got %d", b.total)
		}
	}
	b.label = a.OptString(2, "")
	pushBar(L, b)
	m.draw(b, true)
	return 1
}

func pushBar(L *lua.LState, b *bar) {
	ud := L.NewUserData()
	ud.Value = b
	L.SetMetatable(ud, L.GetTypeMetatable(barTypeName))
	L.Push(ud)
}

func checkBar(a args.Args) *bar {
	if ud, ok := a.L.Get(1).(*lua.LUserData); ok {
		if b, ok := ud.Value.(*bar); ok {
			return b
		}
	}
	a.Expected(1, "progress bar (call it as bar:method())")
	return nil
}

// bar:add([n]) advances the bar by n (1 by default).
func (m *Module) barAdd(L *lua.LState) int {
	a := args.New(L, "bar:add")
	b := checkBar(a)
	step := int64(1)
	if L.Get(2) != lua.LNil {
		step = int64(a.Number(2))
	}
	b.n += step
	m.draw(b, false)
	return 0
}

// bar:set(n) sets how far the bar is.
func (m *Module) barSet(L *lua.LState) int {
	a := args.New(L, "bar:set")
	b := checkBar(a)
	b.n = int64(a.Number(2))
	m.draw(b, false)
	return 0
}

// bar:done() draws the bar a last time and ends its line. Further calls
// do nothing.
func (m *Module) barDone(L *lua.LState) int {
	m.finish(checkBar(args.New(L, "bar:done")))
	return 0
}

func (m *Module) finish(b *bar) {
	if b.finished {
		return
	}
	m.draw(b, true)
	b.finished = true
	if m.terminal {
		fmt.Fprint(m.w, "\n")
		m.shown = nil
	}
}

// progress.ipairs(list [, label]) -> iterator: ipairs(list) with a bar
// that advances as each item is done and ends with the loop. (A loop left
// with break leaves its bar unfinished: use progress.new and bar:done.)
func (m *Module) ipairs(L *lua.LState) int {
	a := args.New(L, "progress.ipairs")
	list := a.Table(1)
	b := &bar{total: int64(list.Len()), label: a.OptString(2, "")}
	m.draw(b, true)
	i := 0
	L.Push(L.NewFunction(func(L *lua.LState) int {
		if i > 0 {
			b.n = int64(i) // the previous item is done
			m.draw(b, false)
		}
		i++
		v := list.RawGetInt(i)
		if v == lua.LNil {
			m.finish(b)
			return 0
		}
		L.Push(lua.LNumber(i))
		L.Push(v)
		return 2
	}))
	return 1
}

func barString(L *lua.LState) int {
	b := checkBar(args.New(L, "tostring"))
	L.Push(lua.LString(b.line()))
	return 1
}

// draw redraws b in place, at most every redrawEvery unless forced or
// complete.
func (m *Module) draw(b *bar, force bool) {
	if !m.terminal || b.finished {
		return
	}
	now := m.now()
	complete := b.total > 0 && b.n >= b.total
	if !force && !complete && now.Sub(b.drawn) < redrawEvery {
		return
	}
	b.drawn = now
	// \r and "erase to end of line": the bar overwrites itself.
	fmt.Fprintf(m.w, "\r%s\x1b[K", b.line())
	m.shown = b
}

// Clear erases the bar from the terminal's line, for other output (a log
// record, the script's print) to take it; the bar is drawn again below on
// its next change. Call it before writing to the terminal.
func (m *Module) Clear() {
	if m.shown == nil {
		return
	}
	fmt.Fprint(m.w, "\r\x1b[K")
	m.shown.drawn = time.Time{} // redraw at the next change, however soon
	m.shown = nil
}

// line is the bar as text: "deleting jobs [=======>      ] 12/40  30%".
func (b *bar) line() string {
	var s strings.Builder
	if b.label != "" {
		s.WriteString(b.label + " ")
	}
	if b.total <= 0 {
		fmt.Fprintf(&s, "%d", b.n)
		return s.String()
	}
	n := min(max(b.n, 0), b.total)
	filled := int(n * barWidth / b.total)
	s.WriteString("[" + strings.Repeat("=", filled))
	if filled < barWidth {
		s.WriteString(">" + strings.Repeat(" ", barWidth-filled-1))
	}
	fmt.Fprintf(&s, "] %d/%d %3d%%", b.n, b.total, n*100/b.total)
	return s.String()
}
