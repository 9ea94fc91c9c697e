package kube

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/stdlib/internal/args"
)

const clientTypeName = "kube.Client"

// registerClientType creates the metatable of client objects, whose
// methods are the module's functions bound to that client:
// client:get("pods", "web").
func registerClientType(L *lua.LState) {
	mt := L.NewTypeMetatable(clientTypeName)
	methods := L.NewTable()
	for name, fn := range functions {
		methods.RawSetString(name, L.NewFunction(method(name, fn)))
	}
	L.SetField(mt, "__index", methods)
	L.SetField(mt, "__tostring", L.NewFunction(clientToString))
}

// method adapts a module function to a method call: it takes the client
// off the stack, so argument numbers in messages count as in a plain call.
func method(name string, fn func(*Module, *lua.LState) int) lua.LGFunction {
	return func(L *lua.LState) int {
		m := checkClient(L, "client:"+name)
		L.Remove(1)
		return fn(m, L)
	}
}

func checkClient(L *lua.LState, fn string) *Module {
	ud, ok := L.Get(1).(*lua.LUserData)
	if m, isModule := udModule(ud, ok); isModule {
		return m
	}
	args.New(L, fn).Raise("called without a client (use client:%s(...), not client.%s(...))", fn[len("client:"):], fn[len("client:"):])
	return nil
}

func udModule(ud *lua.LUserData, ok bool) (*Module, bool) {
	if !ok {
		return nil, false
	}
	m, ok := ud.Value.(*Module)
	return m, ok
}

func clientToString(L *lua.LState) int {
	m := checkClient(L, "client:tostring")
	info, err := m.client.Info()
	if err != nil {
		L.Push(lua.LString("kube.Client (unconfigured)"))
		return 1
	}
	L.Push(lua.LString("kube.Client(" + info.Context + " " + info.Server + ")"))
	return 1
}

// kube.connect{context=, kubeconfig=} -> client
func (m *Module) connect(L *lua.LState) int {
	a := args.New(L, "kube.connect")
	o := a.OptionsOf(1, a.Table(1), "context", "kubeconfig")
	if m.Connect == nil {
		a.Raise("connecting to other clusters is not available here")
	}
	client, err := m.Connect(o.String("context"), o.String("kubeconfig"))
	if err != nil {
		raise(L, a.Fn, err)
	}
	if _, err := client.Info(); err != nil {
		raise(L, a.Fn, err)
	}
	other := &Module{client: client, Connect: m.Connect, Notice: m.Notice}
	ud := L.NewUserData()
	ud.Value = other
	L.SetMetatable(ud, L.GetTypeMetatable(clientTypeName))
	L.Push(ud)
	return 1
}

// kube.config() -> {context=, cluster=, server=, namespace=, user=}
//
// Nothing secret: no tokens, keys or passwords.
func (m *Module) config(L *lua.LState) int {
	info, err := m.client.Info()
	if err != nil {
		raise(L, "kube.config", err)
	}
	t := L.NewTable()
	for k, v := range map[string]string{"context": info.Context, "cluster": info.Cluster,
		"server": info.Server, "namespace": info.Namespace, "user": info.User} {
		if v != "" {
			t.RawSetString(k, lua.LString(v))
		}
	}
	L.Push(t)
	return 1
}
