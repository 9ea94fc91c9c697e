package kube

import (
	"context"
	"errors"
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime/value"
)

const errorTypeName = "kube.Error"

// registerErrorType creates the metatable of error values: tostring gives
// "kube.get: pods \"web\" not found (404 NotFound)", and ".." works on them
// as on strings.
func registerErrorType(L *lua.LState) {
	mt := L.NewTypeMetatable(errorTypeName)
	L.SetField(mt, "__tostring", L.NewFunction(errorToString))
	L.SetField(mt, "__concat", L.NewFunction(errorConcat))
}

func errorToString(L *lua.LState) int {
	L.Push(lua.LString(errorText(L.CheckTable(1))))
	return 1
}

func errorConcat(L *lua.LState) int {
	L.Push(lua.LString(concatPart(L.Get(1)) + concatPart(L.Get(2))))
	return 1
}

func concatPart(v lua.LValue) string {
	if t, ok := v.(*lua.LTable); ok {
		return errorText(t)
	}
	return lua.LVAsString(v)
}

func errorText(t *lua.LTable) string {
	op := lua.LVAsString(t.RawGetString("op"))
	msg := lua.LVAsString(t.RawGetString("message"))
	code := lua.LVAsNumber(t.RawGetString("code"))
	if code == 0 {
		return fmt.Sprintf("%s: %s", op, msg)
	}
	return fmt.Sprintf("%s: %s (%d %s)", op, msg, int(code), lua.LVAsString(t.RawGetString("reason")))
}

// raise raises err from the function op as an error value scripts can
// inspect (code, reason, message, details) and pcall can catch. Failures
// that never reached the server have code 0 and a reason of klua's own.
func raise(L *lua.LState, op string, err error) {
	t := L.NewTable()
	t.RawSetString("op", lua.LString(op))
	t.RawSetString("where", lua.LString(L.Where(1)))
	var apiErr *kube.APIError
	switch {
	case errors.As(err, &apiErr):
		t.RawSetString("code", lua.LNumber(apiErr.Code))
		t.RawSetString("reason", lua.LString(apiErr.Reason))
		t.RawSetString("message", lua.LString(apiErr.Message))
		if len(apiErr.Details) > 0 {
			if d, derr := value.DecodeJSON(L, apiErr.Details); derr == nil {
				t.RawSetString("details", d)
			}
		}
	default:
		t.RawSetString("code", lua.LNumber(0))
		t.RawSetString("reason", lua.LString(clientReason(err)))
		t.RawSetString("message", lua.LString(err.Error()))
	}
	L.SetMetatable(t, L.GetTypeMetatable(errorTypeName))
	L.Error(t, 0)
}

// clientReason classifies failures that have no HTTP status.
func clientReason(err error) string {
	var unknown *kube.UnknownResourceError
	switch {
	case errors.As(err, &unknown):
		return "UnknownResource"
	case errors.Is(err, context.DeadlineExceeded):
		return "Timeout"
	case errors.Is(err, context.Canceled):
		return "Canceled"
	case errors.As(err, new(*kube.InvalidObjectError)), errors.As(err, new(*kube.ResourceNameError)):
		return "Invalid"
	case errors.As(err, new(*kube.ReadOnlyError)):
		return "ReadOnly"
	case errors.As(err, new(*kube.ContextNotAllowedError)):
		return "ContextNotAllowed"
	case errors.As(err, new(*kube.UnreachableError)):
		return "Unreachable"
	}
	return "ClientError"
}
