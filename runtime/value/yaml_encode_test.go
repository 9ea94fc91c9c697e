package value

import (
	"testing"
)

func TestEncodeYAML(t *testing.T) {
	cases := []struct{ name, lua, want string }{
		{"kubectl layout", `{apiVersion = "v1", kind = "ConfigMap", metadata = {name = "x", labels = {}},
			list = {1, 2.5, true, null, {a = 1, b = {}}}, empty = array()}`, `apiVersion: v1
empty: []
kind: ConfigMap
list:
- 1
- 2.5
- true
- null
- a: 1
  b: {}
metadata:
  labels: {}
  name: x
`},
		{"strings that would read as something else are quoted", `{a = "yes", b = "123", c = "true", d = "null",
			e = "", f = "1:20", g = "on", h = "~", i = "0x1F", j = "1e3", k = "plain text", l = "- x", m = "a: b"}`, `a: "yes"
b: "123"
c: "true"
d: "null"
e: ""
f: "1:20"
g: "on"
h: "~"
i: "0x1F"
j: "1e3"
k: plain text
l: '- x'
m: 'a: b'
`},
		{"keys that would read as something else are quoted", `{["1"] = "a", ["true"] = "b", yes = "c"}`, `"1": a
"true": b
"yes": c
`},
		{"multi-line strings are literal blocks", `{script = "set -e\necho hi\n", nofinal = "a\nb"}`, `nofinal: |-
  a
  b
script: |
  set -e
  echo hi
`},
		{"numbers", `{int = 3, whole = 3.0, big = 2^53, frac = 0.1, tiny = 1e-7, huge = 1e21, neg = -2}`, `big: 9007199254740992
frac: 0.1
huge: 1e+21
int: 3
neg: -2
tiny: 1e-7
whole: 3
`},
		{"nested sequences", `{{1, 2}, {3}, array()}`, `- - 1
  - 2
- - 3
- []
`},
		{"top-level string", `"hello"`, "hello\n"},
		{"top-level nil", `nil`, "null\n"},
		{"long strings are not wrapped", `{s = string.rep("word ", 30)}`, "s: 'word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word '\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			L := newState(t)
			got, err := EncodeYAML(L, eval(t, L, "return "+c.lua))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

func TestEncodeYAMLErrors(t *testing.T) {
	cases := []struct{ name, lua, err string }{
		{"function with path", `{spec = {containers = {{image = print}}}}`, `spec.containers[0].image: cannot encode a function`},
		{"NaN", `{a = 0/0}`, `a: cannot encode NaN`},
		{"cycle", `(function() local t = {metadata = {}} t.metadata.labels = t return t end)()`, `metadata.labels: cycle (a table that contains itself)`},
		{"bad key", `{[true] = 1}`, `cannot use a boolean as an object key`},
		{"invalid UTF-8", `{a = "\255"}`, `a: invalid UTF-8 in string`},
		{"invalid UTF-8 key", `{["\255"] = 1}`, `["\xff"]: invalid UTF-8 in key`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			L := newState(t)
			out, err := EncodeYAML(L, eval(t, L, "return "+c.lua))
			if err == nil || err.Error() != c.err {
				t.Errorf("got %q, %v; want error %q", out, err, c.err)
			}
		})
	}
}

// TestYAMLRoundTrip takes real objects through YAML and back: nothing of
// {} vs [], null, numbers or strings may change.
func TestYAMLRoundTrip(t *testing.T) {
	for name, data := range readObjects(t) {
		t.Run(name, func(t *testing.T) {
			L := newState(t)
			out, err := EncodeYAML(L, mustDecodeJSON(t, L, string(data)))
			if err != nil {
				t.Fatal(err)
			}
			docs, err := DecodeYAML(L, out)
			if err != nil || len(docs) != 1 {
				t.Fatalf("decoding our YAML: %d documents, %v\n%s", len(docs), err, out)
			}
			if got, want := mustEncodeJSON(t, L, docs[0]), string(canonicalJSON(t, data)); got != want {
				t.Errorf("YAML round trip changed the object:\n got %s\nwant %s\nyaml:\n%s", got, want, out)
			}
		})
	}
}
