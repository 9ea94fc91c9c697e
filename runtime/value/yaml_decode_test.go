package value

import (
	"math"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
	"go.yaml.in/yaml/v3"
)

func decodeYAMLDoc(t *testing.T, L *lua.LState, src string) lua.LValue {
	t.Helper()
	docs, err := DecodeYAML(L, []byte(src))
	if err != nil {
		t.Fatalf("DecodeYAML(%q): %v", src, err)
	}
	if len(docs) != 1 {
		t.Fatalf("DecodeYAML(%q): %d documents, want 1", src, len(docs))
	}
	return docs[0]
}

func TestDecodeYAML(t *testing.T) {
	cases := []struct{ name, yaml, json string }{
		{"mapping", "b: 1\na: x\n", `{"a":"x","b":1}`},
		{"sequence", "- 1\n- two\n", `[1,"two"]`},
		{"empty flow mapping is an object", "a: {}\n", `{"a":{}}`},
		{"empty flow sequence is an array", "a: []\n", `{"a":[]}`},
		{"null spellings", "a: null\nb: ~\nc:\nd: Null\ne: NULL\n", `{"a":null,"b":null,"c":null,"d":null,"e":null}`},
		{"null in sequence keeps its place", "- 1\n- ~\n- 3\n", `[1,null,3]`},
		{"YAML 1.1 booleans stay strings", "a: yes\nb: on\nc: no\nd: off\ne: y\n", `{"a":"yes","b":"on","c":"no","d":"off","e":"y"}`},
		{"booleans", "a: true\nb: False\nc: TRUE\n", `{"a":true,"b":false,"c":true}`},
		{"integers", "a: 3\nb: -7\nc: +5\nd: 0x1F\ne: 0o17\nf: 1_000\ng: 0\n", `{"a":3,"b":-7,"c":5,"d":31,"e":15,"f":1000,"g":0}`},
		{"leading zero is yaml/v3's octal", "a: 017\n", `{"a":15}`},
		{"floats", "a: 1.5\nb: 1e3\nc: -0.25\nd: .5\n", `{"a":1.5,"b":1000,"c":-0.25,"d":0.5}`},
		{"quoted scalars are strings", "a: \"123\"\nb: 'true'\nc: \"\"\nd: !!str 7\n", `{"a":"123","b":"true","c":"","d":"7"}`},
		{"timestamps stay text", "a: 2001-12-14\nb: 2026-12-04T15:51:16Z\n", `{"a":"2001-12-14","b":"2026-12-04T15:51:16Z"}`},
		{"binary and custom tags stay text", "a: !!binary AAEC\nb: !Ref thing\n", `{"a":"AAEC","b":"thing"}`},
		{"block scalars", "a: |\n  one\n  two\nb: >\n  folded\n  text\n", `{"a":"one\ntwo\n","b":"folded text\n"}`},
		{"non-string keys become strings", "1: a\ntrue: b\n~: c\n1.5: d\n0x10: e\n", `{"1":"a","1.5":"d","16":"e","null":"c","true":"b"}`},
		{"alias", "base: &b {x: 1}\nuse: *b\n", `{"base":{"x":1},"use":{"x":1}}`},
		{"scalar alias", "a: &v hello\nb: *v\n", `{"a":"hello","b":"hello"}`},
		{"merge key", "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n", `{"base":{"x":1,"y":2},"use":{"x":1,"y":3}}`},
		{"explicit key before merge wins", "b: &b {x: 1}\nuse: {x: 0, <<: *b}\n", `{"b":{"x":1},"use":{"x":0}}`},
		{"earlier merge wins", "use:\n  <<: [{x: 1}, {x: 2, y: 2}]\n", `{"use":{"x":1,"y":2}}`},
		{"quoted << is a key", "'<<': 1\n", `{"<<":1}`},
		{"explicit null document", "--- null\n", `null`},
		{"unicode", "name: héllo 世界\n", `{"name":"héllo 世界"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			L := newState(t)
			if got := mustEncodeJSON(t, L, decodeYAMLDoc(t, L, c.yaml)); got != c.json {
				t.Errorf("got %s, want %s", got, c.json)
			}
		})
	}
}

func TestDecodeYAMLSpecialFloats(t *testing.T) {
	L := newState(t)
	v := decodeYAMLDoc(t, L, "- .inf\n- -.Inf\n- .nan\n").(*lua.LTable)
	a, b, c := float64(v.RawGetInt(1).(lua.LNumber)), float64(v.RawGetInt(2).(lua.LNumber)), float64(v.RawGetInt(3).(lua.LNumber))
	if !math.IsInf(a, 1) || !math.IsInf(b, -1) || !math.IsNaN(c) {
		t.Errorf("got %v %v %v, want +Inf -Inf NaN", a, b, c)
	}
}

// TestDecodeYAMLScalarsLikeYAMLv3 checks that scalars mean what they mean
// to yaml/v3 itself, fast path or not.
func TestDecodeYAMLScalarsLikeYAMLv3(t *testing.T) {
	for _, s := range []string{"0", "-0", "+12", "007", "0x_1F", "0b101", "-0o17", "1_000_000", "9223372036854775807",
		"9223372036854775808", "18446744073709551616", "1.0", "-1.5e-3", "1e+3", ".Inf", "true", "TRUE", "yes", "~", "''"} {
		L := newState(t)
		var want map[string]any
		if err := yaml.Unmarshal([]byte("v: "+s), &want); err != nil {
			t.Fatal(err)
		}
		got := decodeYAMLDoc(t, L, "v: "+s).(*lua.LTable).RawGetString("v")
		if !sameScalar(L, got, want["v"]) {
			t.Errorf("v: %s decoded to %v (%s), yaml/v3 says %#v", s, got, got.Type(), want["v"])
		}
	}
}

func sameScalar(L *lua.LState, got lua.LValue, want any) bool {
	switch w := want.(type) {
	case nil:
		return IsNull(L, got)
	case bool:
		return got == lua.LBool(w)
	case string:
		return got == lua.LString(w)
	case int:
		return got == lua.LNumber(w)
	case uint64:
		return got == lua.LNumber(w)
	case float64:
		return got == lua.LNumber(w)
	}
	return false
}

func TestDecodeYAMLDocuments(t *testing.T) {
	L := newState(t)
	docs, err := DecodeYAML(L, []byte("---\n---\na: 1\n---\n# only a comment\n---\n- 2\n...\n---\nnull\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, mustEncodeJSON(t, L, d))
	}
	if strings.Join(got, " ") != `{"a":1} [2] null` {
		t.Errorf("documents %v, want the three non-empty ones", got)
	}
	for _, empty := range []string{"", "\n", "---\n", "# comment\n", "---\n---\n"} {
		if docs, err := DecodeYAML(L, []byte(empty)); err != nil || len(docs) != 0 {
			t.Errorf("DecodeYAML(%q) = %d documents, %v; want none", empty, len(docs), err)
		}
	}
}

func TestDecodeYAMLAliasesAreCopies(t *testing.T) {
	L := newState(t)
	L.SetGlobal("v", decodeYAMLDoc(t, L, "a: &x {n: 1}\nb: *x\n"))
	if got := eval(t, L, `v.b.n = 2 return v.a.n`); got != lua.LNumber(1) {
		t.Errorf("changing the alias changed the anchor: a.n = %v", got)
	}
}

func TestDecodeYAMLErrors(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'j'; c++ {
		p := string(c - 1)
		bomb += string(c) + ": &" + string(c) + " [*" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + "]\n"
	}
	cases := []struct{ name, yaml, err string }{
		{"syntax error at the end", "a: 1\nb: [\n", `yaml: line 3, column 1: did not find expected node content`},
		{"bad indentation", "x: 1\n  y: 2\n", `yaml: line 2, column 4: mapping values are not allowed in this context`},
		{"syntax error on line 1", "a: b: c\n", `yaml: line 1, column 5: mapping values are not allowed in this context`},
		{"unclosed flow sequence", "a: 1\nb: [1, 2\nc: 3\n",
			`yaml: line 3, column 2: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 2, column 4)`},
		{"unclosed quote", "a: 'x\n", `yaml: line 2, column 1: found unexpected end of stream (while scanning a quoted scalar that starts at line 1, column 4)`},
		{"tab indentation", "a:\n\tb: 1\n", `yaml: line 2, column 1: found character that cannot start any token`},
		{"unknown escape", "k: \"\\q\"\n", `yaml: line 1, column 5: found unknown escape character (while scanning a quoted scalar that starts at line 1, column 4)`},
		{"error in a later document", "a: 1\n---\nb: c: d\n", `yaml: line 3, column 5: mapping values are not allowed in this context`},
		{"duplicate key", "a: 1\nb: 2\na: 3\n", `yaml: line 3, column 1: mapping key "a" already defined`},
		{"duplicate after conversion", "1: a\n\"1\": b\n", `yaml: line 2, column 1: mapping key "1" already defined`},
		{"mapping as key", "? {a: 1}\n: b\n", `yaml: line 1, column 3: mapping key must be a scalar`},
		{"alias cycle", "a: &x [1, *x]\n", `yaml: line 1, column 11: anchor "x" value contains itself`},
		{"merge of a scalar", "a:\n  <<: 1\n", `yaml: line 2, column 7: map merge requires map or sequence of maps as the value`},
		{"unknown anchor", "a: *nope\n", `yaml: line 1, column 4: unknown anchor 'nope' referenced`},
		{"bad explicit tag", "a: !!int abc\n", "yaml: line 1, column 4: cannot decode !!str `abc` as a !!int"},
		{"alias bomb", bomb, `yaml: line 2, column 24: document contains excessive aliasing`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			L := newState(t)
			docs, err := DecodeYAML(L, []byte(c.yaml))
			if err == nil {
				t.Fatalf("got %d documents, want error %q", len(docs), c.err)
			}
			if err.Error() != c.err {
				t.Errorf("\n got %s\nwant %s", err, c.err)
			}
		})
	}
}
