package args

import (
	"math"
	"slices"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// Options reads an options table (argument N of the call). Unknown keys
// are an error that lists the allowed ones, so a misspelt option never
// passes silently.
type Options struct {
	a Args
	n int
	t *lua.LTable
}

// Options reads argument n as an optional options table whose keys must
// be among allowed.
func (a Args) Options(n int, allowed ...string) Options {
	t := a.OptTable(n)
	o := Options{a: a, n: n, t: t}
	if t != nil {
		o.checkKeys(allowed)
	}
	return o
}

// OptionsOf reads an options table already in hand (a field of another
// table, for example) as if it were argument n.
func (a Args) OptionsOf(n int, t *lua.LTable, allowed ...string) Options {
	o := Options{a: a, n: n, t: t}
	if t != nil {
		o.checkKeys(allowed)
	}
	return o
}

func (o Options) checkKeys(allowed []string) {
	o.t.ForEach(func(k, _ lua.LValue) {
		name, ok := k.(lua.LString)
		if !ok {
			o.a.Bad(o.n, "option names are strings, got %s", typeName(k))
		}
		if !slices.Contains(allowed, string(name)) {
			o.a.Bad(o.n, "unknown option %q; allowed: %s", string(name), allowedList(allowed))
		}
	})
}

// Has reports whether the option is set (to anything but nil).
func (o Options) Has(key string) bool { return o.Value(key) != lua.LNil }

// Value returns the option's raw value (nil when absent).
func (o Options) Value(key string) lua.LValue {
	if o.t == nil {
		return lua.LNil
	}
	return o.t.RawGetString(key)
}

func (o Options) wrong(key, want string) {
	o.a.Bad(o.n, "option %q: %s expected, got %s", key, want, typeName(o.Value(key)))
}

// String reads a string option ("" when absent).
func (o Options) String(key string) string {
	switch v := o.Value(key).(type) {
	case *lua.LNilType:
		return ""
	case lua.LString:
		return string(v)
	}
	o.wrong(key, "string")
	return ""
}

// Bool reads a boolean option (false when absent).
func (o Options) Bool(key string) bool {
	switch v := o.Value(key).(type) {
	case *lua.LNilType:
		return false
	case lua.LBool:
		return bool(v)
	}
	o.wrong(key, "boolean")
	return false
}

// Int reads a whole-number option; ok is false when absent.
func (o Options) Int(key string) (n int64, ok bool) {
	switch v := o.Value(key).(type) {
	case *lua.LNilType:
		return 0, false
	case lua.LNumber:
		f := float64(v)
		if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int64(f), true
		}
	}
	o.wrong(key, "whole number")
	return 0, false
}

// Number reads a number option; ok is false when absent.
func (o Options) Number(key string) (f float64, ok bool) {
	switch v := o.Value(key).(type) {
	case *lua.LNilType:
		return 0, false
	case lua.LNumber:
		return float64(v), true
	}
	o.wrong(key, "number")
	return 0, false
}

// Duration reads a duration option (seconds or "30s"); ok is false when
// absent.
func (o Options) Duration(key string) (d time.Duration, ok bool) {
	v := o.Value(key)
	if v == lua.LNil {
		return 0, false
	}
	d, err := toDuration(v)
	if err != nil {
		o.a.Bad(o.n, "option %q: %s", key, err)
	}
	return d, true
}

// Table reads a table option (nil when absent).
func (o Options) Table(key string) *lua.LTable {
	switch v := o.Value(key).(type) {
	case *lua.LNilType:
		return nil
	case *lua.LTable:
		return v
	}
	o.wrong(key, "table")
	return nil
}

// Function reads a function option (nil when absent).
func (o Options) Function(key string) *lua.LFunction {
	switch v := o.Value(key).(type) {
	case *lua.LNilType:
		return nil
	case *lua.LFunction:
		return v
	}
	o.wrong(key, "function")
	return nil
}
