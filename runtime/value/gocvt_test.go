package value

import (
	"encoding/json"
	"reflect"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

func TestFromGo(t *testing.T) {
	type named string
	cases := []struct {
		name string
		in   any
		json string
	}{
		{"nil", nil, `null`},
		{"JSON-shaped", map[string]any{"a": []any{1.5, int64(2), 3, "x", true, nil, map[string]any{}, []any{}}}, `{"a":[1.5,2,3,"x",true,null,{},[]]}`},
		{"json.Number", []any{json.Number("42"), json.Number("1e3")}, `[42,1000]`},
		{"typed map and slice", map[string][]string{"k": {"a", "b"}, "e": {}}, `{"e":[],"k":["a","b"]}`},
		{"map[string]string", map[string]string{"app": "web"}, `{"app":"web"}`},
		{"small ints and uints", []any{int32(-3), uint8(7), float32(0.5)}, `[-3,7,0.5]`},
		{"named string", named("n"), `"n"`},
		{"pointer", new(int), `0`},
		{"nil pointer", (*int)(nil), `null`},
		{"nil slice", []string(nil), `null`},
		{"nil map", map[string]any(nil), `null`},
		{"nil array", []any(nil), `null`},
		{"unsupported", make(chan int), `"<unsupported Go type chan int>"`},
		{"lua value", lua.LString("as is"), `"as is"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			L := newState(t)
			if got := mustEncodeJSON(t, L, FromGo(L, c.in)); got != c.json {
				t.Errorf("got %s, want %s", got, c.json)
			}
		})
	}
}

func TestFromGoMarksEmptyContainers(t *testing.T) {
	L := newState(t)
	obj, arr := FromGo(L, map[string]any{}).(*lua.LTable), FromGo(L, []any{}).(*lua.LTable)
	if !IsObject(L, obj) || !IsArray(L, arr) {
		t.Error("empty map and slice are not marked")
	}
}

func TestToGo(t *testing.T) {
	cases := []struct {
		name, lua string
		want      any
	}{
		{"nil", `nil`, nil},
		{"null", `null`, nil},
		{"integer", `3`, int64(3)},
		{"float", `0.5`, 0.5},
		{"string", `"s"`, "s"},
		{"bool", `true`, true},
		{"object", `{a = 1, b = {}}`, map[string]any{"a": int64(1), "b": map[string]any{}}},
		{"array", `{1, "x", null}`, []any{int64(1), "x", nil}},
		{"empty array", `array()`, []any{}},
		{"integer keys", `object({"a"})`, map[string]any{"1": "a"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			L := newState(t)
			got, err := ToGo(L, eval(t, L, "return "+c.lua))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %#v, want %#v", got, c.want)
			}
		})
	}
}

func TestToGoErrors(t *testing.T) {
	for lua, want := range map[string]string{
		`{spec = {containers = {{image = print}}}}`: `spec.containers[0].image: cannot encode a function`,
		`{a = 1/0}`: `a: cannot encode +Inf`,
		`(function() local t = {} t.self = t return t end)()`: `self: cycle (a table that contains itself)`,
		`{["\255"] = 1}`: `["\xff"]: invalid UTF-8 in key`,
		`{s = "\255"}`:   `s: invalid UTF-8 in string`,
		`{[false] = 1}`:  `cannot use a boolean as an object key`,
		`array({x = 1})`: `array-marked table has key "x"`,
	} {
		L := newState(t)
		if _, err := ToGo(L, eval(t, L, "return "+lua)); err == nil || err.Error() != want {
			t.Errorf("ToGo(%s): error %v, want %q", lua, err, want)
		}
	}
}
