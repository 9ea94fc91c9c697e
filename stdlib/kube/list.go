package kube

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
)

// kube.list(resource [, opts]) -> list
//
// Without opts.limit the whole collection comes back: it is asked for in
// one request, not by pages of 500 as kubectl does, because the result is
// held in memory whole anyway and 21 round trips made a list of 10,000
// objects take half again as long (docs/benchmarks.md); continue tokens
// are still followed, for a server that pages on its own. With opts.limit
// one page comes back, with metadata.continue for the next.
func (m *Module) list(L *lua.LState) int {
	a := args.New(L, "kube.list")
	r := m.resolve(a, 1)
	o := a.Options(2, listOptions...)
	opts, keepMF := readOptions(o), o.Bool("managedFields")
	if opts.Limit > 0 {
		L.Push(m.listPage(a, r, opts, keepMF))
		return 1
	}
	list := m.listPage(a, r, opts, keepMF)
	items := listItems(L, list)
	for cont := continueToken(list); cont != ""; {
		opts.Continue = cont
		page := m.listPage(a, r, opts, keepMF)
		pageItems := listItems(L, page)
		for i := 1; i <= pageItems.Len(); i++ {
			items.Append(pageItems.RawGetInt(i))
		}
		list.RawSetString("metadata", page.RawGetString("metadata"))
		cont = continueToken(page)
	}
	if md, ok := list.RawGetString("metadata").(*lua.LTable); ok {
		md.RawSetString("continue", lua.LNil)
	}
	L.Push(list)
	return 1
}

// kube.each(resource, opts, fn): calls fn(item) for every object, holding
// one page in memory at a time; fn returning false stops early.
func (m *Module) each(L *lua.LState) int {
	a := args.New(L, "kube.each")
	r := m.resolve(a, 1)
	o := a.Options(2, listOptions...)
	opts, keepMF := readOptions(o), o.Bool("managedFields")
	fn := a.Function(3)
	if opts.Limit <= 0 {
		opts.Limit = kube.DefaultPageSize
	}
	for {
		page := m.listPage(a, r, opts, keepMF)
		items := listItems(L, page)
		for i := 1; i <= items.Len(); i++ {
			L.Push(fn)
			L.Push(items.RawGetInt(i))
			L.Call(1, 1)
			stop := L.Get(-1) == lua.LFalse
			L.Pop(1)
			if stop {
				return 0
			}
		}
		if opts.Continue = continueToken(page); opts.Continue == "" {
			return 0
		}
	}
}

// listPage is one list request's response, without the items'
// managedFields unless keepManagedFields: like kubectl's output, a list
// leaves them out by default, for they are most of a list's nested
// tables (three quarters of them for typical ConfigMaps) and scripts
// rarely read them.
func (m *Module) listPage(a args.Args, r kube.Resource, opts kube.Options, keepManagedFields bool) *lua.LTable {
	body, err := m.client.List(ctx(a.L), r, opts)
	if err != nil {
		raise(a.L, a.Fn, err)
	}
	if !keepManagedFields {
		body = kube.DropManagedFields(body)
	}
	v, err := value.DecodeJSON(a.L, body)
	if err != nil {
		raise(a.L, a.Fn, err)
	}
	t, ok := v.(*lua.LTable)
	if !ok {
		a.Raise("the server's list of %s is not an object", r)
	}
	return t
}

// listItems returns the list's items, creating an empty array when the
// server sent none (it omits "items" for an empty list of some kinds).
func listItems(L *lua.LState, list *lua.LTable) *lua.LTable {
	items, ok := list.RawGetString("items").(*lua.LTable)
	if !ok {
		items = value.MarkArray(L, L.NewTable())
		list.RawSetString("items", items)
	}
	return items
}

func continueToken(list *lua.LTable) string {
	md, ok := list.RawGetString("metadata").(*lua.LTable)
	if !ok {
		return ""
	}
	return stringField(md, "continue")
}

// kube.table(resource [, opts]) -> string: the columns kubectl prints.
// kube.table(rows [, opts]) -> string: see formatRows.
func (m *Module) table(L *lua.LState) int {
	if L.Get(1).Type() == lua.LTTable {
		return formatRows(L)
	}
	a := args.New(L, "kube.table")
	r := m.resolve(a, 1)
	opts := readOptions(a.Options(2, tableOptions...))
	out, err := m.client.Table(ctx(L), r, opts)
	if err != nil {
		raise(L, a.Fn, err)
	}
	L.Push(lua.LString(out))
	return 1
}
