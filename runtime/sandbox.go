package runtime

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// Sandbox is --sandbox: a script runs without access to the machine. It
// keeps string, table, math, coroutine and os.time/clock/date (Argo CD
// took string away from its Lua actions, and its users could not
// work without it: argo-cd#18296), and loses io, the rest of os, debug
// but for traceback, dofile, loadfile, package.loadlib and package.path.
// require finds klua's modules and .lua files in the script's own
// directory; klua modules that read files (yaml.load_file) are held to
// that directory too, through Host.ReadFile.
type Sandbox struct {
	// Env names the environment variables os.getenv may read; for any
	// other it returns nil, as for an unset variable.
	Env []string
	// LookupEnv reads the environment (os.LookupEnv).
	LookupEnv func(string) (string, bool)
}

// openSandboxLibs opens the libraries a sandboxed script may use. Only
// what is listed here is reachable: the libraries not opened are not in
// package.loaded either. The list repeats most of host.go's on purpose:
// an allow-list written out, rather than the full list minus some, keeps
// a library added there from entering the sandbox unnoticed.
func (h *Host) openSandboxLibs(L *lua.LState) {
	openLibs(L, []library{
		{lua.LoadLibName, lua.OpenPackage},
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
		{lua.OsLibName, lua.OpenOs},
		{lua.DebugLibName, lua.OpenDebug},
		{lua.CoroutineLibName, lua.OpenCoroutine},
	})
	for _, name := range []string{"dofile", "loadfile"} {
		L.SetGlobal(name, lua.LNil)
	}
	L.SetGlobal("load", L.NewFunction(sandboxLoad))
	L.SetGlobal("loadstring", L.NewFunction(sandboxLoadString))
	h.keepOnly(L, lua.OsLibName, "time", "clock", "date")
	L.GetGlobal(lua.OsLibName).(*lua.LTable).RawSetString("getenv", L.NewFunction(h.sandboxGetenv))
	h.keepOnly(L, lua.DebugLibName, "traceback")
	h.restrictRequire(L)
}

// keepOnly replaces the global library lib, and its package.loaded entry,
// with a table of only the named functions.
func (h *Host) keepOnly(L *lua.LState, lib string, names ...string) {
	full := L.GetGlobal(lib).(*lua.LTable)
	kept := L.NewTable()
	for _, n := range names {
		kept.RawSetString(n, full.RawGetString(n))
	}
	L.SetGlobal(lib, kept)
	L.GetField(L.Get(lua.RegistryIndex), "_LOADED").(*lua.LTable).RawSetString(lib, kept)
}

// restrictRequire leaves require two searchers: package.preload (klua's
// modules) and the script's directory. The original file searcher, which
// follows package.path anywhere on disk, is dropped from the one loaders
// table that require reads, so a script cannot put it back.
func (h *Host) restrictRequire(L *lua.LState) {
	pkg := L.GetGlobal(lua.LoadLibName).(*lua.LTable)
	loaders := L.GetField(L.Get(lua.RegistryIndex), "_LOADERS").(*lua.LTable)
	preload := loaders.RawGetInt(1)
	for loaders.Len() > 0 {
		loaders.Remove(loaders.Len())
	}
	loaders.Append(preload)
	loaders.Append(L.NewFunction(h.sandboxSearcher))
	pkg.RawSetString("loadlib", lua.LNil)
	pkg.RawSetString("path", lua.LString(""))
	pkg.RawSetString("cpath", lua.LString(""))
}

// moduleName is what require accepts under the sandbox: dotted names of
// plain words, so that no name leaves the script's directory.
var moduleName = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)

// sandboxSearcher is a package.loaders entry: it loads NAME from
// NAME.lua (a.b from a/b.lua) in the script's directory.
func (h *Host) sandboxSearcher(L *lua.LState) int {
	name := L.CheckString(1)
	if !moduleName.MatchString(name) {
		L.Push(lua.LString(fmt.Sprintf("module name %q: only names like \"lib\" or \"lib.util\" are allowed under --sandbox", name)))
		return 1
	}
	rel := strings.ReplaceAll(name, ".", string(filepath.Separator)) + ".lua"
	if h.scriptDir == "" {
		L.Push(lua.LString("no script directory to load " + rel + " from (-e under --sandbox)"))
		return 1
	}
	file := filepath.Join(h.scriptDir, rel)
	path, err := h.confine(file)
	if errors.Is(err, fs.ErrNotExist) {
		L.Push(lua.LString(fmt.Sprintf("no file '%s'", file)))
		return 1
	}
	if err != nil {
		L.Push(lua.LString(fmt.Sprintf("%s: %v", file, unwrapPathError(err))))
		return 1
	}
	proto, err := parseFile(path)
	if err != nil {
		L.RaiseError("%s", err)
	}
	L.Push(L.NewFunctionFromProto(proto))
	return 1
}

// sandboxGetenv is os.getenv under the sandbox: only the variables named
// with --sandbox-env; any other reads as unset, since environments hold
// tokens and passwords.
func (h *Host) sandboxGetenv(L *lua.LState) int {
	name := L.CheckString(1)
	if !slices.Contains(h.opts.Sandbox.Env, name) {
		L.Push(lua.LNil)
		return 1
	}
	lookup := h.opts.Sandbox.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	if v, ok := lookup(name); ok {
		L.Push(lua.LString(v))
		return 1
	}
	L.Push(lua.LNil)
	return 1
}

// binaryChunk starts a precompiled Lua chunk. gopher-lua loads none, but
// the sandbox says so plainly rather than with a parse error.
const binaryChunk = "\x1bLua"

// sandboxLoad is load(fn [, chunkname]) for text chunks only.
func sandboxLoad(L *lua.LState) int {
	fn := L.CheckFunction(1)
	name := L.OptString(2, "=(load)")
	var b strings.Builder
	for {
		L.Push(fn)
		L.Call(0, 1)
		piece := L.Get(-1)
		L.Pop(1)
		s, ok := piece.(lua.LString)
		if piece == lua.LNil || ok && s == "" {
			break
		}
		if !ok {
			L.Push(lua.LNil)
			L.Push(lua.LString("reader function must return a string"))
			return 2
		}
		b.WriteString(string(s))
	}
	return loadText(L, b.String(), name)
}

// sandboxLoadString is loadstring(s [, chunkname]) for text chunks only.
func sandboxLoadString(L *lua.LState) int {
	return loadText(L, L.CheckString(1), L.OptString(2, "<string>"))
}

func loadText(L *lua.LState, src, name string) int {
	if strings.HasPrefix(src, binaryChunk) {
		L.Push(lua.LNil)
		L.Push(lua.LString("binary chunks are not allowed under --sandbox"))
		return 2
	}
	fn, err := L.Load(strings.NewReader(src), name)
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	L.Push(fn)
	return 1
}

// ReadFile reads a file for a module (yaml.load_file). Under the sandbox
// the file must be inside the script's directory, symbolic links
// resolved; elsewhere any readable file will do.
func (h *Host) ReadFile(path string) ([]byte, error) {
	if h.opts.Sandbox != nil {
		if h.scriptDir == "" {
			return nil, errors.New("reading files is not allowed under --sandbox without a script file (-e)")
		}
		confined, err := h.confine(path)
		if err != nil {
			return nil, err
		}
		path = confined
	}
	return os.ReadFile(path)
}

// confine resolves path (relative to the current directory) and checks
// that it lies inside the script's directory. Its errors do not repeat
// path, which callers name themselves.
func (h *Host) confine(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	dir, err := filepath.EvalSymlinks(h.scriptDir)
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(dir, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("outside the script's directory %s (--sandbox)", h.scriptDir)
	}
	return real, nil
}
