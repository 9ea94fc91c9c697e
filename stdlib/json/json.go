// Package json is the Lua module "json": JSON text to Lua values and back,
// by the value rules of runtime/value ({} and [] kept apart, json.null for
// null, integers written without fractions, keys sorted).
//
//	L.PreloadModule("json", json.Loader)
package json

import (
	"errors"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
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
	s := args.New(L, "json.decode").String(1)
	v, err := value.DecodeJSON(L, []byte(s))
	if err != nil {
		raise(L, "json.decode", err)
	}
	L.Push(v)
	return 1
}

// jsonEncode implements json.encode(value [, {indent = n}]) -> string.
func jsonEncode(L *lua.LState) int {
	a := args.New(L, "json.encode")
	v := a.Any(1)
	opts := encodeOptions(a, 2)
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
	L.Push(value.MarkArray(L, optTable(args.New(L, "json.array"), 1)))
	return 1
}

// jsonObject implements json.object([t]) -> t: it marks t (or a new
// table) as an object, so that it encodes as {} even when its keys are
// 1..n.
func jsonObject(L *lua.LState) int {
	L.Push(value.MarkObject(L, optTable(args.New(L, "json.object"), 1)))
	return 1
}

// optTable reads an optional table argument, a new table when absent.
func optTable(a args.Args, n int) *lua.LTable {
	if t := a.OptTable(n); t != nil {
		return t
	}
	return a.L.CreateTable(0, 0)
}

// encodeOptions reads json.encode's options table at argument n.
func encodeOptions(a args.Args, n int) value.EncodeOptions {
	o := a.Options(n, "indent")
	indent, ok := o.Int("indent")
	if ok && indent < 0 {
		a.Bad(n, "option \"indent\": a non-negative whole number expected, got %d", indent)
	}
	return value.EncodeOptions{Indent: int(indent)}
}

// raise raises err as a Lua error naming the function: "json.decode: line
// 1, column 5: ...", "json.encode: spec.replicas: cannot encode NaN".
func raise(L *lua.LState, fn string, err error) {
	if se, ok := errors.AsType[*value.SyntaxError](err); ok {
		L.RaiseError("%s: %s", fn, se.Message())
	}
	L.RaiseError("%s: %s", fn, err)
}
