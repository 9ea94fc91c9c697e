package value

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

var jsonSeeds = []string{
	`{}`, `[]`, `null`, `[1,null,3]`, `{"emptyDir":{}}`, `{"a":[{},[],null,""]}`,
	`0`, `-0`, `1.5`, `1e21`, `1e-7`, `123456789012345678`, `9007199254740993`, `1e400`,
	`"\ud83d\ude00"`, `"\ud83d"`, "\"\xff\"", `"\u0000"`, `{"a":1,"a":2}`, `{"1":1,"2":2}`,
	` [ 1 , { "x" : true } ] `, `[`, `{"a"`, `tru`, `"\x"`, `01`,
}

// FuzzJSONRoundTrip checks that for any input encoding/json accepts,
// decoding to Lua and encoding back gives the same document, and that we
// reject exactly what encoding/json rejects.
func FuzzJSONRoundTrip(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	for _, data := range readObjects(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var std any
		stdErr := json.Unmarshal(data, &std)
		L := newBareState(t)
		v, err := DecodeJSON(L, data)
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("DecodeJSON error %v, encoding/json error %v", err, stdErr)
		}
		if err != nil {
			if _, ok := errors.AsType[*SyntaxError](err); !ok {
				t.Fatalf("error %v is %T, not *SyntaxError", err, err)
			}
			return
		}
		if hasUnsafeInteger(data) {
			t.Skip("integers beyond 2^53 lose precision by design")
		}
		out, err := EncodeJSON(L, v, EncodeOptions{})
		if err != nil {
			t.Fatalf("EncodeJSON: %v", err)
		}
		if same, err := sameJSON(data, out); err != nil || !same {
			t.Fatalf("round trip changed the document (%v):\n in %s\nout %s", err, data, out)
		}
		again, err := EncodeJSON(L, mustDecodeJSON(t, L, string(out)), EncodeOptions{})
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("encoding is not stable (%v):\n first %s\nsecond %s", err, out, again)
		}
	})
}

// hasUnsafeInteger reports whether data holds an integer literal that a
// float64 cannot hold exactly.
func hasUnsafeInteger(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if n, ok := tok.(json.Number); ok && !strings.ContainsAny(string(n), ".eE") {
			if f, err := n.Float64(); err == nil && math.Abs(f) > maxSafeInteger {
				return true
			}
		}
	}
}

var yamlSeeds = []string{
	"", "---\n---\n", "a: 1\n", "- a\n- b\n", "a: &x {b: 1}\nc: *x\n", "a: &x [*x]\n",
	"<<: {a: 1}\nb: 2\n", "a: {<<: [{x: 1}, {x: 2, y: 3}], x: 0}\n", "? [a]\n: b\n",
	"a: yes\nb: on\nc: ~\nd:\ne: 0x1F\nf: 1_000\ng: .inf\nh: .nan\ni: 2001-12-14\n",
	"a: !!binary AAEC\nb: !custom x\nc: !!str 1\n", "1: a\ntrue: b\n~: c\n1.5: d\n", "a: b: c\n",
	"a: |\n  line\n  two\n", "'1:20': \"1:20\"\n", "- [1, 2]\n- {a: [], b: {}}\n",
	"a: 1\na: 2\n", "*unknown\n", "--- null\n", "--- |\n  x\n",
}

// FuzzYAMLDecode checks that any input decodes or fails with an error,
// never a panic, and that what decodes encodes to YAML that decodes back
// the same (unless it holds NaN or Inf, which klua refuses to encode).
func FuzzYAMLDecode(f *testing.F) {
	for _, s := range yamlSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		L := newBareState(t)
		docs, err := DecodeYAML(L, data)
		if err != nil {
			if _, ok := errors.AsType[*SyntaxError](err); !ok {
				t.Fatalf("error %v is %T, not *SyntaxError", err, err)
			}
			return
		}
		for _, doc := range docs {
			want, err := EncodeJSON(L, doc, EncodeOptions{})
			if err != nil {
				continue // NaN, Inf
			}
			out, err := EncodeYAML(L, doc)
			if err != nil {
				t.Fatalf("EncodeYAML of a decoded document: %v", err)
			}
			back, err := DecodeYAML(L, out)
			if err != nil || len(back) != 1 {
				t.Fatalf("our YAML does not decode back (%v, %d documents):\n%s", err, len(back), out)
			}
			got, err := EncodeJSON(L, back[0], EncodeOptions{})
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("YAML round trip changed the value (%v):\n in %s\nout %s\nyaml:\n%s", err, want, got, out)
			}
		}
	})
}

// newBareState is a state without the standard libraries, which are not
// needed here and cost more to open than a fuzz input takes to check.
func newBareState(t testing.TB) *lua.LState {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	t.Cleanup(L.Close)
	return L
}
