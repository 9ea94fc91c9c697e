package runtime

import (
	"bufio"
	"io"
	"os"

	lua "github.com/yuin/gopher-lua"
	"golang.org/x/term"
)

// Standard output. print, io.write and io.stdout:write all go through one
// buffer, so that their output keeps its order: gopher-lua's io library
// would write io.write straight to the file, past print's buffer.
// Printing 10,000 names must not cost 10,000 writes, so the buffer is
// flushed when the script ends, waits or finishes a callback, and after
// every write when output is a terminal, where a person watches it.

type stdout struct {
	w        *bufio.Writer
	terminal bool
	// before runs before output reaches a terminal (see OnTerminalOutput).
	before func()
}

func newStdout(w io.Writer, terminal bool) *stdout {
	f, ok := w.(*os.File)
	terminal = terminal || ok && term.IsTerminal(int(f.Fd()))
	return &stdout{w: bufio.NewWriterSize(w, 32<<10), terminal: terminal}
}

func (s *stdout) written() {
	if s.terminal {
		if s.before != nil {
			s.before()
		}
		s.w.Flush()
	}
}

// OnTerminalOutput sets fn to run each time the script's output is about
// to reach a terminal, so that what else draws there (a progress bar on
// stderr, the same terminal) can get out of the way first.
func (h *Host) OnTerminalOutput(fn func()) { h.stdout.before = fn }

const stdoutTypeName = "klua.stdout"

// installStdout replaces print, io.write and io.stdout.
func (h *Host) installStdout() {
	L := h.L
	L.SetGlobal("print", L.NewFunction(h.print))
	mt := L.NewTypeMetatable(stdoutTypeName)
	methods := L.NewTable()
	methods.RawSetString("write", L.NewFunction(h.stdoutWrite))
	methods.RawSetString("flush", L.NewFunction(h.stdoutFlush))
	methods.RawSetString("setvbuf", L.NewFunction(func(L *lua.LState) int { L.Push(lua.LTrue); return 1 }))
	methods.RawSetString("close", L.NewFunction(func(L *lua.LState) int { L.Push(lua.LTrue); return 1 }))
	L.SetField(mt, "__index", methods)
	L.SetField(mt, "__tostring", L.NewFunction(func(L *lua.LState) int { L.Push(lua.LString("file (stdout)")); return 1 }))
	ud := L.NewUserData()
	L.SetMetatable(ud, mt)
	if io, ok := L.GetGlobal("io").(*lua.LTable); ok {
		io.RawSetString("stdout", ud)
		io.RawSetString("write", L.NewFunction(func(L *lua.LState) int { return h.writeArgs(L, 1, ud) }))
	}
}

// print is Lua's print, through the shared buffer.
func (h *Host) print(L *lua.LState) int {
	top := L.GetTop()
	for i := 1; i <= top; i++ {
		if i > 1 {
			h.stdout.w.WriteByte('\t')
		}
		h.stdout.w.WriteString(L.ToStringMeta(L.Get(i)).String())
	}
	h.stdout.w.WriteByte('\n')
	h.stdout.written()
	return 0
}

// io.stdout:write(...)
func (h *Host) stdoutWrite(L *lua.LState) int {
	return h.writeArgs(L, 2, L.Get(1))
}

// writeArgs writes strings and numbers from argument first on, as
// io.write does, and returns the file for chaining.
func (h *Host) writeArgs(L *lua.LState, first int, file lua.LValue) int {
	for i := first; i <= L.GetTop(); i++ {
		switch v := L.Get(i).(type) {
		case lua.LString:
			h.stdout.w.WriteString(string(v))
		case lua.LNumber:
			h.stdout.w.WriteString(v.String())
		default:
			L.ArgError(i-first+1, "string expected, got "+v.Type().String())
		}
	}
	h.stdout.written()
	L.Push(file)
	return 1
}

func (h *Host) stdoutFlush(L *lua.LState) int {
	h.Flush()
	L.Push(lua.LTrue)
	return 1
}

// installExit makes os.exit flush the script's output first: gopher-lua's
// exits the process at once, and what print buffered would be lost.
func (h *Host) installExit() {
	osTable, ok := h.L.GetGlobal("os").(*lua.LTable)
	if !ok {
		return
	}
	exit, ok := osTable.RawGetString("exit").(*lua.LFunction)
	if !ok {
		return
	}
	osTable.RawSetString("exit", h.L.NewFunction(func(L *lua.LState) int {
		h.Flush()
		top := L.GetTop()
		L.Push(exit)
		for i := 1; i <= top; i++ {
			L.Push(L.Get(i))
		}
		L.Call(top, 0)
		return 0
	}))
}
