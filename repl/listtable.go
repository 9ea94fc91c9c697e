package repl

import (
	"fmt"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
	"k8s.io/apimachinery/pkg/util/duration"

	"github.com/klua/klua/kube"
)

// A list prints as a short table, one object a row, laid out as kube.table
// lays out the server's: kind, namespace, name, age, and status where
// the kind has one.

// listTable renders t if it is a list (kube.list's result: a *List kind
// with items) or an array of objects.
func (p *printer) listTable(t *lua.LTable) (string, bool) {
	kind := stringAt(t, "kind")
	items, ok := t.RawGetString("items").(*lua.LTable)
	switch {
	case ok && strings.HasSuffix(kind, "List"):
		kind = strings.TrimSuffix(kind, "List")
	case p.isArray(t) && allObjects(t):
		items, kind = t, ""
	default:
		return "", false
	}
	if items.Len() == 0 {
		return fmt.Sprintf("No resources found (an empty %sList).", kind), true
	}
	return p.formatRows(items, kind), true
}

func allObjects(t *lua.LTable) bool {
	for i := 1; i <= t.Len(); i++ {
		item, ok := t.RawGetInt(i).(*lua.LTable)
		if !ok || stringAt(item, "metadata", "name") == "" {
			return false
		}
	}
	return true
}

func (p *printer) formatRows(items *lua.LTable, kind string) string {
	n := items.Len()
	shown := n
	if !p.full && n > maxRows {
		shown = maxRows
	}
	var rows [][]any
	for i := 1; i <= shown; i++ {
		item, _ := items.RawGetInt(i).(*lua.LTable)
		rows = append(rows, p.row(item, kind))
	}
	out := kube.FormatTable(dropEmptyColumns([]string{"Kind", "Namespace", "Name", "Age", "Status"}, rows), false)
	if shown < n {
		out += fmt.Sprintf("# ... %d more rows (%d in all; %s)\n", n-shown, n, seeAll)
	}
	return strings.TrimSuffix(out, "\n")
}

func (p *printer) row(item *lua.LTable, kind string) []any {
	if k := stringAt(item, "kind"); k != "" {
		kind = k
	}
	return []any{kind, stringAt(item, "metadata", "namespace"), stringAt(item, "metadata", "name"),
		p.age(stringAt(item, "metadata", "creationTimestamp")), status(item, kind)}
}

// dropEmptyColumns leaves out the columns no row has a value in: no
// namespace for cluster-scoped objects, no status for kinds without one.
func dropEmptyColumns(names []string, rows [][]any) kube.Table {
	var t kube.Table
	var keep []int
	for c, name := range names {
		for _, r := range rows {
			if r[c] != "" {
				keep = append(keep, c)
				t.Columns = append(t.Columns, kube.TableColumn{Name: name})
				break
			}
		}
	}
	for _, r := range rows {
		cells := make([]any, len(keep))
		for i, c := range keep {
			cells[i] = r[c]
		}
		t.Rows = append(t.Rows, kube.TableRow{Cells: cells})
	}
	return t
}

// age is kubectl's AGE: "5s", "3m2s", "4h", "12d".
func (p *printer) age(created string) string {
	ts, err := time.Parse(time.RFC3339, created)
	if err != nil {
		return ""
	}
	return duration.HumanDuration(p.now().Sub(ts))
}

// status is the one word that tells how an object is doing, where its
// kind has one: a pod's phase or the reason it waits, readiness of a
// workload's replicas, a node's Ready condition, a namespace's phase.
func status(item *lua.LTable, kind string) string {
	st, ok := item.RawGetString("status").(*lua.LTable)
	if !ok {
		return ""
	}
	if kind == "Pod" {
		return podStatus(item, st)
	}
	if phase := stringAt(st, "phase"); phase != "" {
		return phase
	}
	if want, ok := numberAt(item, "spec", "replicas"); ok {
		ready, _ := numberAt(st, "readyReplicas")
		return fmt.Sprintf("%d/%d ready", ready, want)
	}
	return conditionsStatus(st)
}

func podStatus(pod, st *lua.LTable) string {
	if stringAt(pod, "metadata", "deletionTimestamp") != "" {
		return "Terminating"
	}
	if cs, ok := st.RawGetString("containerStatuses").(*lua.LTable); ok {
		for i := 1; i <= cs.Len(); i++ {
			c, _ := cs.RawGetInt(i).(*lua.LTable)
			if reason := stringAt(c, "state", "waiting", "reason"); reason != "" {
				return reason
			}
		}
	}
	return stringAt(st, "phase")
}

// conditionsStatus says Ready or NotReady when there is a Ready condition,
// else names the conditions that hold (a Job's Complete).
func conditionsStatus(st *lua.LTable) string {
	conds, ok := st.RawGetString("conditions").(*lua.LTable)
	if !ok {
		return ""
	}
	var held []string
	for i := 1; i <= conds.Len(); i++ {
		c, _ := conds.RawGetInt(i).(*lua.LTable)
		typ, holds := stringAt(c, "type"), stringAt(c, "status") == "True"
		if typ == "Ready" {
			if holds {
				return "Ready"
			}
			return "NotReady"
		}
		if holds {
			held = append(held, typ)
		}
	}
	return strings.Join(held, ",")
}

// stringAt reads a string down a path of keys, "" when absent.
func stringAt(t *lua.LTable, path ...string) string {
	v := valueAt(t, path...)
	s, _ := v.(lua.LString)
	return string(s)
}

func numberAt(t *lua.LTable, path ...string) (int64, bool) {
	n, ok := valueAt(t, path...).(lua.LNumber)
	return int64(n), ok
}

func valueAt(t *lua.LTable, path ...string) lua.LValue {
	var v lua.LValue = t
	for _, k := range path {
		tt, ok := v.(*lua.LTable)
		if !ok || tt == nil {
			return lua.LNil
		}
		v = tt.RawGetString(k)
	}
	return v
}
