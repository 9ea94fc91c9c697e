package kube

import (
	"context"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
)

// ctx is the run's context: cancelling the run (Ctrl-C, --timeout) aborts
// the request in flight.
func ctx(L *lua.LState) context.Context {
	if c := L.Context(); c != nil {
		return c
	}
	return context.Background()
}

// checkObject reads argument n as an object to write: a table with
// apiVersion, kind and metadata, encoded to JSON by the value rules.
func checkObject(a args.Args, n int) (*lua.LTable, kube.Object) {
	t := a.Table(n)
	meta, _ := t.RawGetString("metadata").(*lua.LTable)
	obj := kube.Object{
		APIVersion: stringField(t, "apiVersion"),
		Kind:       stringField(t, "kind"),
	}
	if meta != nil {
		obj.Name = stringField(meta, "name")
		obj.GenerateName = stringField(meta, "generateName")
		obj.Namespace = stringField(meta, "namespace")
	}
	switch {
	case obj.APIVersion == "":
		a.Bad(n, "the object has no apiVersion")
	case obj.Kind == "":
		a.Bad(n, "the object has no kind")
	}
	return t, obj
}

// encodeObject encodes an object's table, raising an error that names the
// field at fault.
func encodeObject(a args.Args, n int, t lua.LValue) []byte {
	body, err := value.EncodeJSON(a.L, t, value.EncodeOptions{})
	if err != nil {
		a.Bad(n, "%s", err)
	}
	return body
}

func stringField(t *lua.LTable, key string) string {
	s, _ := t.RawGetString(key).(lua.LString)
	return string(s)
}

// push decodes the server's JSON answer onto the stack.
func push(L *lua.LState, op string, body []byte) int {
	v, err := value.DecodeJSON(L, body)
	if err != nil {
		raise(L, op, err)
	}
	L.Push(v)
	return 1
}

// readOptions turns an options table into kube.Options. Only the names the
// function allowed can be present: args.Options checked them.
func readOptions(o args.Options) kube.Options {
	opts := kube.Options{
		Namespace:         o.String("namespace"),
		AllNamespaces:     o.Bool("allNamespaces"),
		LabelSelector:     o.String("labelSelector"),
		FieldSelector:     o.String("fieldSelector"),
		Continue:          o.String("continue"),
		ResourceVersion:   o.String("resourceVersion"),
		Subresource:       o.String("subresource"),
		FieldManager:      o.String("fieldManager"),
		Force:             o.Bool("force"),
		PropagationPolicy: o.String("propagationPolicy"),
		DryRun:            readDryRun(o),
	}
	if n, ok := o.Int("limit"); ok {
		opts.Limit = n
	}
	if n, ok := o.Int("gracePeriodSeconds"); ok {
		opts.GracePeriodSeconds = &n
	}
	return opts
}

// readDryRun accepts dryRun = true, or "All" as the API spells it.
func readDryRun(o args.Options) bool {
	switch v := o.Value("dryRun").(type) {
	case *lua.LNilType:
		return false
	case lua.LBool:
		return bool(v)
	case lua.LString:
		if v == "All" {
			return true
		}
	}
	return o.Bool("dryRun") // raises the type error
}
