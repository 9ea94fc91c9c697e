package kube

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/stdlib/internal/args"
)

// Allowed options, by function.
var (
	getOptions    = []string{"namespace", "resourceVersion", "subresource", "ignoreNotFound"}
	listOptions   = []string{"namespace", "allNamespaces", "labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "managedFields"}
	createOptions = []string{"namespace", "dryRun", "fieldManager"}
	updateOptions = []string{"namespace", "dryRun", "fieldManager", "subresource", "resource"}
	patchOptions  = []string{"namespace", "type", "dryRun", "fieldManager", "subresource"}
	applyOptions  = []string{"namespace", "dryRun", "fieldManager", "force", "subresource", "resource"}
	deleteOptions = []string{"namespace", "dryRun", "propagationPolicy", "gracePeriodSeconds", "ignoreNotFound"}
	tableOptions  = []string{"namespace", "allNamespaces", "labelSelector", "fieldSelector", "limit"}
)

// resolve reads argument n as a resource name and resolves it.
func (m *Module) resolve(a args.Args, n int) kube.Resource {
	r, err := m.client.Resolve(ctx(a.L), a.String(n))
	if err != nil {
		raise(a.L, a.Fn, err)
	}
	return r
}

// kube.get(resource, name [, opts]) -> object
func (m *Module) get(L *lua.LState) int {
	a := args.New(L, "kube.get")
	r := m.resolve(a, 1)
	name := a.String(2)
	o := a.Options(3, getOptions...)
	body, err := m.client.Get(ctx(L), r, name, readOptions(o))
	if err != nil {
		if o.Bool("ignoreNotFound") && kube.IsNotFound(err) {
			L.Push(lua.LNil)
			return 1
		}
		raise(L, a.Fn, err)
	}
	return push(L, a.Fn, body)
}

// kube.create(object [, opts]) -> object
func (m *Module) create(L *lua.LState) int {
	a := args.New(L, "kube.create")
	t, obj := checkObject(a, 1)
	opts := readOptions(a.Options(2, createOptions...))
	obj.Body = encodeObject(a, 1, t)
	body, err := m.client.Create(ctx(L), obj, opts)
	return m.wrote(L, a.Fn, "created", obj, opts, body, err)
}

// kube.update(object [, opts]) -> object
func (m *Module) update(L *lua.LState) int {
	a := args.New(L, "kube.update")
	t, obj := checkObject(a, 1)
	opts := m.writeOptions(a, 2, updateOptions)
	obj.Body = encodeObject(a, 1, t)
	body, err := m.client.Update(ctx(L), obj, opts)
	return m.wrote(L, a.Fn, "updated", obj, opts, body, err)
}

// kube.apply(object [, opts]) -> object (server-side apply)
func (m *Module) apply(L *lua.LState) int {
	a := args.New(L, "kube.apply")
	t, obj := checkObject(a, 1)
	opts := m.writeOptions(a, 2, applyOptions)
	obj.Body = encodeObject(a, 1, t)
	body, err := m.client.Apply(ctx(L), obj, opts)
	return m.wrote(L, a.Fn, "applied", obj, opts, body, err)
}

// wrote finishes a write of a whole object: raise its error, say when it
// was only a dry run, and push what the server answered.
func (m *Module) wrote(L *lua.LState, op, verb string, obj kube.Object, opts kube.Options, body []byte, err error) int {
	if err != nil {
		raise(L, op, err)
	}
	if opts.DryRun || m.client.DryRun() {
		m.Notice(fmt.Sprintf("dry run: %s %s %q (the server changed nothing)", verb, obj.Kind, obj.Name))
	}
	return push(L, op, body)
}

// writeOptions reads the options of a write of a whole object, resolving
// opts.resource (for subresources such as a Deployment's Scale).
func (m *Module) writeOptions(a args.Args, n int, allowed []string) kube.Options {
	o := a.Options(n, allowed...)
	opts := readOptions(o)
	if name := o.String("resource"); name != "" {
		r, err := m.client.Resolve(ctx(a.L), name)
		if err != nil {
			raise(a.L, a.Fn, err)
		}
		opts.Resource = &r
	}
	return opts
}
