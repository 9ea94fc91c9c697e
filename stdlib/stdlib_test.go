package stdlib

import (
	"context"
	"io"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/internal/luatest"
	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
)

// The examples of docs/runtime.md run in a host with every module, as
// scripts do; none of them reaches a cluster.
func TestRuntimeDocs(t *testing.T) {
	luatest.RunMarkdown(t, func(t *testing.T) *lua.LState {
		h := runtime.New(context.Background(), runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
		t.Cleanup(h.Stop)
		if err := Open(h, Config{Client: kube.New(kube.Config{}), Log: io.Discard}); err != nil {
			t.Fatal(err)
		}
		if err := h.RunString(`-- sets arg`, "docs", []string{"first"}); err != nil {
			t.Fatal(err)
		}
		return h.L
	}, "../docs/runtime.md")
}
