package testcluster

import (
	"context"
	"fmt"
)

// StopAPIServer stops the apiserver, leaving etcd and its data. The
// controller-manager and the kubelet are stopped with it and started again
// by StartAPIServer: left running, their clients would back off further
// with every failed retry, and after a restart or two the controllers
// would stay idle for up to 30 seconds. It fails with ErrNotLocal on a
// cluster that this process did not start.
func (c *Cluster) StopAPIServer() error {
	if c.local == nil {
		return ErrNotLocal
	}
	l := c.local
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, comp := range []*component{l.kubelet, l.kcm, l.api} {
		if comp != nil {
			comp.stop()
		}
	}
	return nil
}

// StartAPIServer starts a stopped apiserver on the same port and data, with
// extraFlags after the usual flags, then the controller-manager and the
// kubelet, and returns once the cluster is ready again.
func (c *Cluster) StartAPIServer(ctx context.Context, extraFlags ...string) error {
	if c.local == nil {
		return ErrNotLocal
	}
	l := c.local
	l.mu.Lock()
	defer l.mu.Unlock()
	if exited, _ := l.api.exited(); !exited {
		return fmt.Errorf("start the apiserver: it is running (pid %d)", l.api.cmd.Process.Pid)
	}
	if err := c.startAPIServer(ctx, extraFlags); err != nil {
		return fmt.Errorf("start the apiserver: %w", err)
	}
	if err := c.startDependents(ctx); err != nil {
		return fmt.Errorf("start the apiserver: %w", err)
	}
	return nil
}

// RestartAPIServer stops the apiserver and starts it again with extraFlags
// (the usual flags if none), returning once the cluster is ready again.
func (c *Cluster) RestartAPIServer(ctx context.Context, extraFlags ...string) error {
	if err := c.StopAPIServer(); err != nil {
		return err
	}
	return c.StartAPIServer(ctx, extraFlags...)
}
