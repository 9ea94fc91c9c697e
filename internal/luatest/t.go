package luatest

import (
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// T is the Go side of the `t` object a Lua test receives.
type T struct {
	t    *testing.T
	stop stopReason
}

// stopReason records why a test raised its stop error, so that a pcall in
// the test that swallows the error cannot hide a fatal or skip.
type stopReason int

const (
	running stopReason = iota
	stopFatal
	stopSkip
)

const typeName = "luatest.T"

var methods = map[string]lua.LGFunction{
	"error": tError,
	"fatal": tFatal,
	"skip":  tSkip,
	"log":   tLog,
	"eq":    tEq,
	"name":  tName,
}

func newT(L *lua.LState, st *T) *lua.LUserData {
	mt := L.NewTypeMetatable(typeName)
	L.SetField(mt, "__index", L.SetFuncs(L.NewTable(), methods))
	ud := L.NewUserData()
	ud.Value = st
	ud.Metatable = mt
	return ud
}

func checkT(L *lua.LState) *T {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if st, ok := ud.Value.(*T); ok {
			return st
		}
	}
	L.ArgError(1, "luatest.T expected (call methods with a colon: t:error(...))")
	return nil
}

// message joins the arguments from index 2 on, like print, prefixed with
// the Lua file and line of the caller.
func message(L *lua.LState) string {
	parts := make([]string, 0, L.GetTop())
	for i := 2; i <= L.GetTop(); i++ {
		parts = append(parts, L.ToStringMeta(L.Get(i)).String())
	}
	return L.Where(1) + " " + strings.Join(parts, " ")
}

// t:error(...)
func tError(L *lua.LState) int {
	st := checkT(L)
	st.t.Error(message(L))
	return 0
}

// t:fatal(...)
func tFatal(L *lua.LState) int {
	st := checkT(L)
	st.t.Error(message(L))
	st.stop = stopFatal
	L.RaiseError("t:fatal")
	return 0
}

// t:skip(...)
func tSkip(L *lua.LState) int {
	st := checkT(L)
	st.t.Log(message(L))
	st.stop = stopSkip
	L.RaiseError("t:skip")
	return 0
}

// t:log(...)
func tLog(L *lua.LState) int {
	st := checkT(L)
	st.t.Log(message(L))
	return 0
}

// t:eq(got, want [, msg]) -> bool
func tEq(L *lua.LState) int {
	st := checkT(L)
	got, want := L.CheckAny(2), L.CheckAny(3)
	d, ok := deepEqual(got, want)
	if !ok {
		msg := L.Where(1)
		if m := L.OptString(4, ""); m != "" {
			msg += " " + m + ":"
		}
		if d.path != "" {
			msg += " at " + d.path + ":"
		}
		st.t.Errorf("%s got %s, want %s", msg, repr(L, d.got), repr(L, d.want))
	}
	L.Push(lua.LBool(ok))
	return 1
}

// t:name() -> string
func tName(L *lua.LState) int {
	L.Push(lua.LString(checkT(L).t.Name()))
	return 1
}
