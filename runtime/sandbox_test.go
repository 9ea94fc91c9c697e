package runtime

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// sandboxDir lays out a script directory with a module, a data file, and a
// symbolic link to a file outside it.
func sandboxDir(t *testing.T) (dir, outside string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, "scripts")
	outside = filepath.Join(root, "outside.lua")
	files := map[string]string{
		filepath.Join(dir, "lib", "util.lua"): `return {answer = 42}`,
		filepath.Join(dir, "data.yaml"):       "a: 1\n",
		outside:                               `return "outside"`,
	}
	for path, src := range files {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.lua")); err != nil {
		t.Fatal(err)
	}
	return dir, outside
}

func newSandboxHost(t *testing.T) (*Host, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	env := map[string]string{"ALLOWED": "yes", "HOME": "/root", "TOKEN": "secret"}
	h := New(context.Background(), Options{Stdout: &out, Stderr: &out, Sandbox: &Sandbox{
		Env:       []string{"ALLOWED", "UNSET"},
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	}})
	t.Cleanup(h.Close)
	return h, &out
}

// Each thing the sandbox blocks, and each thing it keeps, asserted from
// inside a sandboxed script.
func TestSandbox(t *testing.T) {
	cases := []struct{ name, src string }{
		{"no io", `assert(io == nil)`},
		{"no io module either", `assert(not pcall(require, "io"))`},
		{"no dofile", `assert(dofile == nil)`},
		{"no loadfile", `assert(loadfile == nil)`},
		{"no package.loadlib", `assert(package.loadlib == nil)`},
		{"os has four functions", `local n = {} for k in pairs(os) do n[#n+1] = k end table.sort(n)
			assert(table.concat(n, ",") == "clock,date,getenv,time", table.concat(n, ","))`},
		{"no os.execute", `assert(os.execute == nil and os.remove == nil and os.rename == nil and os.exit == nil and os.tmpname == nil)`},
		{"require os gives the same", `assert(require("os") == os and require("os").execute == nil)`},
		{"os.time, clock, date", `assert(os.time() > 0 and os.clock() >= 0 and os.date("!%Y", 0) == "1970")`},
		{"getenv of an allowed name", `assert(os.getenv("ALLOWED") == "yes")`},
		{"getenv of an allowed unset name", `assert(os.getenv("UNSET") == nil)`},
		{"getenv of another name", `assert(os.getenv("HOME") == nil and os.getenv("TOKEN") == nil)`},
		{"debug keeps traceback only", `assert(type(debug.traceback) == "function" and debug.getupvalue == nil and debug.setupvalue == nil and debug.getlocal == nil)`},
		{"string, table, math stay", `assert(string.format("%05.1f", math.pi) == "003.1" and table.concat({"a", "b"}, "-") == "a-b" and ("x"):rep(3) == "xxx")`},
		{"coroutines stay", `local co = coroutine.wrap(function() coroutine.yield(1) end) assert(co() == 1)`},
		{"loadstring of text", `assert(loadstring("return 1 + 1")() == 2)`},
		{"load of a text reader", `local parts = {"return ", "3"} local i = 0
			assert(load(function() i = i + 1 return parts[i] end)() == 3)`},
		{"no binary chunks", `local f, err = loadstring("\27LuaQ\0\1\4\8\4\8\0") assert(f == nil and err:find("binary chunks are not allowed"), err)
			local sent = false
			f, err = load(function() if sent then return nil end sent = true return "\27Lua" end)
			assert(f == nil and err:find("binary chunks"), err)`},
		{"require from the script's directory", `assert(require("lib.util").answer == 42)`},
		{"no require out of the directory", `local ok, err = pcall(require, "..outside") assert(not ok and err:find("only names like"), err)`},
		{"no require of a path", `local ok, err = pcall(require, "/etc/passwd") assert(not ok, err)`},
		{"no require through a link", `local ok, err = pcall(require, "link") assert(not ok and err:find("outside the script's directory"), err)`},
		{"package.path is ignored", `package.path = OUTSIDE_DIR .. "/?.lua" local ok, err = pcall(require, "outside") assert(not ok, err)`},
		{"a searcher cannot be put back", `for _, f in ipairs(package.loaders) do
				local ok, r = pcall(f, "outside") assert(type(r) ~= "function", "a searcher found outside.lua")
			end`},
	}
	dir, outside := sandboxDir(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, out := newSandboxHost(t)
			h.L.SetGlobal("OUTSIDE_DIR", luaString(filepath.Dir(outside)))
			path := filepath.Join(dir, "case.lua")
			if err := os.WriteFile(path, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := h.RunFile(path, nil); err != nil {
				t.Errorf("%v\n%s", err, out)
			}
		})
	}
}

func TestSandboxReadFile(t *testing.T) {
	dir, outside := sandboxDir(t)
	h, _ := newSandboxHost(t)
	if err := h.RunFile(writeIn(t, dir, "main.lua", "x = 1"), nil); err != nil {
		t.Fatal(err)
	}
	if data, err := h.ReadFile(filepath.Join(dir, "data.yaml")); err != nil || string(data) != "a: 1\n" {
		t.Errorf("reading inside: %q, %v", data, err)
	}
	for _, path := range []string{outside, filepath.Join(dir, "link.lua"), filepath.Join(dir, "..", "outside.lua"), "/etc/hostname"} {
		if _, err := h.ReadFile(path); err == nil || !strings.Contains(err.Error(), "outside the script's directory") {
			t.Errorf("reading %s: %v, want it refused", path, err)
		}
	}
	snippet, _ := newSandboxHost(t)
	if _, err := snippet.ReadFile(filepath.Join(dir, "data.yaml")); err == nil {
		t.Errorf("a snippet (-e) read a file under the sandbox")
	}
}

// Without --sandbox nothing is taken away.
func TestNoSandboxKeepsTheLibraries(t *testing.T) {
	h, out, _ := newTestHost(t)
	if err := h.RunString(`print(io ~= nil, os.execute ~= nil, dofile ~= nil, debug.getupvalue ~= nil)`, "t", nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out.String()); got != "true\ttrue\ttrue\ttrue" {
		t.Errorf("got %q", got)
	}
}

func writeIn(t *testing.T, dir, name, src string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func luaString(s string) lua.LString { return lua.LString(s) }
