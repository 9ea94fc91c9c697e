package runtime

import (
	"context"

	lua "github.com/yuin/gopher-lua"
)

// Protected calls run on threads of their own.
//
// gopher-lua v1.1.2 closes every open upvalue of a state when an error is
// raised inside a protected call made without an error handler
// (yuin/gopher-lua#448). After
//
//	local n = 0
//	local f = function() n = n + 1; error("x") end
//	pcall(f); pcall(f)
//
// n is 1, not 2: the main chunk's locals that callbacks share are cut
// loose, so a watch callback that failed once would stop updating the
// script's state. An error handler avoids the close, but any nested
// protected call clears the state's flag for it again. What does work is
// running the call on another thread of the same state (same globals,
// own stack): the error then closes only that thread's upvalues, the ones
// of the frames it unwinds, which is what Lua itself does. klua's pcall,
// callbacks and the Go functions that call back into Lua all go through
// here. Threads are pooled: each costs a stack.

type threadPool struct {
	free []*lua.LState
}

func (p *threadPool) get(L *lua.LState) *lua.LState {
	if n := len(p.free); n > 0 {
		co := p.free[n-1]
		p.free = p.free[:n-1]
		return co
	}
	co, _ := L.NewThread()
	return co
}

func (p *threadPool) put(co *lua.LState) {
	co.SetTop(0)
	p.free = append(p.free, co)
}

// PCall calls fn(args...) in protected mode on a pooled thread, with ctx
// as its context, and returns its first nret results (all of them for
// lua.MultRet). The error, if any, is a *lua.ApiError whose Object is the
// raised value.
func (h *Host) PCall(ctx context.Context, fn lua.LValue, nret int, args ...lua.LValue) ([]lua.LValue, error) {
	co := h.threads.get(h.L)
	defer h.threads.put(co)
	co.SetContext(ctx)
	co.Push(fn)
	for _, a := range args {
		co.Push(a)
	}
	if err := co.PCall(len(args), nret, nil); err != nil {
		return nil, err
	}
	results := make([]lua.LValue, co.GetTop())
	for i := range results {
		results[i] = co.Get(i + 1)
	}
	return results, nil
}

// PCall is Host.PCall for code that has only a state: it uses the state's
// host when there is one, and a plain protected call otherwise.
func PCall(L *lua.LState, fn lua.LValue, nret int, args ...lua.LValue) ([]lua.LValue, error) {
	if h := HostOf(L); h != nil {
		return h.PCall(L.Context(), fn, nret, args...)
	}
	top := L.GetTop()
	L.Push(fn)
	for _, a := range args {
		L.Push(a)
	}
	if err := L.PCall(len(args), nret, nil); err != nil {
		return nil, err
	}
	results := make([]lua.LValue, L.GetTop()-top)
	for i := range results {
		results[i] = L.Get(top + 1 + i)
	}
	L.SetTop(top)
	return results, nil
}

// ErrorValue is the value a failed protected call raised.
func ErrorValue(err error) lua.LValue {
	if apiErr, ok := err.(*lua.ApiError); ok && apiErr.Object != nil {
		return apiErr.Object
	}
	return lua.LString(err.Error())
}

// pcall is Lua's pcall(f, ...) on a thread of its own (see above).
func (h *Host) pcall(L *lua.LState) int {
	fn := L.CheckAny(1)
	args := make([]lua.LValue, 0, L.GetTop()-1)
	for i := 2; i <= L.GetTop(); i++ {
		args = append(args, L.Get(i))
	}
	results, err := h.PCall(L.Context(), fn, lua.MultRet, args...)
	if err != nil {
		L.Push(lua.LFalse)
		L.Push(ErrorValue(err))
		return 2
	}
	L.Push(lua.LTrue)
	for _, r := range results {
		L.Push(r)
	}
	return 1 + len(results)
}
