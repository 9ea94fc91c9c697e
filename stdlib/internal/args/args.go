// Package args reads the arguments of klua's Lua functions: every binding
// checks its arguments through here, so that misuse is reported the same
// way everywhere, naming the function and the argument:
//
//	kube.patch: bad argument #3 (table or string expected, got nil)
//	kube.get: bad argument #3 (unknown option "namepsace"; allowed: namespace, resourceVersion)
package args

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// Args reads the arguments of one call of the function named Fn.
type Args struct {
	L  *lua.LState
	Fn string
}

// New starts reading the arguments of fn ("kube.get").
func New(L *lua.LState, fn string) Args { return Args{L: L, Fn: fn} }

// Raise raises an error about the call as a whole, with the caller's
// position: "script.lua:3: kube.get: message".
func (a Args) Raise(format string, v ...any) {
	a.L.RaiseError("%s: %s", a.Fn, fmt.Sprintf(format, v...))
}

// Bad raises an error about argument n.
func (a Args) Bad(n int, format string, v ...any) {
	a.Raise("bad argument #%d (%s)", n, fmt.Sprintf(format, v...))
}

// Expected raises the usual "X expected, got Y" error for argument n.
func (a Args) Expected(n int, want string) {
	a.Bad(n, "%s expected, got %s", want, typeName(a.L.Get(n)))
}

// String reads a required string argument. Numbers are not silently
// turned into strings: a resource or name given as a number is a mistake.
func (a Args) String(n int) string {
	s, ok := a.L.Get(n).(lua.LString)
	if !ok {
		a.Expected(n, "string")
	}
	return string(s)
}

// OptString reads an optional string argument.
func (a Args) OptString(n int, def string) string {
	if a.L.Get(n) == lua.LNil {
		return def
	}
	return a.String(n)
}

// Any reads a required argument of any type, nil included when given
// explicitly: only a missing argument is an error.
func (a Args) Any(n int) lua.LValue {
	if n > a.L.GetTop() {
		a.Bad(n, "value expected")
	}
	return a.L.Get(n)
}

// Table reads a required table argument.
func (a Args) Table(n int) *lua.LTable {
	t, ok := a.L.Get(n).(*lua.LTable)
	if !ok {
		a.Expected(n, "table")
	}
	return t
}

// OptTable reads an optional table argument (nil when absent).
func (a Args) OptTable(n int) *lua.LTable {
	if a.L.Get(n) == lua.LNil {
		return nil
	}
	return a.Table(n)
}

// Function reads a required function argument.
func (a Args) Function(n int) *lua.LFunction {
	f, ok := a.L.Get(n).(*lua.LFunction)
	if !ok {
		a.Expected(n, "function")
	}
	return f
}

// Number reads a required number argument.
func (a Args) Number(n int) float64 {
	v, ok := a.L.Get(n).(lua.LNumber)
	if !ok {
		a.Expected(n, "number")
	}
	return float64(v)
}

// Duration reads a duration: seconds as a number, or a Go duration
// string such as "30s", "5m", "1h30m".
func (a Args) Duration(n int) time.Duration {
	d, err := toDuration(a.L.Get(n))
	if err != nil {
		a.Bad(n, "%s", err)
	}
	return d
}

func toDuration(v lua.LValue) (time.Duration, error) {
	switch v := v.(type) {
	case lua.LNumber:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
			return 0, fmt.Errorf("duration must be a non-negative number of seconds, got %v", f)
		}
		return time.Duration(f * float64(time.Second)), nil
	case lua.LString:
		d, err := time.ParseDuration(string(v))
		if err != nil {
			return 0, fmt.Errorf("duration %q: want seconds or a string like \"30s\", \"5m\", \"1h30m\"", string(v))
		}
		if d < 0 {
			return 0, fmt.Errorf("duration %q is negative", string(v))
		}
		return d, nil
	}
	return 0, fmt.Errorf("duration expected (seconds or a string like \"30s\"), got %s", typeName(v))
}

func typeName(v lua.LValue) string {
	if v == nil {
		return "no value"
	}
	return v.Type().String()
}

// allowedList formats option names for messages.
func allowedList(names []string) string {
	s := append([]string(nil), names...)
	sort.Strings(s)
	return strings.Join(s, ", ")
}
