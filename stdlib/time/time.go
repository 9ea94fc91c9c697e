// Package time is the Lua module "time": wall-clock time with sub-second
// precision, and Kubernetes' RFC 3339 timestamps as numbers, so that
// scripts can ask how old an object is (os.time has whole seconds only,
// and os.clock measures CPU time, not time passing).
package time

import (
	"fmt"
	"math"
	gotime "time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/stdlib/internal/args"
)

// Loader is the module's loader for L.PreloadModule("time", Loader).
func Loader(L *lua.LState) int {
	mod := L.NewTable()
	L.SetFuncs(mod, map[string]lua.LGFunction{
		"now":    now,
		"parse":  parse,
		"format": format,
		"since":  since,
	})
	L.Push(mod)
	return 1
}

func seconds(t gotime.Time) lua.LNumber {
	return lua.LNumber(float64(t.UnixNano()) / 1e9)
}

func fromSeconds(s float64) gotime.Time {
	whole, frac := math.Modf(s)
	return gotime.Unix(int64(whole), int64(frac*1e9)).UTC()
}

// time.now() -> seconds since the epoch, with fractions
func now(L *lua.LState) int {
	L.Push(seconds(gotime.Now()))
	return 1
}

// time.parse(timestamp) -> seconds: an RFC 3339 timestamp, as in
// metadata.creationTimestamp.
func parse(L *lua.LState) int {
	a := args.New(L, "time.parse")
	t, err := parseTimestamp(a.String(1))
	if err != nil {
		a.Bad(1, "%s", err)
	}
	L.Push(seconds(t))
	return 1
}

func parseTimestamp(s string) (gotime.Time, error) {
	t, err := gotime.Parse(gotime.RFC3339Nano, s)
	if err != nil {
		return t, fmt.Errorf("%q is not an RFC 3339 timestamp such as \"2026-12-04T15:04:05Z\"", s)
	}
	return t, nil
}

// time.format(seconds) -> RFC 3339 timestamp in UTC, as the API writes them.
func format(L *lua.LState) int {
	a := args.New(L, "time.format")
	L.Push(lua.LString(fromSeconds(a.Number(1)).Format(gotime.RFC3339)))
	return 1
}

// time.since(t) -> seconds elapsed since t (seconds or an RFC 3339 timestamp).
func since(L *lua.LState) int {
	a := args.New(L, "time.since")
	var t gotime.Time
	switch v := L.Get(1).(type) {
	case lua.LNumber:
		t = fromSeconds(float64(v))
	case lua.LString:
		var err error
		if t, err = parseTimestamp(string(v)); err != nil {
			a.Bad(1, "%s", err)
		}
	default:
		a.Expected(1, "number or timestamp string")
	}
	L.Push(lua.LNumber(gotime.Since(t).Seconds()))
	return 1
}
