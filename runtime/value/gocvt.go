package value

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
)

// FromGo converts a JSON-shaped Go value to Lua by the same rules as
// DecodeJSON: nil (and, as in encoding/json, a nil map or slice) becomes
// Null, map[string]any an object-marked table,
// []any an array-marked one, numbers (every int, uint and float kind, and
// json.Number) become Lua numbers (beyond ±2^53 they lose precision). Maps
// with string keys and slices of other element types are converted
// element by element, a lua.LValue is returned as is. Any other type is a
// programming error; it becomes a string naming the type, so it shows
// instead of vanishing.
func FromGo(L *lua.LState, v any) lua.LValue {
	return fromGo(L, markersOf(L), v)
}

func fromGo(L *lua.LState, m *markers, v any) lua.LValue {
	switch v := v.(type) {
	case nil:
		return m.null
	case lua.LValue:
		return v
	case string:
		return lua.LString(v)
	case bool:
		return lua.LBool(v)
	case float64:
		return lua.LNumber(v)
	case int64:
		return lua.LNumber(v)
	case int:
		return lua.LNumber(v)
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil {
			return lua.LString(v)
		}
		return lua.LNumber(f)
	case map[string]any:
		if v == nil {
			return m.null
		}
		t := L.CreateTable(0, len(v))
		for k, e := range v {
			t.RawSetString(k, fromGo(L, m, e))
		}
		t.Metatable = m.object
		return t
	case []any:
		if v == nil {
			return m.null
		}
		t := L.CreateTable(len(v), 0)
		for i, e := range v {
			t.RawSetInt(i+1, fromGo(L, m, e))
		}
		t.Metatable = m.array
		return t
	}
	return fromReflect(L, m, reflect.ValueOf(v))
}

// fromReflect handles the typed variants (map[string]string, []string,
// int32, pointers...) that the fast cases above do not.
func fromReflect(L *lua.LState, m *markers, rv reflect.Value) lua.LValue {
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return lua.LNumber(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return lua.LNumber(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return lua.LNumber(rv.Float())
	case reflect.String:
		return lua.LString(rv.String())
	case reflect.Bool:
		return lua.LBool(rv.Bool())
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return m.null
		}
		return fromGo(L, m, rv.Elem().Interface())
	case reflect.Slice, reflect.Array:
		return fromGoSlice(L, m, rv)
	case reflect.Map:
		if rv.Type().Key().Kind() == reflect.String {
			return fromGoMap(L, m, rv)
		}
	}
	return lua.LString(fmt.Sprintf("<unsupported Go type %s>", rv.Type()))
}

func fromGoSlice(L *lua.LState, m *markers, rv reflect.Value) lua.LValue {
	if rv.Kind() == reflect.Slice && rv.IsNil() {
		return m.null
	}
	t := L.CreateTable(rv.Len(), 0)
	for i := range rv.Len() {
		t.RawSetInt(i+1, fromGo(L, m, rv.Index(i).Interface()))
	}
	t.Metatable = m.array
	return t
}

func fromGoMap(L *lua.LState, m *markers, rv reflect.Value) lua.LValue {
	if rv.IsNil() {
		return m.null
	}
	t := L.CreateTable(0, rv.Len())
	for it := rv.MapRange(); it.Next(); {
		t.RawSetString(it.Key().String(), fromGo(L, m, it.Value().Interface()))
	}
	t.Metatable = m.object
	return t
}

// ToGo converts a Lua value to the Go values encoding/json produces, by the
// same rules as EncodeJSON: nil and Null become nil, objects
// map[string]any, arrays []any, whole numbers within ±2^53 int64 (what
// Kubernetes' unstructured objects expect) and other numbers float64.
// Errors are *EncodeError naming the path, as for EncodeJSON.
func ToGo(L *lua.LState, v lua.LValue) (any, error) {
	c := goConverter{walker: newWalker(L)}
	return c.value(v)
}

type goConverter struct {
	walker
}

func (c *goConverter) value(v lua.LValue) (any, error) {
	switch v := v.(type) {
	case *lua.LNilType:
		return nil, nil
	case lua.LBool:
		return bool(v), nil
	case lua.LNumber:
		if f := float64(v); isInteger(f) {
			return int64(f), nil
		} else if _, ok := appendNumber(nil, f); ok {
			return f, nil
		}
	case lua.LString:
		if utf8.ValidString(string(v)) {
			return string(v), nil
		}
	case *lua.LTable:
		return c.table(v)
	case *lua.LUserData:
		if v == c.m.null {
			return nil, nil
		}
	}
	return nil, c.scalarError(v)
}

func (c *goConverter) table(t *lua.LTable) (any, error) {
	if err := c.enter(t); err != nil {
		return nil, err
	}
	start := len(c.members)
	isArray, err := c.collect(t)
	if err != nil {
		return nil, err
	}
	n := len(c.members) - start
	var arr []any
	var obj map[string]any
	if isArray {
		arr = make([]any, n)
	} else {
		obj = make(map[string]any, n)
	}
	for i := range n {
		m := c.members[start+i] // re-read: children may move the slice
		if isArray {
			c.path = append(c.path, pathElem{index: i, isIndex: true})
		} else {
			c.path = append(c.path, pathElem{key: m.key})
			if !utf8.ValidString(m.key) {
				return nil, c.path.errorf("invalid UTF-8 in key")
			}
		}
		v, err := c.value(m.value)
		if err != nil {
			return nil, err
		}
		if isArray {
			arr[i] = v
		} else {
			obj[m.key] = v
		}
		c.path = c.path[:len(c.path)-1]
	}
	c.leave(start)
	if isArray {
		return arr, nil
	}
	return obj, nil
}
