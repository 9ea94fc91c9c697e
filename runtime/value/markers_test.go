package value

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

func TestNull(t *testing.T) {
	L := newState(t)
	null := Null(L)
	t.Run("same value every call", func(t *testing.T) {
		if Null(L) != null {
			t.Error("Null returned a different value on the second call")
		}
	})
	t.Run("prints as null", func(t *testing.T) {
		if got := eval(t, L, `return tostring(null)`); got.String() != "null" {
			t.Errorf("tostring(null) = %q, want null", got)
		}
	})
	t.Run("IsNull", func(t *testing.T) {
		if !IsNull(L, null) || IsNull(L, lua.LNil) || IsNull(L, L.NewUserData()) {
			t.Error("IsNull accepts something other than the sentinel, or rejects it")
		}
	})
	t.Run("per state", func(t *testing.T) {
		other := newState(t)
		if Null(other) == null || IsNull(other, null) {
			t.Error("two states share a null sentinel")
		}
	})
}

func TestMarkers(t *testing.T) {
	L := newState(t)
	arr := MarkArray(L, L.NewTable())
	obj := MarkObject(L, L.NewTable())
	if !IsArray(L, arr) || IsObject(L, arr) || !IsObject(L, obj) || IsArray(L, obj) {
		t.Fatal("markers are not told apart")
	}
	if plain := L.NewTable(); IsArray(L, plain) || IsObject(L, plain) {
		t.Fatal("an unmarked table counts as marked")
	}
	if MarkObject(L, arr) != arr || !IsObject(L, arr) {
		t.Fatal("marking again does not replace the marker")
	}
}
