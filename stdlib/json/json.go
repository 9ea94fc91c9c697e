// Package json is the Lua module "json": JSON text to Lua values and back,
// by the value rules of runtime/value ({} and [] kept apart, json.null for
// null, integers written without fractions, keys sorted).
//
//	L.PreloadModule("json", json.Loader)
package json

import (
	"errors"
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime/value"
)

// Loader opens the module for require("json").
func Loader(L *lua.LState) int {
	mod := L.SetFuncs(L.CreateTable(0, len(exports)+1), exports)
	mod.RawSetString("null", value.Null(L))
	L.Push(mod)
	return 1
}

var exports = map[string]lua.LGFunction{
	"decode": jsonDecode,
	"encode": jsonEncode,
	"array":  jsonArray,
	"object": jsonObject,
}

// jsonDecode implements json.decode(s) -> value.
func jsonDecode(L *lua.LState) int {
	s := L.CheckString(1)
	v, err := value.DecodeJSON(L, []byte(s))
	if err != nil {
		raise(L, "json.decode", err)
	}
	L.Push(v)
	return 1
}

// jsonEncode implements json.encode(value [, {indent = n}]) -> string.
func jsonEncode(L *lua.LState) int {
	v := L.CheckAny(1)
	opts := checkEncodeOptions(L, 2)
	out, err := value.EncodeJSON(L, v, opts)
	if err != nil {
		raise(L, "json.encode", err)
	}
	L.Push(lua.LString(out))
	return 1
}

// jsonArray implements json.array([t]) -> t: it marks t (or a new table)
// as an array, so that it encodes as [] even when empty.
func jsonArray(L *lua.LState) int {
	L.Push(value.MarkArray(L, L.OptTable(1, L.CreateTable(0, 0))))
	return 1
}

// jsonObject implements json.object([t]) -> t: it marks t (or a new
// table) as an object, so that it encodes as {} even when its keys are
// 1..n.
func jsonObject(L *lua.LState) int {
	L.Push(value.MarkObject(L, L.OptTable(1, L.CreateTable(0, 0))))
	return 1
}

// checkEncodeOptions reads json.encode's options table at argument n.
func checkEncodeOptions(L *lua.LState, n int) value.EncodeOptions {
	var opts value.EncodeOptions
	t := L.OptTable(n, nil)
	if t == nil {
		return opts
	}
	t.ForEach(func(k, v lua.LValue) {
		if k != lua.LString("indent") {
			L.ArgError(n, fmt.Sprintf("unknown option %q", k.String()))
		}
		indent, ok := v.(lua.LNumber)
		if !ok || indent < 0 || indent != lua.LNumber(int(indent)) {
			L.ArgError(n, "indent must be a non-negative integer")
		}
		opts.Indent = int(indent)
	})
	return opts
}

// raise raises err as a Lua error naming the function: "json.decode: line
// 1, column 5: ...", "json.encode: spec.replicas: cannot encode NaN".
func raise(L *lua.LState, fn string, err error) {
	if se, ok := errors.AsType[*value.SyntaxError](err); ok {
		L.RaiseError("%s: %s", fn, se.Message())
	}
	L.RaiseError("%s: %s", fn, err)
}
