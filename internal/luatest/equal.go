package luatest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// difference is where two values first differ and what each holds there.
type difference struct {
	path      string
	got, want lua.LValue
}

// deepEqual compares got and want: tables by content, recursively, with
// metatables ignored (so a decoded, marked table equals a literal);
// everything else with Lua's raw equality. Keys are compared in sorted
// order so that the difference reported is the same on every run.
func deepEqual(got, want lua.LValue) (difference, bool) {
	return compare(got, want, "", map[[2]*lua.LTable]bool{})
}

func compare(got, want lua.LValue, path string, seen map[[2]*lua.LTable]bool) (difference, bool) {
	gt, ok1 := got.(*lua.LTable)
	wt, ok2 := want.(*lua.LTable)
	if !ok1 || !ok2 {
		return difference{path, got, want}, got == want
	}
	if pair := [2]*lua.LTable{gt, wt}; seen[pair] {
		return difference{}, true // already being compared higher up
	} else {
		seen[pair] = true
	}
	keys := sortedKeys(gt, wt)
	for _, k := range keys {
		if d, ok := compare(gt.RawGet(k), wt.RawGet(k), path+keyPath(k), seen); !ok {
			return d, false
		}
	}
	return difference{}, true
}

// sortedKeys returns the keys of a and b, each once.
func sortedKeys(a, b *lua.LTable) []lua.LValue {
	var keys []lua.LValue
	have := map[lua.LValue]bool{}
	for _, t := range []*lua.LTable{a, b} {
		t.ForEach(func(k, _ lua.LValue) {
			if !have[k] {
				have[k] = true
				keys = append(keys, k)
			}
		})
	}
	slices.SortFunc(keys, func(x, y lua.LValue) int {
		xn, xok := x.(lua.LNumber)
		yn, yok := y.(lua.LNumber)
		if xok && yok {
			return compareNumbers(float64(xn), float64(yn))
		}
		return strings.Compare(keyPath(x), keyPath(y))
	})
	return keys
}

func compareNumbers(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// keyPath renders one step of a path the way Lua code would write it.
func keyPath(k lua.LValue) string {
	if s, ok := k.(lua.LString); ok {
		if isIdentifier(string(s)) {
			return "." + string(s)
		}
		return "[" + strconv.Quote(string(s)) + "]"
	}
	return "[" + k.String() + "]"
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// repr renders v for a failure message: strings quoted, tables as Lua
// constructors with sorted keys, cut short when deep or long.
func repr(L *lua.LState, v lua.LValue) string {
	var b strings.Builder
	writeRepr(L, &b, v, 0)
	if b.Len() > 300 {
		return b.String()[:300] + "..."
	}
	return b.String()
}

func writeRepr(L *lua.LState, b *strings.Builder, v lua.LValue, depth int) {
	switch v := v.(type) {
	case lua.LString:
		b.WriteString(strconv.Quote(string(v)))
	case *lua.LTable:
		if depth >= 4 || b.Len() > 300 {
			b.WriteString("{...}")
			return
		}
		b.WriteString("{")
		for i, k := range sortedKeys(v, v) {
			if i > 0 {
				b.WriteString(", ")
			}
			if n, ok := k.(lua.LNumber); !ok || int(n) != i+1 {
				fmt.Fprintf(b, "%s = ", strings.TrimPrefix(keyPath(k), "."))
			}
			writeRepr(L, b, v.RawGet(k), depth+1)
		}
		b.WriteString("}")
	default:
		b.WriteString(L.ToStringMeta(v).String())
	}
}
