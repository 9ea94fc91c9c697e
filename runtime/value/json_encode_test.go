package value

import (
	"encoding/json"
	"strings"
	"testing"
)

// encodeCase is a Lua expression and the JSON it must encode to, or the
// error it must fail with.
type encodeCase struct {
	name, lua, want, err string
}

func runEncodeCases(t *testing.T, cases []encodeCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			L := newState(t)
			L.SetGlobal("userdata", L.NewUserData())
			got, err := EncodeJSON(L, eval(t, L, "return "+c.lua), EncodeOptions{})
			switch {
			case c.err != "" && err == nil:
				t.Fatalf("got %s, want error %q", got, c.err)
			case c.err != "" && err.Error() != c.err:
				t.Fatalf("error %q, want %q", err, c.err)
			case c.err == "" && err != nil:
				t.Fatalf("error %v, want %s", err, c.want)
			case c.err == "" && string(got) != c.want:
				t.Fatalf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestEncodeJSONTables(t *testing.T) {
	runEncodeCases(t, []encodeCase{
		{name: "empty table is an object", lua: `{}`, want: `{}`},
		{name: "empty array-marked", lua: `array()`, want: `[]`},
		{name: "empty object-marked", lua: `object()`, want: `{}`},
		{name: "sequence is an array", lua: `{1, 2, 3}`, want: `[1,2,3]`},
		{name: "sequence built by index", lua: `(function() local t = {} t[2] = "b" t[1] = "a" return t end)()`, want: `["a","b"]`},
		{name: "sparse is an object", lua: `{[1] = 1, [3] = 3}`, want: `{"1":1,"3":3}`},
		{name: "mixed is an object", lua: `{1, a = 2}`, want: `{"1":1,"a":2}`},
		{name: "zero key is an object", lua: `{[0] = "z", [1] = "a"}`, want: `{"0":"z","1":"a"}`},
		{name: "negative key", lua: `{[-1] = true}`, want: `{"-1":true}`},
		{name: "object-marked sequence", lua: `object({"a", "b"})`, want: `{"1":"a","2":"b"}`},
		{name: "array-marked sequence", lua: `array({"a", "b"})`, want: `["a","b"]`},
		{name: "keys sorted by bytes", lua: `{b = 1, a = 2, B = 3, ["10"] = 4, ["9"] = 5}`, want: `{"10":4,"9":5,"B":3,"a":2,"b":1}`},
		{name: "integer keys sorted as strings", lua: `{[10] = 1, [9] = 2, x = 3}`, want: `{"10":1,"9":2,"x":3}`},
		{name: "nested", lua: `{spec = {containers = {{name = "a", ports = {{containerPort = 80}}}}}}`, want: `{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}}`},
		{name: "null in array keeps its place", lua: `{1, null, 3}`, want: `[1,null,3]`},
		{name: "null value", lua: `{a = null}`, want: `{"a":null}`},
		{name: "same table twice is not a cycle", lua: `(function() local x = {1} return {a = x, b = x} end)()`, want: `{"a":[1],"b":[1]}`},
		{name: "deleted keys are gone", lua: `(function() local t = {a = 1, b = 2} t.a = nil return t end)()`, want: `{"b":2}`},
		{name: "array with trailing removal", lua: `(function() local t = {1, 2, 3} t[3] = nil return t end)()`, want: `[1,2]`},
		{name: "foreign metatable is ignored", lua: `setmetatable({1, 2}, {__index = {}})`, want: `[1,2]`},
	})
}

func TestEncodeJSONScalars(t *testing.T) {
	runEncodeCases(t, []encodeCase{
		{name: "nil", lua: `nil`, want: `null`},
		{name: "null", lua: `null`, want: `null`},
		{name: "booleans", lua: `{true, false}`, want: `[true,false]`},
		{name: "integer", lua: `3`, want: `3`},
		{name: "integer-valued float", lua: `3.0`, want: `3`},
		{name: "negative zero", lua: `-0.0`, want: `0`},
		{name: "negative integer", lua: `-42`, want: `-42`},
		{name: "2^53", lua: `2^53`, want: `9007199254740992`},
		{name: "-2^53", lua: `-2^53`, want: `-9007199254740992`},
		{name: "beyond 2^53", lua: `2^53 + 2`, want: `9007199254740994`},
		{name: "1e20", lua: `1e20`, want: `100000000000000000000`},
		{name: "1e21", lua: `1e21`, want: `1e+21`},
		{name: "fraction", lua: `0.1`, want: `0.1`},
		{name: "one and a half", lua: `1.5`, want: `1.5`},
		{name: "small", lua: `1e-7`, want: `1e-7`},
		{name: "small negative", lua: `-2.5e-10`, want: `-2.5e-10`},
		{name: "1e-6 is not exponent", lua: `0.000001`, want: `0.000001`},
		{name: "third", lua: `1/3`, want: `0.3333333333333333`},
		{name: "string", lua: `"hello"`, want: `"hello"`},
		{name: "empty string", lua: `""`, want: `""`},
		{name: "escapes", lua: `"q\"b\\n\n r\r t\t \b \f \1 \31"`, want: `"q\"b\\n\n r\r t\t \b \f \u0001 \u001f"`},
		{name: "html is not escaped", lua: `"<a href='x'>&</a>"`, want: `"<a href='x'>&</a>"`},
		{name: "unicode passes through", lua: `"héllo 世界 😀"`, want: `"héllo 世界 😀"`},
		{name: "delete character passes through", lua: `"\127"`, want: "\"\x7f\""},
	})
}

func TestEncodeJSONErrors(t *testing.T) {
	runEncodeCases(t, []encodeCase{
		{name: "function with path", lua: `{spec = {containers = {{image = "a"}, {image = print}}}}`, err: `spec.containers[1].image: cannot encode a function`},
		{name: "top-level function", lua: `print`, err: `cannot encode a function`},
		{name: "userdata", lua: `{x = userdata}`, err: `x: cannot encode a userdata`},
		{name: "thread", lua: `{co = coroutine.create(function() end)}`, err: `co: cannot encode a thread`},
		{name: "cycle", lua: `(function() local t = {metadata = {}} t.metadata.labels = t return t end)()`, err: `metadata.labels: cycle (a table that contains itself)`},
		{name: "self cycle", lua: `(function() local t = {} t[1] = t return t end)()`, err: `[0]: cycle (a table that contains itself)`},
		{name: "NaN", lua: `{a = {b = {0/0}}}`, err: `a.b[0]: cannot encode NaN`},
		{name: "+Inf", lua: `{replicas = 1/0}`, err: `replicas: cannot encode +Inf`},
		{name: "-Inf", lua: `-1/0`, err: `cannot encode -Inf`},
		{name: "boolean key", lua: `{metadata = {[true] = 1}}`, err: `metadata: cannot use a boolean as an object key`},
		{name: "table key", lua: `{[{}] = 1}`, err: `cannot use a table as an object key`},
		{name: "float key", lua: `{[1.5] = 1}`, err: `cannot use non-integer number 1.5 as an object key`},
		{name: "huge key", lua: `{[2^60] = 1}`, err: `cannot use non-integer number 1.152921504606847e+18 as an object key`},
		{name: "string key in array-marked", lua: `{items = array({1, 2, name = "x"})}`, err: `items: array-marked table has key "name"`},
		{name: "hole in array-marked", lua: `array({[1] = 1, [3] = 3})`, err: `array-marked table has key 3`},
		{name: "duplicate key", lua: `{[1] = "a", ["1"] = "b"}`, err: `duplicate key "1" (a string and a number)`},
		{name: "invalid UTF-8", lua: `{data = {["app.kubernetes.io/name"] = "a\255b"}}`, err: `data["app.kubernetes.io/name"]: invalid UTF-8 in string`},
		{name: "invalid UTF-8 key", lua: `{["\255"] = 1}`, err: `["\xff"]: invalid UTF-8 in key`},
		{name: "error after array index", lua: `{{}, {{}, {f = print}}}`, err: `[1][1].f: cannot encode a function`},
	})
}

func TestEncodeJSONIndent(t *testing.T) {
	L := newState(t)
	v := eval(t, L, `return {kind = "Pod", spec = {containers = {{name = "a", args = array()}}, volumes = {{name = "v", emptyDir = {}}}}}`)
	got, err := EncodeJSON(L, v, EncodeOptions{Indent: 2})
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	var std any
	if err := json.Unmarshal([]byte(mustEncodeJSON(t, L, v)), &std); err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	if err := enc.Encode(std); err != nil {
		t.Fatal(err)
	}
	if string(got)+"\n" != want.String() {
		t.Errorf("indented output differs from encoding/json's:\n%s\nwant:\n%s", got, want.String())
	}
}

func TestAppendJSON(t *testing.T) {
	L := newState(t)
	out, err := AppendJSON(L, []byte("x="), eval(t, L, `return {1}`), EncodeOptions{})
	if err != nil || string(out) != "x=[1]" {
		t.Fatalf("got %q, %v; want x=[1]", out, err)
	}
	out, err = AppendJSON(L, []byte("x="), eval(t, L, `return {1, print}`), EncodeOptions{})
	if err == nil || string(out) != "x=" {
		t.Fatalf("on error got %q, %v; want the buffer unchanged and an error", out, err)
	}
}
