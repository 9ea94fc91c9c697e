package kube

import (
	"fmt"
	"reflect"
	"testing"

	"k8s.io/client-go/tools/cache"
)

func rawObj(ns, name, uid, rv string) *RawObject {
	raw := fmt.Sprintf(`{"metadata":{"namespace":%q,"name":%q,"uid":%q,"resourceVersion":%q}}`, ns, name, uid, rv)
	o, err := decodeObject([]byte(raw), false)
	if err != nil {
		panic(err)
	}
	return o
}

func TestEventHandler(t *testing.T) {
	a1, a2 := rawObj("ns", "a", "u1", "1"), rawObj("ns", "a", "u1", "2")
	a1again := rawObj("ns", "a", "u1", "1")
	aNew := rawObj("ns", "a", "u2", "3")
	node := rawObj("", "n", "u9", "4")
	tests := []struct {
		name        string
		skipInitial bool
		call        func(h eventHandler)
		want        []string // "TYPE key object-rv old-rv"
	}{
		{"add", false, func(h eventHandler) { h.OnAdd(a1, false) }, []string{"ADDED ns/a 1 -"}},
		{"initial add", false, func(h eventHandler) { h.OnAdd(a1, true) }, []string{"ADDED ns/a 1 -"}},
		{"initial add skipped", true, func(h eventHandler) { h.OnAdd(a1, true) }, nil},
		{"later add not skipped", true, func(h eventHandler) { h.OnAdd(a1, false) }, []string{"ADDED ns/a 1 -"}},
		{"update", false, func(h eventHandler) { h.OnUpdate(a1, a2) }, []string{"MODIFIED ns/a 2 1"}},
		{"relist of the same version", false, func(h eventHandler) { h.OnUpdate(a1, a1again) }, nil},
		{"recreated meanwhile", false, func(h eventHandler) { h.OnUpdate(a2, aNew) },
			[]string{"DELETED ns/a 2 -", "ADDED ns/a 3 -"}},
		{"delete", false, func(h eventHandler) { h.OnDelete(a2) }, []string{"DELETED ns/a 2 -"}},
		{"cluster-scoped", false, func(h eventHandler) { h.OnDelete(node) }, []string{"DELETED n 4 -"}},
		{"missed delete", false, func(h eventHandler) {
			h.OnDelete(cache.DeletedFinalStateUnknown{Key: "ns/a", Obj: a2})
		}, []string{"DELETED ns/a 2 -"}},
		{"missed delete, state unknown", false, func(h eventHandler) {
			h.OnDelete(cache.DeletedFinalStateUnknown{Key: "ns/gone"})
		}, []string{"DELETED ns/gone - -"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			h := eventHandler{skipInitial: tt.skipInitial, deliver: func(ev WatchEvent) {
				got = append(got, fmt.Sprintf("%s %s %s %s", ev.Type, ev.Key, rvOf(ev.Object), rvOf(ev.Old)))
			}}
			tt.call(h)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// rvOf reads the resourceVersion of raw JSON, or "-" for none.
func rvOf(raw []byte) string {
	if raw == nil {
		return "-"
	}
	o, err := decodeObject(raw, true)
	if err != nil {
		return "invalid"
	}
	return o.resourceVersion()
}
