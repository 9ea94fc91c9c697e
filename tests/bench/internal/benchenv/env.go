// Package benchenv sets up what the benchmark commands of tests/bench
// share: a control plane (started here, or a running one), the klua
// binary built from the repository, and seeded ConfigMaps.
package benchenv

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/tests/testcluster"
)

// Env is the cluster, a client of it and the klua binary.
type Env struct {
	Root, Kubeconfig, Klua, Tmp string
	Cluster                     *testcluster.Cluster // the cluster's server, CA and token
	Client                      *kube.Client         // no client-side rate limit
	started                     bool                 // Cluster was started here
}

// Start starts a control plane (or uses the one of kubeconfig) and
// builds klua into a temporary directory. Close undoes both.
func Start(ctx context.Context, name, kubeconfig string) (*Env, error) {
	root, err := testcluster.RepoRoot()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "klua-"+name+"-")
	if err != nil {
		return nil, err
	}
	e := &Env{Root: root, Tmp: tmp}
	if kubeconfig == "" {
		fmt.Fprintf(os.Stderr, "%s: starting a control plane\n", name)
		e.Cluster, err = testcluster.Start(ctx, testcluster.Options{})
		e.started = err == nil
	} else {
		e.Cluster, err = testcluster.External(kubeconfig)
	}
	if err != nil {
		e.Close()
		return nil, err
	}
	e.Kubeconfig = e.Cluster.Kubeconfig
	e.Client = NewClient(e.Kubeconfig)
	if err := e.build(ctx); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

// NewClient is a client of the kubeconfig without client-side rate limit.
func NewClient(kubeconfig string) *kube.Client {
	flags := kube.NewConfigFlags(true)
	flags.KubeConfig = &kubeconfig
	return kube.New(kube.Config{Flags: flags, QPS: -1})
}

// Close stops the cluster if it was started here and removes the files.
func (e *Env) Close() {
	if e.started {
		e.Cluster.Close()
	}
	os.RemoveAll(e.Tmp)
}

// build builds klua as it is released (deploy/Dockerfile): static, without
// cgo, so that no dynamic loader or libc runs at its start (about half a
// millisecond, and 2.6 MiB of a daemon's resident memory).
func (e *Env) build(ctx context.Context) error {
	e.Klua = filepath.Join(e.Tmp, "klua")
	return e.BuildAsReleased(ctx, ".", e.Klua, "")
}

// BuildAsReleased builds the package pkg of the repository (with the
// build tags, if any) into out, as klua is released.
func (e *Env) BuildAsReleased(ctx context.Context, pkg, out, tags string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-s -w", "-tags", tags, "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Dir = e.Root
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s from %s: %v\n%s", filepath.Base(out), pkg, err, output)
	}
	return nil
}

// Seed creates the namespace and the ConfigMaps cm-00001 to cm-n (those
// missing) with bodies from body(name, i), eight requests at a time.
func (e *Env) Seed(ctx context.Context, namespace string, n int, body func(name string, i int) string) error {
	if err := e.Create(ctx, "/api/v1/namespaces", `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"`+namespace+`"}}`); err != nil {
		return err
	}
	have, err := e.existing(ctx, namespace)
	if err != nil {
		return err
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				name := fmt.Sprintf("cm-%05d", i)
				if have[name] {
					continue
				}
				if err := e.Create(ctx, "/api/v1/namespaces/"+namespace+"/configmaps", body(name, int(i))); err != nil {
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

// existing names the ConfigMaps of the namespace, so that seeding again
// sends only what is missing.
func (e *Env) existing(ctx context.Context, namespace string) (map[string]bool, error) {
	resp, err := e.Client.Do(ctx, kube.Request{Verb: "list", Method: http.MethodGet, Path: "/api/v1/namespaces/" + namespace + "/configmaps"})
	if err != nil {
		return nil, err
	}
	var list struct {
		Items []struct{ Metadata struct{ Name string } }
	}
	if err := json.Unmarshal(resp.Body, &list); err != nil {
		return nil, fmt.Errorf("listing the ConfigMaps of %q: %w", namespace, err)
	}
	have := map[string]bool{}
	for _, it := range list.Items {
		have[it.Metadata.Name] = true
	}
	return have, nil
}

// Create POSTs an object to path; one that exists already is fine.
func (e *Env) Create(ctx context.Context, path, body string) error {
	resp, err := e.Client.Do(ctx, kube.Request{Verb: "create", Method: http.MethodPost, Path: path, Body: []byte(body)})
	if err != nil {
		return err
	}
	if resp.Status != http.StatusCreated && resp.Status != http.StatusConflict {
		return fmt.Errorf("POST %s: %d %s", path, resp.Status, resp.Body)
	}
	return nil
}
