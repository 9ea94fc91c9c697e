package value

import (
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

func mustDecodeJSON(t testing.TB, L *lua.LState, s string) lua.LValue {
	t.Helper()
	v, err := DecodeJSON(L, []byte(s))
	if err != nil {
		t.Fatalf("DecodeJSON(%q): %v", s, err)
	}
	return v
}

func TestDecodeJSONValues(t *testing.T) {
	cases := []struct {
		name, json string
		check      string // Lua boolean expression over v, with null/array/object globals
	}{
		{"empty object is marked object", `{}`, `next(v) == nil and getmetatable(v) == getmetatable(object())`},
		{"empty array is marked array", `[]`, `next(v) == nil and getmetatable(v) == getmetatable(array())`},
		{"object", `{"a": 1, "b": "x"}`, `v.a == 1 and v.b == "x" and getmetatable(v) == getmetatable(object())`},
		{"array", `[1, "two", true]`, `#v == 3 and v[1] == 1 and v[2] == "two" and v[3] == true`},
		{"null", `null`, `v == null`},
		{"null keeps array positions", `[1,null,3]`, `#v == 3 and v[2] == null and v[3] == 3`},
		{"null member is present", `{"a":null}`, `v.a == null`},
		{"nested empties", `{"emptyDir":{},"args":[]}`, `getmetatable(v.emptyDir) == getmetatable(object()) and getmetatable(v.args) == getmetatable(array())`},
		{"duplicate key keeps last", `{"a":1,"a":2}`, `v.a == 2`},
		{"booleans", `[true,false]`, `v[1] == true and v[2] == false`},
		{"integer", `42`, `v == 42`},
		{"negative", `-17`, `v == -17`},
		{"negative zero", `-0`, `v == 0`},
		{"fraction", `1.5`, `v == 1.5`},
		{"exponent", `1e3`, `v == 1000`},
		{"negative exponent", `25E-1`, `v == 2.5`},
		{"16 digits", `1234567890123456`, `v == 1234567890123456`},
		{"beyond 2^53 rounds", `9007199254740993`, `v == 9007199254740992`},
		{"huge", `1e300`, `v == 1e300`},
		{"string escapes", `"a\"b\\c\/d\b\f\n\r\t"`, `v == "a\"b\\c/d\b\f\n\r\t"`},
		{"unicode escape", `"\u00e9\u4e16"`, `v == "é世"`},
		{"surrogate pair", `"\ud83d\ude00"`, `v == "😀"`},
		{"lone high surrogate", `"\ud83dx"`, `v == "\239\191\189x"`},
		{"lone low surrogate", `"\ude00"`, `v == "\239\191\189"`},
		{"high surrogate then non-low escape", `"\ud83d\u0041"`, `v == "\239\191\189A"`},
		{"raw UTF-8", `"héllo 世界"`, `v == "héllo 世界"`},
		{"whitespace everywhere", " \t\r\n{ \"a\" : [ 1 , 2 ] } \n", `v.a[2] == 2`},
		{"escaped key", `{"a\u0062":1}`, `v.ab == 1`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			L := newState(t)
			L.SetGlobal("v", mustDecodeJSON(t, L, c.json))
			if ok := eval(t, L, "return "+c.check); ok != lua.LTrue {
				t.Errorf("DecodeJSON(%s): %s is false", c.json, c.check)
			}
		})
	}
}

func TestDecodeJSONInvalidUTF8(t *testing.T) {
	L := newState(t)
	v := mustDecodeJSON(t, L, "[\"a\xffb\", \"\xc3\"]")
	got := mustEncodeJSON(t, L, v)
	if want := `["a` + "\uFFFD" + `b","` + "\uFFFD" + `"]`; got != want {
		t.Errorf("invalid UTF-8 decoded to %s, want %s (replaced like encoding/json)", got, want)
	}
}

func TestDecodeJSONErrors(t *testing.T) {
	cases := []struct{ name, json, err string }{
		{"empty input", ``, `json: line 1, column 1: unexpected end of JSON input`},
		{"only space", "  \n ", `json: line 2, column 2: unexpected end of JSON input`},
		{"trailing comma in object", `{"a":1,}`, `json: line 1, column 8: invalid character '}' looking for beginning of object key string`},
		{"trailing comma in array", `[1,]`, `json: line 1, column 4: invalid character ']' looking for beginning of value`},
		{"missing comma", "{\n  \"a\": 1\n  \"b\": 2\n}", `json: line 3, column 3: invalid character '"' after object key:value pair`},
		{"missing colon", `{"a" 1}`, `json: line 1, column 6: invalid character '1' after object key`},
		{"unquoted key", `{a:1}`, `json: line 1, column 2: invalid character 'a' looking for beginning of object key string`},
		{"array element", `[1 2]`, `json: line 1, column 4: invalid character '2' after array element`},
		{"unclosed array", `[1,2`, `json: line 1, column 5: unexpected end of JSON input`},
		{"unclosed object", `{"a":1`, `json: line 1, column 7: unexpected end of JSON input`},
		{"unclosed string", `"abc`, `json: line 1, column 5: unexpected end of JSON input`},
		{"control character in string", "\"a\x01\"", `json: line 1, column 3: invalid character '\x01' in string literal`},
		{"newline in string", "[\"a\nb\"]", `json: line 1, column 4: invalid character '\n' in string literal`},
		{"bad escape", `"\x"`, `json: line 1, column 3: invalid character 'x' in string escape code`},
		{"bad unicode escape", `"\u12g4"`, `json: line 1, column 6: invalid character 'g' in \u hexadecimal character escape`},
		{"short unicode escape", `"\u12`, `json: line 1, column 6: unexpected end of JSON input`},
		{"truncated literal", `tru`, `json: line 1, column 4: unexpected end of JSON input`},
		{"wrong literal", `[trux]`, `json: line 1, column 5: invalid character 'x' in literal true (expecting 'e')`},
		{"nul", `nul`, `json: line 1, column 4: unexpected end of JSON input`},
		{"two values", `1 2`, `json: line 1, column 3: invalid character '2' after top-level value`},
		{"leading zero", `01`, `json: line 1, column 2: invalid character '1' after top-level value`},
		{"lone minus", `-`, `json: line 1, column 2: unexpected end of JSON input`},
		{"minus letter", `-a`, `json: line 1, column 2: invalid character 'a' in numeric literal`},
		{"dot without digits", `1.}`, `json: line 1, column 3: invalid character '}' in numeric literal`},
		{"exponent without digits", `1e`, `json: line 1, column 3: unexpected end of JSON input`},
		{"plus sign", `+1`, `json: line 1, column 1: invalid character '+' looking for beginning of value`},
		{"out of range", `[1e400]`, `json: line 1, column 2: number 1e400 is out of range`},
		{"columns count characters", `{"é": x}`, `json: line 1, column 7: invalid character 'x' looking for beginning of value`},
		{"single quote", `'a'`, `json: line 1, column 1: invalid character '\'' looking for beginning of value`},
		{"too deep", strings.Repeat("[", maxDepth+1), `json: line 1, column 10002: nested deeper than 10000 levels`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			L := newState(t)
			v, err := DecodeJSON(L, []byte(c.json))
			if err == nil {
				t.Fatalf("DecodeJSON(%q) = %v, want error %q", c.json, v, c.err)
			}
			if err.Error() != c.err {
				t.Errorf("DecodeJSON(%q):\n got %s\nwant %s", c.json, err, c.err)
			}
		})
	}
}

func TestDecodeJSONDepthLimit(t *testing.T) {
	L := newState(t)
	deep := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	if _, err := DecodeJSON(L, []byte(deep)); err != nil {
		t.Fatalf("%d levels should decode: %v", maxDepth, err)
	}
}

func TestDecodeJSONReusesStateDecoder(t *testing.T) {
	L := newState(t)
	first := mustDecodeJSON(t, L, `{"metadata":{"name":"a"}}`)
	second := mustDecodeJSON(t, L, `{"metadata":{"name":"b"}}`)
	if got := mustEncodeJSON(t, L, first); got != `{"metadata":{"name":"a"}}` {
		t.Errorf("a later decode changed an earlier result: %s", got)
	}
	if got := mustEncodeJSON(t, L, second); got != `{"metadata":{"name":"b"}}` {
		t.Errorf("second decode: %s", got)
	}
	if _, err := DecodeJSON(L, []byte(`{"a":`)); err == nil {
		t.Fatal("want an error")
	}
	if got := mustEncodeJSON(t, L, mustDecodeJSON(t, L, `[{"x":[1]}]`)); got != `[{"x":[1]}]` {
		t.Errorf("decode after a failed decode: %s", got)
	}
}
