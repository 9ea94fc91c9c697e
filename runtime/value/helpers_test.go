package value

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// newState returns a Lua state with the markers as globals (null, array,
// object), standing in for the json module, which this package cannot
// import in its tests.
func newState(t testing.TB) *lua.LState {
	t.Helper()
	L := lua.NewState()
	t.Cleanup(L.Close)
	L.SetGlobal("null", Null(L))
	L.SetGlobal("array", L.NewFunction(func(L *lua.LState) int {
		L.Push(MarkArray(L, L.OptTable(1, L.NewTable())))
		return 1
	}))
	L.SetGlobal("object", L.NewFunction(func(L *lua.LState) int {
		L.Push(MarkObject(L, L.OptTable(1, L.NewTable())))
		return 1
	}))
	return L
}

// eval runs a Lua chunk and returns its first result.
func eval(t testing.TB, L *lua.LState, chunk string) lua.LValue {
	t.Helper()
	if err := L.DoString(chunk); err != nil {
		t.Fatalf("lua: %v", err)
	}
	v := L.Get(-1)
	L.Pop(1)
	return v
}

func mustEncodeJSON(t testing.TB, L *lua.LState, v lua.LValue) string {
	t.Helper()
	b, err := EncodeJSON(L, v, EncodeOptions{})
	if err != nil {
		t.Fatalf("EncodeJSON: %v", err)
	}
	return string(b)
}
