package testcluster

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"time"
)

// Timeouts of the steps of a start. They are generous because two test
// binaries may start clusters at once on two cores.
const (
	apiserverTimeout = 90 * time.Second
	settleTimeout    = 60 * time.Second
)

// clusterPorts are the loopback ports a cluster listens on.
type clusterPorts struct {
	etcdClient, etcdPeer, apiserver int
}

func newClusterPorts() (clusterPorts, error) {
	p, err := freePorts(3)
	if err != nil {
		return clusterPorts{}, err
	}
	return clusterPorts{etcdClient: p[0], etcdPeer: p[1], apiserver: p[2]}, nil
}

// start starts every component and waits until tests can use the cluster.
func (c *Cluster) start(ctx context.Context, apiserverFlags []string) error {
	l := c.local
	l.mu.Lock()
	defer l.mu.Unlock()
	var err error
	l.etcd, err = c.startComponent("etcd", c.etcdArgs())
	if err != nil {
		return err
	}
	// The apiserver starts at once: it spends its first second setting up
	// before it connects to etcd, by which time etcd is ready.
	if err := c.startAPIServer(ctx, apiserverFlags); err != nil {
		return err
	}
	if err := c.writeKubeconfigs(); err != nil {
		return err
	}
	return c.startDependents(ctx)
}

// startDependents starts the components that need a ready apiserver and
// waits until tests can use the cluster. The caller holds l.mu.
func (c *Cluster) startDependents(ctx context.Context) error {
	l := c.local
	var err error
	if l.kcm, err = c.startComponent("controller-manager", c.controllerManagerArgs()); err != nil {
		return err
	}
	if l.kubelet, err = c.startComponent("kubelet", c.kubeletArgs()); err != nil {
		return err
	}
	return c.waitSettled(ctx)
}

func (c *Cluster) startComponent(name string, args []string) (*component, error) {
	logPath := filepath.Join(c.Dir, logDir, name+".log")
	return startComponent(name, c.local.bin, append([]string{name}, args...), logPath)
}

// startAPIServer starts the apiserver and waits until it is ready. The
// caller holds l.mu.
func (c *Cluster) startAPIServer(ctx context.Context, extraFlags []string) error {
	l := c.local
	var err error
	l.api, err = c.startComponent("apiserver", append(c.apiserverArgs(), extraFlags...))
	if err != nil {
		return err
	}
	return c.waitAPIServer(ctx)
}

func (c *Cluster) etcdArgs() []string {
	p := c.local.ports
	return []string{
		"--data-dir", filepath.Join(c.Dir, etcdDir),
		"--client-port", strconv.Itoa(p.etcdClient),
		"--peer-port", strconv.Itoa(p.etcdPeer),
	}
}

func (c *Cluster) apiserverArgs() []string {
	key := filepath.Join(c.Dir, serviceKeyFile)
	return []string{
		fmt.Sprintf("--etcd-servers=http://127.0.0.1:%d", c.local.ports.etcdClient),
		fmt.Sprintf("--secure-port=%d", c.local.ports.apiserver),
		"--bind-address=127.0.0.1",
		// A loopback advertise address is refused unless the apiserver does
		// not reconcile the kubernetes Service's endpoints.
		"--advertise-address=127.0.0.1",
		"--endpoint-reconciler-type=none",
		"--cert-dir=" + filepath.Join(c.Dir, certDir),
		"--authorization-mode=Node,RBAC",
		"--token-auth-file=" + filepath.Join(c.Dir, tokensFile),
		"--service-account-key-file=" + key,
		"--service-account-signing-key-file=" + key,
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-cluster-ip-range=10.96.0.0/16",
		// As kubeadm and managed clusters have it: scripts that look for
		// privileged pods are tested against real ones.
		"--allow-privileged=true",
	}
}

func (c *Cluster) controllerManagerArgs() []string {
	return []string{
		"--kubeconfig=" + filepath.Join(c.Dir, kcmKubeconfig),
		"--leader-elect=false",
		"--controllers=*",
		"--service-account-private-key-file=" + filepath.Join(c.Dir, serviceKeyFile),
		"--root-ca-file=" + filepath.Join(c.Dir, caFile),
		"--secure-port=0", // nothing needs its metrics or health endpoints
	}
}

func (c *Cluster) kubeletArgs() []string {
	return []string{
		"--kubeconfig", filepath.Join(c.Dir, nodeKubeconfig),
		"--node-name", NodeName,
	}
}

// writeKubeconfigs writes the users' kubeconfig and the components'. It
// needs the apiserver's certificate, which the apiserver writes as it starts.
func (c *Cluster) writeKubeconfigs() error {
	ids := c.local.ids
	files := []struct {
		path  string
		users []identity
	}{
		{filepath.Join(c.Dir, kubeconfigFile), ids[:2]},
		{filepath.Join(c.Dir, kcmKubeconfig), ids[2:3]},
		{filepath.Join(c.Dir, nodeKubeconfig), ids[3:4]},
	}
	for _, f := range files {
		if err := newKubeconfig(c.Server, c.CA, f.users).write(f.path); err != nil {
			return err
		}
	}
	return nil
}
