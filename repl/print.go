package repl

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime/value"
)

// Pretty printing. A result prints as YAML-like text, objects with their
// keys in the API's order; a kube.list result (or an array of objects) as
// a short table. Long arrays, maps, strings and tables are cut with a note
// that :all prints the last result in full.

// Cuts, unless the printer is full.
const (
	maxItems = 20 // array items
	maxKeys  = 50 // keys of a map
	maxLines = 20 // lines of a string
	maxRows  = 50 // rows of a list's table
)

const seeAll = ":all shows everything"

type printer struct {
	L        *lua.LState
	full     bool
	tostring func(lua.LValue) string // tostring(v) with its metamethod, protected
	now      func() time.Time
	seen     map[*lua.LTable]bool
}

func newPrinter(L *lua.LState, full bool, tostring func(lua.LValue) string) *printer {
	return &printer{L: L, full: full, tostring: tostring, now: time.Now, seen: map[*lua.LTable]bool{}}
}

// format renders one result: strings as they are (kube.table's output
// reads as a table), tables as text.
func (p *printer) format(v lua.LValue) string {
	switch v := v.(type) {
	case lua.LString:
		return string(v)
	case *lua.LTable:
		if hasToString(v) {
			return p.tostring(v)
		}
		if s, ok := p.listTable(v); ok {
			return s
		}
		if s, ok := p.scalar(v); ok {
			return s
		}
		return strings.Join(p.lines("", v), "\n")
	}
	s, _ := p.scalar(v)
	return s
}

func hasToString(t *lua.LTable) bool {
	mt, ok := t.Metatable.(*lua.LTable)
	return ok && mt.RawGetString("__tostring") != lua.LNil
}

// scalar renders what fits after "key: ": everything but non-empty
// tables and multi-line strings.
func (p *printer) scalar(v lua.LValue) (string, bool) {
	switch v := v.(type) {
	case *lua.LNilType:
		return "nil", true
	case lua.LBool, lua.LNumber:
		return v.String(), true
	case lua.LString:
		if strings.Contains(string(v), "\n") {
			return "", false
		}
		return quote(string(v)), true
	case *lua.LUserData:
		if value.IsNull(p.L, v) {
			return "null", true
		}
		return p.tostring(v), true
	case *lua.LTable:
		if hasToString(v) {
			return p.tostring(v), true
		}
		if isEmpty(v) {
			if value.IsArray(p.L, v) {
				return "[]", true
			}
			return "{}", true
		}
		return "", false
	}
	return p.tostring(v), true
}

func isEmpty(t *lua.LTable) bool {
	k, _ := t.Next(lua.LNil)
	return k == lua.LNil
}

// lines renders a table or a multi-line string found under parent, one
// entry a line, without indentation.
func (p *printer) lines(parent string, v lua.LValue) []string {
	t, ok := v.(*lua.LTable)
	if !ok {
		return p.stringLines(string(lua.LVAsString(v)))
	}
	if p.seen[t] {
		return []string{"# (a table that contains itself)"}
	}
	p.seen[t] = true
	defer delete(p.seen, t)
	if p.isArray(t) {
		return p.arrayLines(parent, t)
	}
	return p.mapLines(parent, t)
}

func (p *printer) isArray(t *lua.LTable) bool {
	if value.IsArray(p.L, t) {
		return true
	}
	if value.IsObject(p.L, t) || t.Len() == 0 {
		return false
	}
	n := 0
	t.ForEach(func(lua.LValue, lua.LValue) { n++ })
	return n == t.Len()
}

func (p *printer) arrayLines(parent string, t *lua.LTable) []string {
	var out []string
	n := t.Len()
	shown := n
	if !p.full && n > maxItems {
		shown = maxItems
	}
	for i := 1; i <= shown; i++ {
		out = append(out, p.entry("- ", parent, t.RawGetInt(i), false)...)
	}
	if shown < n {
		out = append(out, fmt.Sprintf("# ... %d more items (%d in all; %s)", n-shown, n, seeAll))
	}
	return out
}

func (p *printer) mapLines(parent string, t *lua.LTable) []string {
	keys, others := tableKeys(t)
	sortKeys(parent, keys)
	var out []string
	shown := 0
	for _, k := range keys {
		if !p.full && shown == maxKeys {
			out = append(out, fmt.Sprintf("# ... %d more keys (%s)", len(keys)+len(others)-shown, seeAll))
			return out
		}
		shown++
		v := t.RawGetString(k)
		if k == "managedFields" && parent == "metadata" && !p.full {
			out = append(out, fmt.Sprintf("managedFields: # %d entries hidden (%s)", lenOf(v), seeAll))
			continue
		}
		out = append(out, p.entry(quote(k)+":", k, v, true)...)
	}
	for _, k := range others {
		out = append(out, p.entry("["+p.tostring(k)+"]:", parent, t.RawGet(k), true)...)
	}
	return out
}

// entry renders "key: value" (or "- value"): scalars on the line,
// strings as blocks, maps indented below, arrays below at the key's
// level as kubectl writes them.
func (p *printer) entry(head, key string, v lua.LValue, isKey bool) []string {
	if s, ok := p.scalar(v); ok {
		return []string{joinHead(head, s)}
	}
	if s, ok := v.(lua.LString); ok {
		return append([]string{joinHead(head, "|")}, indent(p.stringLines(string(s)), "  ")...)
	}
	sub := p.lines(key, v)
	if !isKey {
		return append([]string{head + sub[0]}, indent(sub[1:], "  ")...)
	}
	if t, ok := v.(*lua.LTable); ok && p.isArray(t) {
		return append([]string{head}, sub...)
	}
	return append([]string{head}, indent(sub, "  ")...)
}

func joinHead(head, s string) string {
	if strings.HasSuffix(head, " ") {
		return head + s
	}
	return head + " " + s
}

func (p *printer) stringLines(s string) []string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if !p.full && len(lines) > maxLines {
		n := len(lines)
		lines = append(lines[:maxLines], fmt.Sprintf("# ... %d more lines (%s)", n-maxLines, seeAll))
	}
	return lines
}

func indent(lines []string, by string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = by + l
	}
	return out
}

// tableKeys returns the string keys, and the others (numbers, booleans)
// sorted by their text.
func tableKeys(t *lua.LTable) ([]string, []lua.LValue) {
	var keys []string
	var others []lua.LValue
	t.ForEach(func(k, _ lua.LValue) {
		if s, ok := k.(lua.LString); ok {
			keys = append(keys, string(s))
		} else {
			others = append(others, k)
		}
	})
	sort.Slice(others, func(i, j int) bool {
		a, aNum := others[i].(lua.LNumber)
		b, bNum := others[j].(lua.LNumber)
		if aNum && bNum {
			return a < b
		}
		return others[i].String() < others[j].String()
	})
	return keys, others
}

func lenOf(v lua.LValue) int {
	if t, ok := v.(*lua.LTable); ok {
		return t.Len()
	}
	return 0
}

// quote quotes a string that would read as something else in YAML: empty,
// a number, a boolean or null, or with characters that mean syntax.
func quote(s string) string {
	if needsQuotes(s) {
		return strconv.Quote(s)
	}
	return s
}

func needsQuotes(s string) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return true
	}
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off", "~":
		return true
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return true
	}
	if strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`") && s != "-" {
		return !(s[0] == '-' && len(s) > 1 && s[1] != ' ')
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return true
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			return true
		}
	}
	return false
}
