// Package kube is the Lua module "kube": the Kubernetes API as Lua
// functions over plain tables. Objects cross between the API's JSON and
// Lua through runtime/value, never through map[string]any.
package kube

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
)

// Module is the kube module bound to one cluster's client.
type Module struct {
	client *kube.Client
	// Connect makes a client for another context or kubeconfig
	// (kube.connect); nil disables kube.connect.
	Connect func(context, kubeconfig string) (*kube.Client, error)
	// Notice reports things a user must know but that are not output,
	// such as a write that was only a dry run.
	Notice func(msg string)
}

// New binds the module to client.
func New(client *kube.Client) *Module {
	return &Module{client: client, Notice: func(string) {}}
}

// SetClient rebinds the module, and every function taken from it, to
// another client: the REPL's :ns and :ctx. Call it on the Lua goroutine,
// which is the only one that reads it; running watches keep their client.
func (m *Module) SetClient(c *kube.Client) { m.client = c }

// Client is the client the module's functions use.
func (m *Module) Client() *kube.Client { return m.client }

// functions maps the Lua names to their implementations. Each is bound to
// the default client in the module table, and to its own client in the
// methods of client objects (kube.connect).
var functions = map[string]func(*Module, *lua.LState) int{
	"get":     (*Module).get,
	"list":    (*Module).list,
	"each":    (*Module).each,
	"create":  (*Module).create,
	"update":  (*Module).update,
	"patch":   (*Module).patch,
	"apply":   (*Module).apply,
	"delete":  (*Module).delete,
	"request": (*Module).request,
	"table":   (*Module).table,
	"config":  (*Module).config,
	"connect": (*Module).connect,

	"watch":     (*Module).watch,
	"reconcile": (*Module).reconcile,
	"wait":      (*Module).wait,

	"retry_on_conflict": (*Module).retryOnConflict,
}

// Loader is the module's loader for L.PreloadModule("kube", m.Loader).
func (m *Module) Loader(L *lua.LState) int {
	registerErrorType(L)
	registerClientType(L)
	registerHandleType(L)
	mod := L.NewTable()
	for name, fn := range functions {
		mod.RawSetString(name, L.NewFunction(func(L *lua.LState) int { return fn(m, L) }))
	}
	L.Push(mod)
	return 1
}
