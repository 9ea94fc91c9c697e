package repl

import (
	"fmt"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime/value"
)

func testPrinter(t *testing.T, full bool) (*printer, *lua.LState) {
	t.Helper()
	L := lua.NewState()
	t.Cleanup(L.Close)
	p := newPrinter(L, full, func(v lua.LValue) string { return L.ToStringMeta(v).String() })
	p.now = func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }
	return p, L
}

func decode(t *testing.T, L *lua.LState, js string) lua.LValue {
	t.Helper()
	v, err := value.DecodeJSON(L, []byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFormatObjectInTheAPIsOrder(t *testing.T) {
	p, L := testPrinter(t, false)
	pod := decode(t, L, `{"status":{"phase":"Running"},"spec":{"containers":[{"image":"nginx","name":"web","ports":[{"protocol":"TCP","containerPort":80}]}],"nodeName":"n1"},
		"metadata":{"labels":{"app":"web"},"name":"web-1","namespace":"default","managedFields":[{},{}]},"kind":"Pod","apiVersion":"v1"}`)
	want := strings.Join([]string{
		"apiVersion: v1",
		"kind: Pod",
		"metadata:",
		"  name: web-1",
		"  namespace: default",
		"  labels:",
		"    app: web",
		"  managedFields: # 2 entries hidden (:all shows everything)",
		"spec:",
		"  nodeName: n1",
		"  containers:",
		"  - name: web",
		"    image: nginx",
		"    ports:",
		"    - containerPort: 80",
		"      protocol: TCP",
		"status:",
		"  phase: Running",
	}, "\n")
	if got := p.format(pod); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestFormatScalarsAndStrings(t *testing.T) {
	p, L := testPrinter(t, false)
	for _, tc := range []struct{ js, want string }{
		{`"plain"`, "plain"},
		{`{"a":"","b":"true","c":"12","d":"x: y","e":null,"f":[],"g":{},"h":"-n","i":"- x"}`,
			"a: \"\"\nb: \"true\"\nc: \"12\"\nd: \"x: y\"\ne: null\nf: []\ng: {}\nh: -n\ni: \"- x\""},
		{`{"script":"line 1\nline 2\n"}`, "script: |\n  line 1\n  line 2"},
		{`[1,"two",[3]]`, "- 1\n- two\n- - 3"},
	} {
		if got := p.format(decode(t, L, tc.js)); got != tc.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.js, got, tc.want)
		}
	}
}

func TestFormatCutsLongArrays(t *testing.T) {
	var items []string
	for i := range 25 {
		items = append(items, fmt.Sprint(i))
	}
	js := "[" + strings.Join(items, ",") + "]"
	p, L := testPrinter(t, false)
	got := p.format(decode(t, L, js))
	if lines := strings.Split(got, "\n"); len(lines) != maxItems+1 || lines[maxItems] != "# ... 5 more items (25 in all; :all shows everything)" {
		t.Errorf("cut array:\n%s", got)
	}
	full, L := testPrinter(t, true)
	if got := full.format(decode(t, L, js)); strings.Count(got, "\n") != 24 {
		t.Errorf("full array:\n%s", got)
	}
}

func TestFormatListAsTable(t *testing.T) {
	p, L := testPrinter(t, false)
	list := decode(t, L, `{"apiVersion":"v1","kind":"PodList","metadata":{},"items":[
		{"metadata":{"name":"web-1","namespace":"default","creationTimestamp":"2025-01-02T03:00:00Z"},"status":{"phase":"Running"}},
		{"metadata":{"name":"web-2","namespace":"default","creationTimestamp":"2025-01-01T03:00:00Z"},
		 "status":{"phase":"Pending","containerStatuses":[{"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}]}`)
	want := "KIND   NAMESPACE   NAME    AGE    STATUS\n" +
		"Pod    default     web-1   4m5s   Running\n" +
		"Pod    default     web-2   24h    CrashLoopBackOff"
	if got := p.format(list); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	nodes := decode(t, L, `{"kind":"NamespaceList","items":[{"metadata":{"name":"default"}}]}`)
	if got := p.format(nodes); got != "KIND        NAME\nNamespace   default" {
		t.Errorf("cluster-scoped list without status:\n%s", got)
	}
	empty := decode(t, L, `{"kind":"PodList","items":[]}`)
	if got := p.format(empty); got != "No resources found (an empty PodList)." {
		t.Errorf("empty list: %q", got)
	}
}

func TestStatus(t *testing.T) {
	_, L := testPrinter(t, false)
	for _, tc := range []struct{ kind, js, want string }{
		{"Deployment", `{"spec":{"replicas":3},"status":{"readyReplicas":2}}`, "2/3 ready"},
		{"Node", `{"status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}]}}`, "Ready"},
		{"Job", `{"status":{"conditions":[{"type":"Complete","status":"True"}]}}`, "Complete"},
		{"Pod", `{"metadata":{"deletionTimestamp":"x"},"status":{"phase":"Running"}}`, "Terminating"},
		{"ConfigMap", `{"data":{}}`, ""},
	} {
		if got := status(decode(t, L, tc.js).(*lua.LTable), tc.kind); got != tc.want {
			t.Errorf("%s %s: status %q, want %q", tc.kind, tc.js, got, tc.want)
		}
	}
}
