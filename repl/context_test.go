package repl

import (
	"reflect"
	"testing"
)

func TestCompletionContext(t *testing.T) {
	seg := func(name string, sep byte) segment { return segment{name: name, sep: sep} }
	for _, tc := range []struct {
		before string
		want   cursorContext
	}{
		{`kube.ge`, cursorContext{kind: inName, base: []segment{seg("kube", 0)}, sep: '.', word: "ge"}},
		{`pri`, cursorContext{kind: inName, word: "pri"}},
		{`x = pod.spec.con`, cursorContext{kind: inName, base: []segment{seg("pod", 0), seg("spec", '.')}, sep: '.', word: "con"}},
		{`pod.spec.`, cursorContext{kind: inName, base: []segment{seg("pod", 0), seg("spec", '.')}, sep: '.'}},
		{`s:up`, cursorContext{kind: inName, base: []segment{seg("s", 0)}, sep: ':', word: "up"}},
		{`pod.spec.containers[1].na`, cursorContext{kind: inName, base: []segment{seg("pod", 0), seg("spec", '.'),
			seg("containers", '.'), {name: "1", sep: '[', index: true}}, sep: '.', word: "na"}},
		{`whi`, cursorContext{kind: inName, word: "whi"}},
		{`kube.get("dep`, cursorContext{kind: inString, fn: "kube.get", arg: 1, word: "dep", quoted: true}},
		{`kube.get('pods', "we`, cursorContext{kind: inString, fn: "kube.get", arg: 2, first: "pods", word: "we", quoted: true}},
		{`print(kube.list("po`, cursorContext{kind: inString, fn: "kube.list", arg: 1, word: "po", quoted: true}},
		{`kube.list("pods", {labelSelector = "a=b", namespace = "kube-`, cursorContext{kind: inString, key: "namespace", word: "kube-", quoted: true}},
		{`kube.list("pods", {namespace=`, cursorContext{kind: inString, key: "namespace"}},
		{`kube.get(`, cursorContext{kind: inString, fn: "kube.get", arg: 1}},
		{`c:get("pods", `, cursorContext{kind: inString, fn: "c:get", arg: 2, first: "pods"}},
		{`x = "a" .. y`, cursorContext{kind: inName, word: "y"}},
		{`-- kube.ge`, cursorContext{}},
		{`x = 1 `, cursorContext{}},
		{`f().`, cursorContext{}},
		{`s = [[kube.ge`, cursorContext{kind: inString, word: "kube.ge", quoted: true}},
	} {
		t.Run(tc.before, func(t *testing.T) {
			if got := completionContext(tc.before); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
