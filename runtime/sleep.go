package runtime

import (
	"time"

	lua "github.com/yuin/gopher-lua"
)

// sleep(seconds) pauses the script, running pending callbacks meanwhile
// (not when called from inside a callback: callbacks never nest).
// Cancelling the run (Ctrl-C, a timeout) ends the sleep at once.
func (h *Host) sleep(L *lua.LState) int {
	secs := float64(L.CheckNumber(1))
	if secs < 0 {
		L.ArgError(1, "seconds must not be negative")
	}
	if err := h.Sleep(L.Context(), time.Duration(secs*float64(time.Second))); err != nil {
		L.RaiseError("sleep: %v", err)
	}
	return 0
}
