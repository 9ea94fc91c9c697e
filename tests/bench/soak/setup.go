package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"k8s.io/cli-runtime/pkg/genericclioptions"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/tests/testcluster"
)

const namespace = "klua-soak"

// env is the cluster, the seeded objects and the klua binary.
type env struct {
	root, kubeconfig, klua string
	cluster                *testcluster.Cluster // nil for -kubeconfig
	tmp                    string
	seedTime               time.Duration
}

func setUp(ctx context.Context, c config) (*env, error) {
	root, err := testcluster.RepoRoot()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "klua-soak-")
	if err != nil {
		return nil, err
	}
	e := &env{root: root, kubeconfig: c.kubeconfig, tmp: tmp}
	if e.kubeconfig == "" {
		fmt.Fprintln(os.Stderr, "soak: starting a control plane")
		if e.cluster, err = testcluster.Start(ctx, testcluster.Options{}); err != nil {
			e.close()
			return nil, err
		}
		e.kubeconfig = e.cluster.Kubeconfig
	}
	if err := e.build(ctx); err != nil {
		e.close()
		return nil, err
	}
	start := time.Now()
	if err := seed(ctx, e.kubeconfig, c.objects); err != nil {
		e.close()
		return nil, err
	}
	e.seedTime = time.Since(start)
	return e, nil
}

func (e *env) close() {
	if e.cluster != nil {
		e.cluster.Close()
	}
	os.RemoveAll(e.tmp)
}

func (e *env) build(ctx context.Context) error {
	e.klua = filepath.Join(e.tmp, "klua")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", e.klua, ".")
	cmd.Dir = e.root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building klua: %v\n%s", err, out)
	}
	return nil
}

// seed creates the namespace and n ConfigMaps in it (those missing), with
// a few workers and no client-side rate limit.
func seed(ctx context.Context, kubeconfig string, n int) error {
	flags := genericclioptions.NewConfigFlags(true)
	flags.KubeConfig = &kubeconfig
	c := kube.New(kube.Config{Flags: flags, QPS: -1})
	if err := create(ctx, c, "/api/v1/namespaces", `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"`+namespace+`"}}`); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "soak: seeding %d ConfigMaps\n", n)
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				body := fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-%05d","labels":{"soak":"yes"}},"data":{"n":"%d","payload":"%064d"}}`, i, i, i)
				if err := create(ctx, c, "/api/v1/namespaces/"+namespace+"/configmaps", body); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// create POSTs an object; one that exists already is fine.
func create(ctx context.Context, c *kube.Client, path, body string) error {
	resp, err := c.Do(ctx, kube.Request{Verb: "create", Method: http.MethodPost, Path: path, Body: []byte(body)})
	if err != nil {
		return err
	}
	if resp.Status != http.StatusCreated && resp.Status != http.StatusConflict {
		return fmt.Errorf("POST %s: %d %s", path, resp.Status, resp.Body)
	}
	return nil
}
