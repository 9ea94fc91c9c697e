package value

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// maxDepth bounds nesting on both decode and encode, as encoding/json does,
// so hostile input cannot exhaust the stack.
const maxDepth = 10000

// maxSafeInteger is 2^53: every integer up to it is exact in a float64.
const maxSafeInteger = 1 << 53

// member is one entry of a table being encoded: its Lua key (nil for the
// array part, whose key is index, to save boxing it), the string key it is
// written under (objects), its index if the key is a positive integer, and
// its value.
type member struct {
	lkey  lua.LValue
	key   string
	index int
	value lua.LValue
}

// walker holds what every encoder needs while descending a Lua value: the
// path for error messages, the tables being visited (a table reachable from
// itself is a cycle) and scratch space for table members, shared by all
// levels so that encoding a table allocates nothing for its members.
type walker struct {
	m       *markers
	path    path
	parents []*lua.LTable
	members []member
}

func newWalker(L *lua.LState) walker {
	return walker{m: markersOf(L)}
}

// enter records that t is being visited. A table already on the way down is
// a cycle; a linear scan beats a map at the depths real data has.
func (w *walker) enter(t *lua.LTable) error {
	for _, p := range w.parents {
		if p == t {
			return w.path.errorf("cycle (a table that contains itself)")
		}
	}
	if len(w.parents) >= maxDepth {
		return w.path.errorf(fmt.Sprintf("nested deeper than %d levels", maxDepth))
	}
	w.parents = append(w.parents, t)
	return nil
}

// leave undoes enter and drops the members collected for t since start.
func (w *walker) leave(start int) {
	w.parents = w.parents[:len(w.parents)-1]
	clear(w.members[start:])
	w.members = w.members[:start]
}

// scalarError describes a value no format can hold.
func (w *walker) scalarError(v lua.LValue) error {
	switch v := v.(type) {
	case lua.LNumber:
		return w.path.errorf("cannot encode " + strconv.FormatFloat(float64(v), 'g', -1, 64))
	case lua.LString:
		return w.path.errorf("invalid UTF-8 in string")
	}
	return w.path.errorf("cannot encode a " + v.Type().String())
}

// collect appends t's members to w.members, arrays in index order and
// objects sorted by key, and reports whether t is an array.
func (w *walker) collect(t *lua.LTable) (bool, error) {
	start := len(w.members)
	seq, maxIndex := w.gather(t)
	members := w.members[start:]
	seq = seq && maxIndex == len(members)
	switch {
	case t.Metatable == w.m.array && !seq:
		return false, w.path.errorf("array-marked table has key " + describeKey(firstNonIndex(members)))
	case t.Metatable == w.m.array, t.Metatable != w.m.object && seq && len(members) > 0:
		if !slices.IsSortedFunc(members, byIndex) {
			slices.SortFunc(members, byIndex)
		}
		return true, nil
	}
	return false, w.objectKeys(members)
}

// gather appends t's entries to w.members. It reports whether every key is
// a positive integer, and the largest. It reads the array part by index and
// the rest with Next, which hands out the table's own boxed keys: ForEach
// would box every key again.
func (w *walker) gather(t *lua.LTable) (seq bool, maxIndex int) {
	seq = true
	n := t.MaxN()
	for i := 1; i <= n; i++ {
		if v := t.RawGetInt(i); v != lua.LNil {
			w.members = append(w.members, member{index: i, value: v})
			maxIndex = i
		}
	}
	var start lua.LValue = lua.LNil // Next(nil) starts at the beginning...
	if n > 0 {
		start = lua.LNumber(n) // ...Next(n) after the array part read above
	}
	for k, v := t.Next(start); k != lua.LNil; k, v = t.Next(k) {
		m := member{lkey: k, value: v}
		if num, ok := k.(lua.LNumber); ok && isInteger(float64(num)) && num >= 1 {
			m.index = int(num)
			maxIndex = max(maxIndex, m.index)
		} else {
			seq = false
		}
		w.members = append(w.members, m)
	}
	return seq, maxIndex
}

// objectKeys fills in the string key of every member and sorts them. Integer
// keys become their decimal string, as JSON has nothing else for them.
func (w *walker) objectKeys(members []member) error {
	for i := range members {
		m := &members[i]
		if m.index > 0 {
			m.key = strconv.Itoa(m.index)
			continue
		}
		switch k := m.lkey.(type) {
		case lua.LString:
			m.key = string(k)
		case lua.LNumber:
			if !isInteger(float64(k)) {
				return w.path.errorf("cannot use non-integer number " + describeKey(k) + " as an object key")
			}
			m.key = strconv.FormatInt(int64(k), 10)
		default:
			return w.path.errorf("cannot use a " + k.Type().String() + " as an object key")
		}
	}
	slices.SortFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) })
	for i := 1; i < len(members); i++ {
		if members[i].key == members[i-1].key {
			return w.path.errorf(fmt.Sprintf("duplicate key %q (a string and a number)", members[i].key))
		}
	}
	return nil
}

func byIndex(a, b member) int { return a.index - b.index }

// luaKey returns m's key as Lua has it.
func (m *member) luaKey() lua.LValue {
	if m.lkey == nil {
		return lua.LNumber(m.index)
	}
	return m.lkey
}

// firstNonIndex finds a key that keeps members from being the sequence 1..n.
func firstNonIndex(members []member) lua.LValue {
	for i := range members {
		if m := &members[i]; m.index < 1 || m.index > len(members) {
			return m.luaKey()
		}
	}
	return lua.LNil
}

func describeKey(k lua.LValue) string {
	switch k := k.(type) {
	case lua.LString:
		return strconv.Quote(string(k))
	case lua.LNumber:
		return strconv.FormatFloat(float64(k), 'g', -1, 64)
	}
	return k.String()
}

// isInteger reports whether f is a whole number that float64 holds exactly,
// which is when it is written without a fraction or exponent.
func isInteger(f float64) bool {
	return f == math.Trunc(f) && f >= -maxSafeInteger && f <= maxSafeInteger
}
