package value

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// canonicalJSON re-encodes data with encoding/json: keys sorted, compact,
// numbers as float64. It is what our encoder must produce byte for byte
// (bar the HTML escaping encoding/json does by default, turned off here).
func canonicalJSON(t testing.TB, data []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func readObjects(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob("testdata/objects/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test objects: %v", err)
	}
	objects := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		objects[strings.TrimSuffix(filepath.Base(f), ".json")] = data
	}
	return objects
}

// TestJSONRoundTrip decodes real Kubernetes objects and encodes them back:
// the result must be exactly encoding/json's canonical form of the input,
// which checks both the structure ({} vs [], nulls) and the number text.
func TestJSONRoundTrip(t *testing.T) {
	for name, data := range readObjects(t) {
		t.Run(name, func(t *testing.T) {
			L := newState(t)
			got := mustEncodeJSON(t, L, mustDecodeJSON(t, L, string(data)))
			if want := canonicalJSON(t, data); got != string(want) {
				t.Errorf("round trip changed the object:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestJSONRoundTripKeepsShapes(t *testing.T) {
	L := newState(t)
	objects := readObjects(t)
	for name, want := range map[string][]string{
		"pod":        {`"emptyDir":{}`, `"args":[]`, `"resources":{}`, `"terminationGracePeriodSeconds":30`, `"expirationSeconds":3607`},
		"deployment": {`"replicas":3`, `"creationTimestamp":null`, `"value":""`, `"port":8080`},
		"service":    {`"loadBalancer":{}`, `"nodePort":31090`, `"targetPort":"metrics"`},
		"configmap":  {`"":""`, `"empty":""`, `"control":"\u0000\u001f"`, `"immutable":false`},
		"crd-object": {`"finalizers":[]`, `"labels":{}`, `"annotations":null`, `"matrix":[[],[[]],[[],[1,2]],[null,[null]]]`, `"big":9007199254740992`, `"tiny":1e-9`, `"huge":1.5e+300`, `"intKeys":{"1":"one","2":"two"}`},
	} {
		got := mustEncodeJSON(t, L, mustDecodeJSON(t, L, string(objects[name])))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: output lacks %s", name, w)
			}
		}
	}
}

// sameJSON reports whether a and b are equal JSON documents, comparing
// numbers as float64 and ignoring key order and whitespace.
func sameJSON(a, b []byte) (bool, error) {
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		return false, err
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		return false, err
	}
	return reflect.DeepEqual(va, vb), nil
}
