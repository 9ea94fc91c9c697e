package value

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	lua "github.com/yuin/gopher-lua"
	"go.yaml.in/yaml/v3"
)

// benchItems is the size of the list the performance goal is stated for:
// 10,001 ConfigMaps, about 9.1 MB of JSON as the API server sends it.
const benchItems = 10001

var benchInput = sync.OnceValue(func() []byte { return configMapList(benchItems) })

// configMapList returns a ConfigMapList shaped like the API server's answer
// for ConfigMaps made with `kubectl create configmap --from-literal`: about
// half of each item is managedFields, as in real clusters.
func configMapList(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"2061203"},"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		writeConfigMap(&b, i)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func writeConfigMap(b *strings.Builder, i int) {
	ts := fmt.Sprintf("2026-12-04T15:%02d:%02dZ", i/60%60, i%60)
	fmt.Fprintf(b, `{"metadata":{"name":"bench-%05d","namespace":"bench","uid":"6f1b2c3d-%04x-4e5f-8a9b-%012x",`+
		`"resourceVersion":"%d","creationTimestamp":"%s",`+
		`"labels":{"app.kubernetes.io/name":"bench","app.kubernetes.io/part-of":"klua","index":"%d"},`+
		`"annotations":{"klua.dev/owner":"team-platform","klua.dev/checksum":"sha256:%032x"},`+
		`"managedFields":[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"%s","fieldsType":"FieldsV1",`+
		`"fieldsV1":{"f:data":{".":{},"f:config.yaml":{},"f:enabled":{},"f:replicas":{}},`+
		`"f:metadata":{"f:annotations":{".":{},"f:klua.dev/checksum":{},"f:klua.dev/owner":{}},`+
		`"f:labels":{".":{},"f:app.kubernetes.io/name":{},"f:app.kubernetes.io/part-of":{},"f:index":{}}}}}]},`+
		`"data":{"config.yaml":"server:\n  port: %d\n  host: bench-%05d.bench.svc\nlogging:\n  level: info\n","enabled":"true","replicas":"%d"}}`,
		i, i&0xffff, i*7919, 1000000+i, ts, i, i*104729, ts, 8000+i%1000, i, i%5+1)
}

func newBenchState(b *testing.B) *lua.LState {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	b.Cleanup(L.Close)
	return L
}

func BenchmarkDecodeJSON(b *testing.B) {
	data := benchInput()
	L := newBenchState(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := DecodeJSON(L, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeJSONStdlib is the baseline: encoding/json into map[string]any.
func BenchmarkDecodeJSONStdlib(b *testing.B) {
	data := benchInput()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var v map[string]any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeJSON(b *testing.B) {
	data := benchInput()
	L := newBenchState(b)
	v, err := DecodeJSON(L, data)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	var buf []byte
	for b.Loop() {
		if buf, err = AppendJSON(L, buf[:0], v, EncodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeJSONStdlib is the baseline: encoding/json from map[string]any.
func BenchmarkEncodeJSONStdlib(b *testing.B) {
	data := benchInput()
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := json.Marshal(v); err != nil {
			b.Fatal(err)
		}
	}
}

// benchYAML is the benchmark list as YAML, as yaml/v3 writes it.
var benchYAML = sync.OnceValues(func() ([]byte, error) {
	var v any
	if err := json.Unmarshal(benchInput(), &v); err != nil {
		return nil, err
	}
	return yaml.Marshal(v)
})

func BenchmarkDecodeYAML(b *testing.B) {
	data, err := benchYAML()
	if err != nil {
		b.Fatal(err)
	}
	L := newBenchState(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := DecodeYAML(L, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeYAMLStdlib is the baseline: yaml/v3 into map[string]any.
func BenchmarkDecodeYAMLStdlib(b *testing.B) {
	data, err := benchYAML()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var v map[string]any
		if err := yaml.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeYAML uses a tenth of the list to keep runs short; the
// time goes mostly to yaml/v3's emitter.
func BenchmarkEncodeYAML(b *testing.B) {
	L := newBenchState(b)
	v, err := DecodeJSON(L, configMapList(1000))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := EncodeYAML(L, v); err != nil {
			b.Fatal(err)
		}
	}
}
