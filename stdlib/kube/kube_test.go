package kube_test

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/internal/luatest"
	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib"
	"github.com/klua/klua/tests/testcluster"
)

// The kube module is tested against a real API server: the local control
// plane, or the cluster KLUA_TEST_KUBECONFIG names.
func TestMain(m *testing.M) { testcluster.Main(m) }

// newState makes a host with every module, connected to the test cluster
// as its admin, with TESTDATA set for the tests' dofile of helpers.
func newState(t *testing.T) *lua.LState {
	c := testcluster.Get(t)
	h := runtime.New(context.Background(), runtime.Options{Stdout: io.Discard})
	t.Cleanup(h.Stop)
	err := stdlib.Open(h, stdlib.Config{
		Client: newClient(c.Kubeconfig, ""),
		Connect: func(context, kubeconfig string) (*kube.Client, error) {
			if kubeconfig == "" {
				kubeconfig = c.Kubeconfig
			}
			return newClient(kubeconfig, context), nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	h.L.SetGlobal("TESTDATA", lua.LString(dir))
	return h.L
}

func newClient(kubeconfig, context string) *kube.Client {
	flags := kube.NewConfigFlags(true)
	flags.KubeConfig = &kubeconfig
	if context != "" {
		flags.Context = &context
	}
	return kube.New(kube.Config{Flags: flags})
}

func TestLua(t *testing.T) {
	files, err := filepath.Glob("testdata/*_test.lua")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Lua tests found: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { luatest.Run(t, newState, f) })
	}
}

func TestDocs(t *testing.T) {
	luatest.RunMarkdown(t, newState, "../../docs/kube.md")
}
