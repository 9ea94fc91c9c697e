package kube

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/internal/tabular"
	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
)

// kube.table(rows [, {columns = {...}}]) -> string: a script's own rows
// laid out as kube.table lays out the server's, so that reports read like
// kubectl's. A row is an array of cells, or a table keyed by column name.
func formatRows(L *lua.LState) int {
	a := args.New(L, "kube.table")
	rows := a.Table(1)
	columns := stringList(a, 2, a.Options(2, "columns").Table("columns"))
	out := make([][]string, 0, rows.Len())
	for i := 1; i <= rows.Len(); i++ {
		row, ok := rows.RawGetInt(i).(*lua.LTable)
		if !ok {
			a.Bad(1, "row %d: table expected, got %s", i, rows.RawGetInt(i).Type())
		}
		out = append(out, rowCells(L, row, columns))
	}
	L.Push(lua.LString(tabular.Format(columns, out)))
	return 1
}

// stringList reads the columns option: an array of strings.
func stringList(a args.Args, n int, t *lua.LTable) []string {
	if t == nil {
		return nil
	}
	var out []string
	for i := 1; i <= t.Len(); i++ {
		s, ok := t.RawGetInt(i).(lua.LString)
		if !ok {
			a.Bad(n, "columns[%d]: string expected, got %s", i, t.RawGetInt(i).Type())
		}
		out = append(out, string(s))
	}
	return out
}

// rowCells takes an array row's cells in order, or a keyed row's cells in
// the columns' order.
func rowCells(L *lua.LState, row *lua.LTable, columns []string) []string {
	var cells []string
	if n := row.Len(); n > 0 || len(columns) == 0 {
		for i := 1; i <= max(n, len(columns)); i++ {
			cells = append(cells, cell(L, row.RawGetInt(i)))
		}
		return cells
	}
	for _, c := range columns {
		cells = append(cells, cell(L, row.RawGetString(c)))
	}
	return cells
}

// cell shows one value: nil and json.null as kubectl's <none>, tables as
// compact JSON, anything else as tostring would.
func cell(L *lua.LState, v lua.LValue) string {
	switch {
	case v == lua.LNil || value.IsNull(L, v):
		return tabular.None
	case v.Type() == lua.LTTable:
		b, err := value.EncodeJSON(L, v, value.EncodeOptions{})
		if err != nil {
			return "<table>"
		}
		return string(b)
	}
	return L.ToStringMeta(v).String()
}
