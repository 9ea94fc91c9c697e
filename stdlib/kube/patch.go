package kube

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
)

// kube.patch(resource, name, patch [, opts]) -> object
//
// opts.type is "merge" (the default), "strategic" or "json"; patch is a
// table (a list of operations for "json") or a string sent as is.
func (m *Module) patch(L *lua.LState) int {
	a := args.New(L, "kube.patch")
	r := m.resolve(a, 1)
	name := a.String(2)
	o := a.Options(4, patchOptions...)
	patchType := o.String("type")
	if patchType == "" {
		patchType = "merge"
	}
	if !validPatchType(patchType) {
		a.Bad(4, "option \"type\": %q is not a patch type; allowed: merge, strategic, json", patchType)
	}
	patch := patchBody(a, 3, patchType)
	opts := readOptions(o)
	body, err := m.client.Patch(ctx(L), r, name, patchType, patch, opts)
	if err != nil {
		raise(L, a.Fn, err)
	}
	if opts.DryRun || m.client.DryRun() {
		m.Notice(fmt.Sprintf("dry run: patched %s (the server changed nothing)", kube.Target(r, name)))
	}
	return push(L, a.Fn, body)
}

func validPatchType(t string) bool {
	for _, known := range kube.PatchTypes() {
		if t == known {
			return true
		}
	}
	return false
}

// patchBody encodes the patch argument. A JSON patch is a list of
// operations, so a table given for one is encoded as an array even when
// it is empty.
func patchBody(a args.Args, n int, patchType string) []byte {
	switch v := a.L.Get(n).(type) {
	case lua.LString:
		return []byte(v)
	case *lua.LTable:
		if patchType == "json" && v.Len() == 0 {
			value.MarkArray(a.L, v)
		}
		return encodeObject(a, n, v)
	}
	a.Expected(n, "table or string")
	return nil
}

// kube.delete(resource, name [, opts]) or kube.delete(object [, opts])
//
// Returns what the server answered: the object while finalizers hold it,
// or a Status; nil with opts.ignoreNotFound when there was nothing to
// delete.
func (m *Module) delete(L *lua.LState) int {
	a := args.New(L, "kube.delete")
	var r kube.Resource
	var name string
	var o args.Options
	if _, isObject := L.Get(1).(*lua.LTable); isObject {
		r, name, o = m.deleteTarget(a)
	} else {
		r = m.resolve(a, 1)
		name = a.String(2)
		o = a.Options(3, deleteOptions...)
	}
	opts := readOptions(o)
	body, err := m.client.Delete(ctx(L), r, name, opts)
	if err != nil {
		if o.Bool("ignoreNotFound") && kube.IsNotFound(err) {
			L.Push(lua.LNil)
			return 1
		}
		raise(L, a.Fn, err)
	}
	if opts.DryRun || m.client.DryRun() {
		m.Notice(fmt.Sprintf("dry run: deleted %s (the server changed nothing)", kube.Target(r, name)))
	}
	return push(L, a.Fn, body)
}

// deleteTarget reads kube.delete(object [, opts]): the object's kind,
// name and namespace say what to delete.
func (m *Module) deleteTarget(a args.Args) (kube.Resource, string, args.Options) {
	_, obj := checkObject(a, 1)
	o := a.Options(2, deleteOptions...)
	if obj.Name == "" {
		a.Bad(1, "the %s has no metadata.name", obj.Kind)
	}
	r, err := m.client.ResolveKind(ctx(a.L), obj.APIVersion, obj.Kind)
	if err != nil {
		raise(a.L, a.Fn, err)
	}
	if ns := o.String("namespace"); obj.Namespace != "" && ns != "" && ns != obj.Namespace {
		a.Bad(2, "the object's namespace %q contradicts the namespace option %q", obj.Namespace, ns)
	}
	if obj.Namespace != "" && r.Namespaced {
		o = a.OptionsOf(2, withNamespace(a.L, o, obj.Namespace), deleteOptions...)
	}
	return r, obj.Name, o
}

// withNamespace copies an options table with namespace set.
func withNamespace(L *lua.LState, o args.Options, ns string) *lua.LTable {
	t := L.NewTable()
	for _, k := range deleteOptions {
		if v := o.Value(k); v != lua.LNil {
			t.RawSetString(k, v)
		}
	}
	t.RawSetString("namespace", lua.LString(ns))
	return t
}
