package kube

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestDecodeObjectDropsManagedFields(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"only member", `{"metadata":{"managedFields":[{"a":1}]}}`, `{"metadata":{}}`},
		{"first", `{"metadata":{"managedFields":[],"name":"a"}}`, `{"metadata":{"name":"a"}}`},
		{"middle", `{"metadata":{"name":"a","managedFields":[{"x":"]}"}],"uid":"u"}}`, `{"metadata":{"name":"a","uid":"u"}}`},
		{"last", `{"metadata":{"name":"a","managedFields":[]}}`, `{"metadata":{"name":"a"}}`},
		{"spaces", "{ \"metadata\" : { \"name\" : \"a\" ,\n \"managedFields\" : [ 1 ] \n } }", "{ \"metadata\" : { \"name\" : \"a\" \n } }"},
		{"spaces first", `{"metadata":{ "managedFields": null , "name":"a"}}`, `{"metadata":{ "name":"a"}}`},
		{"two in a row, last", `{"metadata":{"name":"a","managedFields":1,"managedFields":2}}`, `{"metadata":{"name":"a"}}`},
		{"two in a row, only", `{"metadata":{"managedFields":1,"managedFields":2}}`, `{"metadata":{}}`},
		{"two apart", `{"metadata":{"managedFields":1,"name":"a","managedFields":2}}`, `{"metadata":{"name":"a"}}`},
		{"escaped key", `{"metadata":{"name":"a","managed\u0046ields":[]}}`, `{"metadata":{"name":"a"}}`},
		{"not in metadata", `{"spec":{"managedFields":[]},"metadata":{}}`, `{"spec":{"managedFields":[]},"metadata":{}}`},
		{"nested metadata", `{"spec":{"metadata":{"managedFields":[]}}}`, `{"spec":{"metadata":{"managedFields":[]}}}`},
		{"metadata not an object", `{"metadata":"managedFields"}`, `{"metadata":"managedFields"}`},
		{"no metadata", `{"kind":"X"}`, `{"kind":"X"}`},
		{"empty", `{}`, `{}`},
		{"other key with the name as value", `{"metadata":{"name":"managedFields"}}`, `{"metadata":{"name":"managedFields"}}`},
		{"two metadata", `{"metadata":{"managedFields":1},"metadata":{"name":"a","managedFields":2}}`, `{"metadata":{},"metadata":{"name":"a"}}`},
		{"surrounding space", "  {\"metadata\":{\"managedFields\":1}}\n", `{"metadata":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := decodeObject([]byte(tt.in), false)
			if err != nil {
				t.Fatal(err)
			}
			if string(o.Raw) != tt.want {
				t.Errorf("got  %s\nwant %s", o.Raw, tt.want)
			}
			if cap(o.Raw) != len(o.Raw) {
				t.Errorf("Raw has capacity %d for %d bytes: it should be an exact copy", cap(o.Raw), len(o.Raw))
			}
		})
	}
}

func TestDecodeObjectKeepsManagedFields(t *testing.T) {
	in := `{"metadata":{"name":"a","managedFields":[{"manager":"m"}]}}`
	o, err := decodeObject([]byte(in), true)
	if err != nil {
		t.Fatal(err)
	}
	if string(o.Raw) != in {
		t.Errorf("got %s, want it unchanged", o.Raw)
	}
}

func TestDecodeObjectMetadata(t *testing.T) {
	tests := []struct {
		name, in             string
		ns, nm, uid, rv, key string
	}{
		{"namespaced", `{"metadata":{"namespace":"ns","name":"a","uid":"u1","resourceVersion":"7"}}`, "ns", "a", "u1", "7", "ns/a"},
		{"cluster-scoped", `{"metadata":{"name":"node1","resourceVersion":"9"}}`, "", "node1", "", "9", "node1"},
		{"escapes", `{"metadata":{"name":"a\u002db","namespace":"n\"s"}}`, `n"s`, "a-b", "", "", `n"s/a-b`},
		{"not strings", `{"metadata":{"name":null,"namespace":3}}`, "", "", "", "", ""},
		{"deep fields ignored", `{"spec":{"name":"x"},"metadata":{"labels":{"name":"y"},"name":"a"}}`, "", "a", "", "", "a"},
		{"last wins", `{"metadata":{"name":"a","name":"b"}}`, "", "b", "", "", "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := decodeObject([]byte(tt.in), false)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{o.namespace(), o.name(), o.uid(), o.resourceVersion(), o.Key()}
			want := []string{tt.ns, tt.nm, tt.uid, tt.rv, tt.key}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestDecodeObjectRejectsInvalid(t *testing.T) {
	for _, in := range []string{``, `[]`, `"x"`, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":1 "b":2}`,
		`{"metadata":{"name":"a"`, `{"a":"x}`, `{} {}`, `{"a":[1,2}`} {
		if o, err := decodeObject([]byte(in), false); err == nil {
			t.Errorf("decodeObject(%q) = %s, want an error", in, o.Raw)
		}
	}
}

func TestDecodeList(t *testing.T) {
	body := `{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"c1"},` +
		`"items":[{"metadata":{"name":"a","namespace":"n","managedFields":[{}]}} , {"metadata":{"name":"b","namespace":"n"}}]}`
	l, err := decodeList([]byte(body), false)
	if err != nil {
		t.Fatal(err)
	}
	if l.ResourceVersion != "42" || l.Continue != "c1" || len(l.Items) != 2 {
		t.Fatalf("got rv %q continue %q, %d items", l.ResourceVersion, l.Continue, len(l.Items))
	}
	if got := string(l.Items[0].Raw); got != `{"metadata":{"name":"a","namespace":"n"}}` {
		t.Errorf("item 0: %s", got)
	}
	if l.Items[1].Key() != "n/b" {
		t.Errorf("item 1 key %q", l.Items[1].Key())
	}
	for _, empty := range []string{`{"metadata":{},"items":[]}`, `{"metadata":{},"items":null}`, `{"metadata":{}}`} {
		if l, err := decodeList([]byte(empty), false); err != nil || len(l.Items) != 0 {
			t.Errorf("decodeList(%s) = %v, %v", empty, l, err)
		}
	}
	if _, err := decodeList([]byte(`{"items":[{},]`), false); err == nil {
		t.Error("a truncated list decoded")
	}
}

// FuzzDecodeObject checks decodeObject against encoding/json: for any
// valid JSON object, the output is valid JSON that decodes to the input
// without metadata.managedFields, and the metadata fields read are the
// ones encoding/json sees. Invalid input must not make it panic.
func FuzzDecodeObject(f *testing.F) {
	for _, s := range []string{
		`{"metadata":{"name":"a","namespace":"b","managedFields":[{"manager":"x","fieldsV1":{"f:data":{}}}],"uid":"u"}}`,
		`{"metadata":{"managedFields":1,"managedFields":2}}`,
		`{"metadata":{"managed\u0046ields":1, "name" : "\u00e9"}}`,
		`{"metadata":{"name":"a"},"metadata":{"managedFields":[]}}`,
		`{"kind":"X","spec":{"metadata":{"managedFields":[]}}}`,
		`{ "metadata" : { } }`,
		`{"metadata":{"name":"\xff"}}`,
		`{"metadata":{"name":"a"},"metadata":1}`,
		`[{"metadata":{}}]`,
		`null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		o, err := decodeObject(in, false)
		var want map[string]any
		if decodeStrict(in, &want) != nil || want == nil {
			return // invalid or not an object: only no panic is asked
		}
		if err != nil {
			t.Fatalf("decodeObject(%q): %v", in, err)
		}
		var got map[string]any
		if err := decodeStrict(o.Raw, &got); err != nil {
			t.Fatalf("decodeObject(%q) = %q: invalid JSON: %v", in, o.Raw, err)
		}
		meta, _ := want["metadata"].(map[string]any)
		delete(meta, "managedFields")
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decodeObject(%q) = %q\ngot  %v\nwant %v", in, o.Raw, got, want)
		}
		for field, value := range map[string]string{"name": o.name(), "namespace": o.namespace(),
			"uid": o.uid(), "resourceVersion": o.resourceVersion()} {
			if s, _ := meta[field].(string); s != value {
				t.Fatalf("decodeObject(%q): %s = %q, want %q", in, field, value, s)
			}
		}
	})
}

// decodeStrict decodes one JSON value with numbers kept as written.
func decodeStrict(b []byte, v any) error {
	if !json.Valid(b) {
		return errors.New("invalid JSON")
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

func TestRawObjectSetters(t *testing.T) {
	o, err := decodeObject([]byte(`{"metadata":{"namespace":"ns","name":"a","uid":"u","resourceVersion":"1"}}`), false)
	if err != nil {
		t.Fatal(err)
	}
	o.SetResourceVersion("22")
	o.SetName("bb")
	o.SetNamespace("")
	o.SetUID("uuu")
	got := []string{o.GetNamespace(), o.GetName(), string(o.GetUID()), o.GetResourceVersion(), o.Key()}
	if want := []string{"", "bb", "uuu", "22", "bb"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if c := o.DeepCopyObject().(*RawObject); c.Key() != "bb" || &c.Raw[0] != &o.Raw[0] {
		t.Errorf("DeepCopyObject: %q, raw shared %v", c.Key(), &c.Raw[0] == &o.Raw[0])
	}
}

func TestDropManagedFields(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"items", `{"kind":"List","metadata":{"managedFields":"list's own"},"items":[{"metadata":{"name":"a","managedFields":[{"f":{}}]}},{"metadata":{"managedFields":[],"name":"b"},"data":{"managedFields":"kept"}}]}`,
			`{"kind":"List","metadata":{"managedFields":"list's own"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"},"data":{"managedFields":"kept"}}]}`},
		{"none to drop", `{"items":[{"metadata":{"name":"a"}}]}`, `{"items":[{"metadata":{"name":"a"}}]}`},
		{"no items", `{"items":null}`, `{"items":null}`},
		{"empty items", `{"items":[ ]}`, `{"items":[ ]}`},
		{"item not an object", `{"items":[1,{"metadata":{"managedFields":1}}]}`, `{"items":[1,{"metadata":{}}]}`},
		{"truncated: left whole", `{"items":[{"metadata":{"managedFields":1}}`, `{"items":[{"metadata":{"managedFields":1}}`},
		{"not JSON: left whole", `<html>`, `<html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(DropManagedFields([]byte(tt.in))); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
