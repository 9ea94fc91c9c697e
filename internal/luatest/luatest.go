// Package luatest runs tests written in Lua, so that klua's Lua API is
// tested the way users write it. A test file (testdata/*_test.lua) defines
// global functions named Test*; each runs as a Go subtest, in a fresh state
// made by the caller's factory, and gets a `t` object:
//
//	t:error(...)       report a failure and carry on
//	t:fatal(...)       report a failure and stop this test
//	t:skip(...)        stop this test and mark it skipped
//	t:log(...)         log, shown with -v or on failure
//	t:eq(got, want [, msg]) -> bool
//	                   deep equality (tables by content, metatables ignored);
//	                   reports a failure naming the first difference
//	t:name() -> string the Go subtest's name
//
// Messages are prefixed with the Lua file and line that reported them. A
// Lua error (a failed assert, say) fails the test with its message.
package luatest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// StateFactory makes the state a test runs in, with whatever modules and
// connections the tests need. Run closes the state when the test ends;
// anything else the factory sets up it should release with t.Cleanup.
type StateFactory func(t *testing.T) *lua.LState

// Run runs every global function named Test* in file as a subtest of t, in
// the order they appear in the file, each in a fresh state from newState.
func Run(t *testing.T, newState StateFactory, file string) {
	t.Helper()
	names, err := testNames(t, newState, file)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("%s: no Test functions", file)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) { runTest(t, newState, file, name) })
	}
}

// testNames loads file and lists its Test functions in file order.
func testNames(t *testing.T, newState StateFactory, file string) ([]string, error) {
	L := newState(t)
	defer L.Close()
	if err := L.DoFile(file); err != nil {
		return nil, err
	}
	type test struct {
		name string
		line int
	}
	var tests []test
	L.G.Global.ForEach(func(k, v lua.LValue) {
		name, isString := k.(lua.LString)
		fn, isFunc := v.(*lua.LFunction)
		if isString && isFunc && fn.Proto != nil && strings.HasPrefix(string(name), "Test") {
			tests = append(tests, test{string(name), fn.Proto.LineDefined})
		}
	})
	slices.SortFunc(tests, func(a, b test) int { return a.line - b.line })
	names := make([]string, len(tests))
	for i, tt := range tests {
		names[i] = tt.name
	}
	return names, nil
}

func runTest(t *testing.T, newState StateFactory, file, name string) {
	L := newState(t)
	defer L.Close()
	if err := L.DoFile(file); err != nil {
		t.Fatal(err)
	}
	st := &T{t: t}
	err := L.CallByParam(lua.P{Fn: L.GetGlobal(name), Protect: true}, newT(L, st))
	switch {
	case st.stop == stopFatal:
		t.FailNow()
	case st.stop == stopSkip:
		t.SkipNow()
	case err != nil:
		reportLuaError(t, L, err)
	}
}

// reportLuaError fails t with a Lua error's message, keeping the traceback
// in the log where it helps without burying the message.
func reportLuaError(t *testing.T, L *lua.LState, err error) {
	t.Helper()
	var apiErr *lua.ApiError
	if errors.As(err, &apiErr) && apiErr.Object != nil {
		t.Error(L.ToStringMeta(apiErr.Object).String()) // error tables print through __tostring
		if apiErr.StackTrace != "" {
			t.Log(apiErr.StackTrace)
		}
		return
	}
	t.Error(err)
}
