package kube

import (
	"math/rand/v2"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib/internal/args"
)

const defaultConflictAttempts = 5

// kube.retry_on_conflict(fn [, attempts]) -> fn's results
//
// Calls fn, and calls it again, after a short growing pause, while it
// fails with a 409 Conflict (someone changed the object between fn's get
// and its update), at most attempts times in all (5 by default). fn
// should get the object afresh each time. Any other error is raised at
// once; a conflict on the last attempt is raised too.
func (m *Module) retryOnConflict(L *lua.LState) int {
	a := args.New(L, "kube.retry_on_conflict")
	fn := a.Function(1)
	attempts := defaultConflictAttempts
	if L.Get(2) != lua.LNil {
		attempts = int(a.Number(2))
		if attempts < 1 {
			a.Bad(2, "attempts must be at least 1")
		}
	}
	delay := 10 * time.Millisecond
	for i := 1; ; i++ {
		results, err := runtime.PCall(L, fn, lua.MultRet)
		if err == nil {
			for _, r := range results {
				L.Push(r)
			}
			return len(results)
		}
		errValue := runtime.ErrorValue(err)
		if i == attempts || !isConflict(errValue) {
			L.Error(errValue, 0)
		}
		pause(L, delay)
		delay *= 2
	}
}

func isConflict(v lua.LValue) bool {
	t, ok := v.(*lua.LTable)
	return ok && t.RawGetString("reason") == lua.LString("Conflict")
}

// pause sleeps d with jitter, so that writers retrying at once spread
// out, letting callbacks run meanwhile when the host has a loop.
func pause(L *lua.LState, d time.Duration) {
	d += time.Duration(rand.Int64N(int64(d)/2 + 1))
	if h := runtime.HostOf(L); h != nil {
		if err := h.Sleep(ctx(L), d); err != nil {
			L.RaiseError("kube.retry_on_conflict: %v", err)
		}
		return
	}
	time.Sleep(d)
}
