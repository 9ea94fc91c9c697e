package main

import (
	"context"
	"fmt"
	"os"

	"github.com/klua/klua/tests/bench/internal/benchenv"
)

const namespace = "klua-soak"

// env is the cluster, the seeded objects and the klua binary.
type env struct {
	root, kubeconfig, klua, tmp string
	bench                       *benchenv.Env
}

func setUp(ctx context.Context, c config) (*env, error) {
	b, err := benchenv.Start(ctx, "soak", c.kubeconfig)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "soak: seeding %d ConfigMaps\n", c.objects)
	err = b.Seed(ctx, namespace, c.objects, func(name string, i int) string {
		return fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":%q,"labels":{"soak":"yes"}},"data":{"n":"%d","payload":"%064d"}}`, name, i, i)
	})
	if err != nil {
		b.Close()
		return nil, err
	}
	return &env{root: b.Root, kubeconfig: b.Kubeconfig, klua: b.Klua, tmp: b.Tmp, bench: b}, nil
}

func (e *env) close() { e.bench.Close() }
