// Package testcluster runs the real Kubernetes control plane that klua's
// integration tests talk to: etcd, kube-apiserver, kube-controller-manager
// and a fake kubelet, each a process of the binary built from tests/cluster
// (its own Go module, so the main module never depends on k8s.io/kubernetes).
//
// A test package uses it from TestMain:
//
//	func TestMain(m *testing.M) { testcluster.Main(m) }
//
// and its tests reach the cluster with testcluster.Get(t). Setting
// KLUA_TEST_KUBECONFIG to the kubeconfig of a running cluster makes the same
// tests run against that cluster instead of starting one.
//
// Nothing outlives the process that started a cluster: components die with
// it (Pdeathsig, and each also exits when its parent changes), and the dirs
// of clusters whose process was killed are removed by the next Start.
package testcluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Names of the contexts in the kubeconfig that Start writes.
const (
	AdminContext  = "admin"
	NobodyContext = "nobody"
)

// NodeName is the name of the fake kubelet's Node.
const NodeName = "klua-node"

// Cluster is a running control plane, started here or (with
// KLUA_TEST_KUBECONFIG) elsewhere.
type Cluster struct {
	// Kubeconfig is the path of a kubeconfig whose current context is
	// AdminContext and which also has NobodyContext.
	Kubeconfig string
	// AdminContext names a context of a user in group system:masters.
	AdminContext string
	// NobodyContext names a context of a user without any RBAC grant.
	NobodyContext string
	// Server is the apiserver's URL.
	Server string
	// AdminToken and NobodyToken are the bearer tokens of the two users.
	AdminToken, NobodyToken string
	// CA is the PEM certificate that verifies the apiserver's.
	CA []byte
	// Dir holds the cluster's files: kubeconfigs, logs/, etcd/, certs/.
	// It is empty for a cluster from KLUA_TEST_KUBECONFIG.
	Dir string

	local *localCluster // nil when the cluster was not started here
}

// Options change how Start starts a cluster.
type Options struct {
	// Progress receives what is going on during a long build; os.Stderr if nil.
	Progress io.Writer
	// APIServerFlags are passed to kube-apiserver after the usual ones.
	APIServerFlags []string
	// KeepDir keeps the cluster's dir (its logs) after Close.
	KeepDir bool
}

// localCluster is what a cluster started by this process needs to manage
// its components.
type localCluster struct {
	bin      string
	ports    clusterPorts
	ids      []identity // the users' then the components' (see newIdentities)
	keepDir  bool
	mu       sync.Mutex // guards the components and their restarts
	etcd     *component
	api      *component
	kcm      *component
	kubelet  *component
	stopOnce sync.Once
}

// ErrNotLocal is returned by the methods that need a cluster started by this
// process (restarting the apiserver) on a cluster from KLUA_TEST_KUBECONFIG.
var ErrNotLocal = errors.New("the control plane was not started by this test binary (KLUA_TEST_KUBECONFIG is set), so its apiserver cannot be stopped or restarted")

// Start builds the control plane if needed and starts it in a new dir under
// the temp dir. It returns once the apiserver is ready, the node is Ready
// and the default ServiceAccount exists, so that tests can create pods at
// once. Close stops it.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.Progress == nil {
		opts.Progress = os.Stderr
	}
	bin, err := Build(ctx, opts.Progress)
	if err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		c, err := startIn(ctx, bin, opts)
		if errors.Is(err, errPortTaken) && attempt < 3 {
			continue
		}
		return c, err
	}
}

// startIn starts a cluster of bin in a new dir.
func startIn(ctx context.Context, bin string, opts Options) (*Cluster, error) {
	dir, err := newClusterDir()
	if err != nil {
		return nil, err
	}
	c, err := prepare(dir, bin)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	c.local.keepDir = opts.KeepDir
	if err := c.start(ctx, opts.APIServerFlags); err != nil {
		// Its logs tell what went wrong, unless it is tried again.
		c.local.keepDir = !errors.Is(err, errPortTaken)
		c.Close()
		return nil, fmt.Errorf("start the control plane in %q: %w", dir, err)
	}
	return c, nil
}

// prepare writes the files the components need before any of them runs.
func prepare(dir, bin string) (*Cluster, error) {
	ports, err := newClusterPorts()
	if err != nil {
		return nil, err
	}
	c := &Cluster{
		Kubeconfig:    filepath.Join(dir, kubeconfigFile),
		AdminContext:  AdminContext,
		NobodyContext: NobodyContext,
		Server:        fmt.Sprintf("https://127.0.0.1:%d", ports.apiserver),
		AdminToken:    newToken(),
		NobodyToken:   newToken(),
		Dir:           dir,
		local:         &localCluster{bin: bin, ports: ports},
	}
	c.local.ids = c.newIdentities()
	if err := writeTokens(filepath.Join(dir, tokensFile), c.local.ids); err != nil {
		return nil, err
	}
	if err := writeServiceAccountKey(filepath.Join(dir, serviceKeyFile)); err != nil {
		return nil, err
	}
	return c, nil
}

// newIdentities are the users the apiserver knows: the two that tests use,
// then the components'.
func (c *Cluster) newIdentities() []identity {
	masters := []string{"system:masters"}
	return []identity{
		{context: AdminContext, name: "klua-admin", token: c.AdminToken, groups: masters},
		{context: NobodyContext, name: "klua-nobody", token: c.NobodyToken},
		// The components act as cluster admins: the controller-manager
		// then needs no per-controller service accounts, and the fake
		// kubelet may bind pods, which a node may not.
		{context: "controller-manager", name: "system:kube-controller-manager", token: newToken(), groups: masters},
		{context: "kubelet", name: "klua-kubelet", token: newToken(), groups: masters},
	}
}

// Pids returns the process id of each running component, by name.
func (c *Cluster) Pids() map[string]int {
	pids := map[string]int{}
	if c.local == nil {
		return pids
	}
	c.local.mu.Lock()
	defer c.local.mu.Unlock()
	for _, comp := range c.local.components() {
		if exited, _ := comp.exited(); !exited {
			pids[comp.name] = comp.cmd.Process.Pid
		}
	}
	return pids
}

// components returns the started components in start order.
func (l *localCluster) components() []*component {
	var started []*component
	for _, comp := range []*component{l.etcd, l.api, l.kcm, l.kubelet} {
		if comp != nil {
			started = append(started, comp)
		}
	}
	return started
}

// Close stops the components, last started first, and removes the
// cluster's dir. It is safe to call more than once and from several
// goroutines; it does nothing to a cluster it did not start.
//
// When the dir goes, the components are killed rather than asked to stop:
// nothing they would save is kept, and the apiserver's graceful shutdown
// alone takes a second of every test binary's run.
func (c *Cluster) Close() error {
	if c.local == nil {
		return nil
	}
	var err error
	c.local.stopOnce.Do(func() {
		c.local.mu.Lock()
		defer c.local.mu.Unlock()
		comps := c.local.components()
		for i := len(comps) - 1; i >= 0; i-- {
			if c.local.keepDir {
				comps[i].stop()
			} else {
				comps[i].kill()
			}
		}
		if !c.local.keepDir {
			err = os.RemoveAll(c.Dir)
		}
	})
	if err != nil {
		return fmt.Errorf("remove the cluster dir: %w", err)
	}
	return nil
}

// RequireLocal skips the test unless the cluster was started by this test
// binary, saying why: only then can a test stop or restart its apiserver.
func (c *Cluster) RequireLocal(t testing.TB) {
	t.Helper()
	if c.local == nil {
		t.Skip(ErrNotLocal.Error())
	}
}
