package time

import (
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/internal/luatest"
)

func newState(t *testing.T) *lua.LState {
	L := lua.NewState()
	L.PreloadModule("time", Loader)
	return L
}

func TestLua(t *testing.T) { luatest.Run(t, newState, "testdata/time_test.lua") }

func TestDocs(t *testing.T) { luatest.RunMarkdown(t, newState, "../../docs/time.md") }
