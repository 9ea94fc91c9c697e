// Package yaml is the Lua module "yaml": YAML text to Lua values and back,
// by the same value rules as the json module (mappings and sequences kept
// apart even when empty, json.null for null, keys sorted on output).
//
//	L.PreloadModule("yaml", yaml.Loader)
package yaml

import (
	"errors"
	"io/fs"
	"os"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime"
	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
)

// Loader opens the module for require("yaml").
func Loader(L *lua.LState) int {
	L.Push(L.SetFuncs(L.CreateTable(0, len(exports)), exports))
	return 1
}

var exports = map[string]lua.LGFunction{
	"decode":     yamlDecode,
	"decode_all": yamlDecodeAll,
	"encode":     yamlEncode,
	"load_file":  yamlLoadFile,
}

// yamlDecode implements yaml.decode(s) -> value: the first document of s,
// or nil if s has none.
func yamlDecode(L *lua.LState) int {
	s := args.New(L, "yaml.decode").String(1)
	docs, err := value.DecodeYAML(L, []byte(s))
	if err != nil {
		raise(L, "yaml.decode", err)
	}
	if len(docs) == 0 {
		L.Push(lua.LNil)
	} else {
		L.Push(docs[0])
	}
	return 1
}

// yamlDecodeAll implements yaml.decode_all(s) -> {value...}: every
// non-empty document of s, as an array.
func yamlDecodeAll(L *lua.LState) int {
	s := args.New(L, "yaml.decode_all").String(1)
	docs, err := value.DecodeYAML(L, []byte(s))
	if err != nil {
		raise(L, "yaml.decode_all", err)
	}
	L.Push(list(L, docs))
	return 1
}

// yamlEncode implements yaml.encode(value) -> string.
func yamlEncode(L *lua.LState) int {
	v := args.New(L, "yaml.encode").Any(1)
	out, err := value.EncodeYAML(L, v)
	if err != nil {
		raise(L, "yaml.encode", err)
	}
	L.Push(lua.LString(out))
	return 1
}

// yamlLoadFile implements yaml.load_file(path) -> {value...}: every
// non-empty document of the file, as an array. Errors name the file.
func yamlLoadFile(L *lua.LState) int {
	path := args.New(L, "yaml.load_file").String(1)
	data, err := readFile(L, path)
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err // the path is named below, once
		}
		L.RaiseError("yaml.load_file: %s: %v", path, err)
	}
	docs, err := value.DecodeYAML(L, data)
	if err != nil {
		raise(L, "yaml.load_file: "+path, err)
	}
	L.Push(list(L, docs))
	return 1
}

// readFile reads through the host, which holds a sandboxed script to its
// own directory.
func readFile(L *lua.LState, path string) ([]byte, error) {
	if h := runtime.HostOf(L); h != nil {
		return h.ReadFile(path)
	}
	return os.ReadFile(path)
}

func list(L *lua.LState, docs []lua.LValue) *lua.LTable {
	t := L.CreateTable(len(docs), 0)
	for i, d := range docs {
		t.RawSetInt(i+1, d)
	}
	return value.MarkArray(L, t)
}

// raise raises err as a Lua error after prefix: "yaml.decode: line 3,
// column 1: ...", "yaml.encode: spec.replicas: cannot encode NaN".
func raise(L *lua.LState, prefix string, err error) {
	if se, ok := errors.AsType[*value.SyntaxError](err); ok {
		L.RaiseError("%s: %s", prefix, se.Message())
	}
	L.RaiseError("%s: %s", prefix, err)
}
