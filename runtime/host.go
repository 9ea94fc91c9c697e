// Package runtime hosts Lua scripts: it creates the Lua state with the
// libraries klua opens, runs script files and snippets with their
// arguments, turns Lua failures into readable errors, and (in loop.go) owns
// the event loop that callbacks run on. It knows nothing of Kubernetes:
// modules are handed to it by their loaders.
package runtime

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// Options configure a Host.
type Options struct {
	// Stdout receives print's output; os.Stdout when nil.
	Stdout io.Writer
	// Stderr receives reports of failed callbacks; os.Stderr when nil.
	Stderr io.Writer
	// Debug keeps Go frames in tracebacks.
	Debug bool
	// ExitOnError makes a failed callback end the run (--on-error=exit)
	// instead of being reported and counted.
	ExitOnError bool
	// CallbackTimeout bounds each callback (0: no bound).
	CallbackTimeout time.Duration
	// Sandbox, when set, keeps the script from the machine (--sandbox).
	Sandbox *Sandbox
	// ObserveCallback, when set, is told about every callback: its kind
	// (CallOptions.Kind), its result (ResultSuccess, ResultError or
	// ResultTimeout) and how long it ran. It is called on the loop's
	// goroutine and must not block.
	ObserveCallback func(kind, result string, d time.Duration)
	// Terminal says a person reads Stdout as it is written, so print
	// flushes every write, also when Stdout is not an *os.File (the REPL
	// writes through its line editor, which redraws the prompt below).
	Terminal bool
}

// Host is one Lua state and what runs on it. Only the goroutine that calls
// Run* (the loop's goroutine) may touch the state.
type Host struct {
	L     *lua.LState
	Stats Stats

	opts   Options
	stdout *stdout
	// scriptDir is the directory of the script file being run ("" for
	// snippets): where the sandbox's require and ReadFile may look.
	scriptDir string
	debug     bool
	ctx       context.Context
	cancel    context.CancelFunc
	loop      *loop
	closing   chan struct{}
	threads   threadPool

	fatalMu sync.Mutex
	fatal   error
	gate    atomic.Pointer[func() error]
}

// New creates a Lua state bound to ctx: cancelling ctx stops a running
// script at its next instruction and any blocking call that passes
// L.Context().
func New(ctx context.Context, opts Options) *Host {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	ctx, cancel := context.WithCancel(ctx)
	L.SetContext(ctx)
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	h := &Host{L: L, opts: opts, stdout: newStdout(opts.Stdout, opts.Terminal), debug: opts.Debug,
		ctx: ctx, cancel: cancel, loop: newLoop(), closing: make(chan struct{})}
	if opts.Sandbox != nil {
		h.openSandboxLibs(L)
	} else {
		openLibs(L, libraries)
	}
	setHost(L, h)
	h.installStdout()
	h.installExit()
	L.SetGlobal("pcall", L.NewFunction(h.pcall))
	L.SetGlobal("sleep", L.NewFunction(h.sleep))
	return h
}

// library is a standard library and the function that opens it.
type library struct {
	name string
	fn   lua.LGFunction
}

// libraries are what scripts can reach, written down here (the sandbox
// has its own, shorter list).
var libraries = []library{
	{lua.LoadLibName, lua.OpenPackage},
	{lua.BaseLibName, lua.OpenBase},
	{lua.TabLibName, lua.OpenTable},
	{lua.StringLibName, lua.OpenString},
	{lua.MathLibName, lua.OpenMath},
	{lua.OsLibName, lua.OpenOs},
	{lua.IoLibName, lua.OpenIo},
	{lua.DebugLibName, lua.OpenDebug},
	{lua.ChannelLibName, lua.OpenChannel},
	{lua.CoroutineLibName, lua.OpenCoroutine},
}

// openLibs opens libs one by one.
func openLibs(L *lua.LState, libs []library) {
	for _, lib := range libs {
		L.Push(L.NewFunction(lib.fn))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
}

// Preload makes a module available to require(name), and also as the
// global name when global is true.
func (h *Host) Preload(name string, loader lua.LGFunction, global bool) {
	h.L.PreloadModule(name, loader)
	if global {
		h.L.SetGlobal(name, h.require(name))
	}
}

func (h *Host) require(name string) lua.LValue {
	h.L.Push(h.L.GetGlobal("require"))
	h.L.Push(lua.LString(name))
	h.L.Call(1, 1)
	v := h.L.Get(-1)
	h.L.Pop(1)
	return v
}

// Context is the run's context.
func (h *Host) Context() context.Context { return h.ctx }

// hostKey is where a state's registry holds its Host. The registry is
// shared by the state's threads, so bindings called on a thread find it.
const hostKey = "klua.host"

func setHost(L *lua.LState, h *Host) {
	ud := L.NewUserData()
	ud.Value = h
	L.G.Registry.RawSetString(hostKey, ud)
}

// HostOf returns the Host running L (or a thread of it), or nil.
func HostOf(L *lua.LState) *Host {
	if ud, ok := L.G.Registry.RawGetString(hostKey).(*lua.LUserData); ok {
		h, _ := ud.Value.(*Host)
		return h
	}
	return nil
}

// Flush writes out what print buffered.
func (h *Host) Flush() { h.stdout.w.Flush() }

// Stop stops every live handle and ends the run's context, leaving the
// state open (for callers that close it themselves).
func (h *Host) Stop() {
	h.closeLoop()
	h.cancel()
	h.Flush()
}

// Close stops every live handle, flushes output and frees the state.
func (h *Host) Close() {
	h.Stop()
	h.L.Close()
}

// Printf writes to the script's standard output, in order with print.
func (h *Host) Printf(format string, args ...any) {
	fmt.Fprintf(h.stdout.w, format, args...)
}
