package value

import (
	"reflect"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// Decoding a large list is dominated by building tables, and gopher-lua's
// public way to add a string key (RawSetString) costs four to five
// allocations per key: it boxes the key twice and grows a key slice and an
// index map one step at a time. newObject instead fills a table's fields
// directly, at their final sizes, with keys boxed once per decode. That
// halves the time and allocations of decoding 10,001 ConfigMaps.
//
// It writes the private fields of lua.LTable, so it is guarded:
// ltableLayout must match LTable field for field (name, type, offset), else
// fastTables is false and the public API is used. TestFastTables fails when
// that happens (a gopher-lua upgrade), and also checks that tables built
// both ways behave the same.

// ltableLayout mirrors lua.LTable in gopher-lua v1.1.2.
type ltableLayout struct {
	Metatable lua.LValue
	array     []lua.LValue
	dict      map[lua.LValue]lua.LValue
	strdict   map[string]lua.LValue
	keys      []lua.LValue
	k2i       map[lua.LValue]int
}

// fastTables reports whether newObject may write LTable's fields.
var fastTables = layoutMatches(reflect.TypeFor[lua.LTable](), reflect.TypeFor[ltableLayout]())

func layoutMatches(got, want reflect.Type) bool {
	if got.Size() != want.Size() || got.NumField() != want.NumField() {
		return false
	}
	for i := range got.NumField() {
		g, w := got.Field(i), want.Field(i)
		if g.Name != w.Name || g.Type != w.Type || g.Offset != w.Offset {
			return false
		}
	}
	return true
}

// newObject returns a table with metatable mt and keys[i] = vals[i]; every
// key is an LString. A repeated key keeps its last value, as RawSetString
// would.
func newObject(L *lua.LState, mt lua.LValue, keys, vals []lua.LValue) *lua.LTable {
	if !fastTables {
		return newObjectSlow(L, mt, keys, vals)
	}
	t := &lua.LTable{}
	l := (*ltableLayout)(unsafe.Pointer(t))
	l.Metatable = mt
	if len(vals) == 0 {
		return t
	}
	// The same state RawSetString leaves: values in strdict, every key
	// once in keys (the order pairs() follows), k2i mapping key to index.
	l.strdict = make(map[string]lua.LValue, len(vals))
	l.keys = make([]lua.LValue, 0, len(vals))
	l.k2i = make(map[lua.LValue]int, len(vals))
	for i, v := range vals {
		k, _ := keys[i].(lua.LString)
		n := len(l.strdict)
		l.strdict[string(k)] = v
		if len(l.strdict) > n { // a new key, not a repeated one
			l.k2i[keys[i]] = len(l.keys)
			l.keys = append(l.keys, keys[i])
		}
	}
	return t
}

func newObjectSlow(L *lua.LState, mt lua.LValue, keys, vals []lua.LValue) *lua.LTable {
	t := L.CreateTable(0, len(vals))
	for i, v := range vals {
		k, _ := keys[i].(lua.LString)
		t.RawSetString(string(k), v)
	}
	t.Metatable = mt
	return t
}
