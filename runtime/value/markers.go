package value

import lua "github.com/yuin/gopher-lua"

// registryKey is where a state keeps its markers. One registry entry holding
// all three keeps the per-call lookup to a single map access.
const registryKey = "klua.value.markers"

// markers holds one state's sentinel, marker metatables and reusable JSON
// decoder. Tables are
// classified by comparing their metatable pointer with array and object.
type markers struct {
	null   *lua.LUserData
	array  *lua.LTable
	object *lua.LTable
	json   *jsonDecoder // reused across calls; see jsonDecoder
}

// nullValue is the Go value inside the Null userdata, so that Go code
// printing it (%v) sees something meaningful.
type nullValue struct{}

func (nullValue) String() string { return "null" }

// markersOf returns L's markers, creating them on first use.
func markersOf(L *lua.LState) *markers {
	reg := L.G.Registry
	if ud, ok := reg.RawGetString(registryKey).(*lua.LUserData); ok {
		if m, ok := ud.Value.(*markers); ok {
			return m
		}
	}
	m := newMarkers(L)
	holder := L.NewUserData()
	holder.Value = m
	reg.RawSetString(registryKey, holder)
	return m
}

func newMarkers(L *lua.LState) *markers {
	nullMeta := L.CreateTable(0, 2)
	nullMeta.RawSetString("__name", lua.LString("json.null"))
	nullMeta.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString("null"))
		return 1
	}))
	null := L.NewUserData()
	null.Value = nullValue{}
	null.Metatable = nullMeta

	array := L.CreateTable(0, 1)
	array.RawSetString("__name", lua.LString("json.array"))
	object := L.CreateTable(0, 1)
	object.RawSetString("__name", lua.LString("json.object"))
	return &markers{null: null, array: array, object: object}
}

// Null returns L's null sentinel: the value JSON null and YAML null decode
// to, and that encodes as null. It is the same userdata on every call for a
// given state, so scripts can compare with ==.
func Null(L *lua.LState) lua.LValue {
	return markersOf(L).null
}

// IsNull reports whether v is L's null sentinel.
func IsNull(L *lua.LState, v lua.LValue) bool {
	ud, ok := v.(*lua.LUserData)
	return ok && ud == markersOf(L).null
}

// MarkArray sets t's metatable to the array marker, so t encodes as a JSON
// array even when empty. It replaces any metatable t had, and returns t.
func MarkArray(L *lua.LState, t *lua.LTable) *lua.LTable {
	t.Metatable = markersOf(L).array
	return t
}

// MarkObject sets t's metatable to the object marker, so t encodes as a JSON
// object even when its keys are 1..n. It replaces any metatable t had, and
// returns t.
func MarkObject(L *lua.LState, t *lua.LTable) *lua.LTable {
	t.Metatable = markersOf(L).object
	return t
}

// IsArray reports whether t carries the array marker.
func IsArray(L *lua.LState, t *lua.LTable) bool {
	return t.Metatable == markersOf(L).array
}

// IsObject reports whether t carries the object marker.
func IsObject(L *lua.LState, t *lua.LTable) bool {
	return t.Metatable == markersOf(L).object
}
