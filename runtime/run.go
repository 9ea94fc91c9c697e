package runtime

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// ScriptError is a script's failure as a user should read it: the message
// with the script's file and line, and the script's own stack frames.
type ScriptError struct {
	Message   string
	Traceback string // script frames only, unless the host debugs
	Value     lua.LValue
}

func (e *ScriptError) Error() string { return e.Message }

// RunFile runs a script file as Lua's standalone interpreter does: arg[0]
// is the script, arg[1..n] its arguments, which the main chunk also gets
// as "...".
func (h *Host) RunFile(path string, args []string) error {
	fn, err := h.compileFile(path)
	if err != nil {
		return err
	}
	if dir, err := filepath.Abs(filepath.Dir(path)); err == nil {
		h.scriptDir = dir
	}
	h.setArgs(path, args)
	return h.call(fn, args)
}

// RunString runs a snippet; name stands for the file in messages.
func (h *Host) RunString(code, name string, args []string) error {
	fn, err := h.L.Load(strings.NewReader(code), name)
	if err != nil {
		return syntaxError(err, name)
	}
	h.setArgs(name, args)
	return h.call(fn, args)
}

// CheckFile compiles a script without running it, to report syntax errors.
func CheckFile(path string) error {
	_, err := parseFile(path)
	return err
}

func (h *Host) compileFile(path string) (*lua.LFunction, error) {
	proto, err := parseFile(path)
	if err != nil {
		return nil, err
	}
	return h.L.NewFunctionFromProto(proto), nil
}

// parseFile reads and compiles a file, with errors that name it.
func parseFile(path string) (*lua.FunctionProto, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read script: %w", unwrapPathError(err))
	}
	name := filepath.ToSlash(path)
	chunk, err := parse.Parse(strings.NewReader(skipShebang(string(src))), name)
	if err != nil {
		return nil, syntaxError(err, name)
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, syntaxError(err, name)
	}
	return proto, nil
}

// skipShebang blanks a leading "#!" line (keeping line numbers), so that
// scripts can be executable.
func skipShebang(src string) string {
	if strings.HasPrefix(src, "#!") {
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			return src[i:]
		}
		return ""
	}
	return src
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// gopher-lua words syntax errors as "NAME line:3(column:5) near 'x': msg";
// users read "NAME:3:5: msg near 'x'" like every other compiler.
var syntaxRE = regexp.MustCompile(`^(.*) line:(\d+)\(column:(\d+)\) near '(.*)':\s*(.*)$`)

// SyntaxError words a parse or compile error of the chunk name as
// syntax errors of scripts are worded ("stdin:1:5: ... near 'x'"), for
// hosts that compile chunks themselves (the REPL).
func SyntaxError(err error, name string) error { return syntaxError(err, name) }

func syntaxError(err error, name string) error {
	msg := err.Error()
	var apiErr *lua.ApiError
	if errors.As(err, &apiErr) {
		msg = apiErr.Object.String()
	}
	msg = strings.TrimPrefix(strings.TrimSpace(msg), "<string>: ")
	if m := syntaxRE.FindStringSubmatch(msg); m != nil {
		return &ScriptError{Message: fmt.Sprintf("%s:%s:%s: %s near '%s'", name, m[2], m[3], m[5], m[4])}
	}
	if !strings.HasPrefix(msg, name) {
		msg = name + ": " + msg
	}
	return &ScriptError{Message: msg}
}

func (h *Host) setArgs(script string, args []string) {
	t := h.L.NewTable()
	t.RawSetInt(0, lua.LString(script))
	for i, a := range args {
		t.RawSetInt(i+1, lua.LString(a))
	}
	h.L.SetGlobal("arg", t)
}

// call runs fn in protected mode and converts a failure.
func (h *Host) call(fn *lua.LFunction, args []string) error {
	h.L.Push(fn)
	for _, a := range args {
		h.L.Push(lua.LString(a))
	}
	err := h.L.PCall(len(args), lua.MultRet, nil)
	h.L.SetTop(0)
	h.Flush()
	if err != nil {
		return h.scriptError(err)
	}
	return nil
}
