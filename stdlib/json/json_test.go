package json

import (
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/internal/luatest"
)

func newState(t *testing.T) *lua.LState {
	L := lua.NewState()
	L.PreloadModule("json", Loader)
	return L
}

func TestLua(t *testing.T) {
	luatest.Run(t, newState, "testdata/json_test.lua")
}

func TestDocs(t *testing.T) {
	luatest.RunMarkdown(t, newState, "../../docs/json.md")
}
