package yaml

import (
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/internal/luatest"
	"github.com/klua/klua/stdlib/json"
)

func newState(t *testing.T) *lua.LState {
	L := lua.NewState()
	L.PreloadModule("yaml", Loader)
	L.PreloadModule("json", json.Loader)
	return L
}

func TestLua(t *testing.T) {
	luatest.Run(t, newState, "testdata/yaml_test.lua")
}

func TestDocs(t *testing.T) {
	luatest.RunMarkdown(t, newState, "../../docs/yaml.md")
}
