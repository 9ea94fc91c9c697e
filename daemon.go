package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/metrics"
	"github.com/klua/klua/runtime"
)

// daemon runs a script as a long-lived service: optionally only while this
// process leads (--leader-elect), with health endpoints and metrics.
type daemon struct {
	opts    daemonOptions
	metrics *metrics.Metrics // nil without --metrics-addr

	// started is set once the script runs (in a leader, once it leads).
	started atomic.Bool
	// standby is set while a --leader-elect process waits for the Lease.
	standby atomic.Bool
	elector atomic.Pointer[kube.Elector]
}

func newDaemon(o daemonOptions) *daemon {
	d := &daemon{opts: o}
	if o.metricsAddr != "" {
		d.metrics = metrics.New()
		d.metrics.RegisterClientGo()
	}
	return d
}

// observer is what the kube client reports requests, watches and
// reconciles to (nil without metrics).
func (d *daemon) observer() kube.Observer {
	if d.metrics == nil {
		return nil
	}
	return d.metrics
}

func (d *daemon) observeCallback() func(kind, result string, dur time.Duration) {
	if d.metrics == nil {
		return nil
	}
	return d.metrics.ObserveCallback
}

// runScript runs the main chunk and then the event loop, at once or, with
// --leader-elect, once this process holds the Lease.
func (d *daemon) runScript(h *runtime.Host, client *kube.Client, script string, mainChunk func(*runtime.Host) error) error {
	if !d.opts.leaderElect {
		d.started.Store(true)
		return runMain(h, mainChunk)
	}
	return d.runElected(h, client, script, mainChunk)
}

func runMain(h *runtime.Host, mainChunk func(*runtime.Host) error) error {
	if err := mainChunk(h); err != nil {
		return err
	}
	eventLoopGC()
	return h.Loop()
}

// runElected waits for the Lease, then runs the script while it holds it.
// When the Lease is lost the script is cut off at once (its context ends,
// no callback runs any more) and the run fails, so that the process exits
// non-zero and Kubernetes restarts it as a standby: a standby takes over
// only after the lease duration, and the lost leader stops after the renew
// deadline, which is shorter, so that both never run at once.
func (d *daemon) runElected(h *runtime.Host, client *kube.Client, script string, mainChunk func(*runtime.Host) error) error {
	cfg, err := d.leaderConfig(client, script)
	if err != nil {
		return err
	}
	leading := make(chan context.Context, 1)
	e, err := client.NewElector(cfg, func(ctx context.Context) { leading <- ctx })
	if err != nil {
		return err
	}
	d.elector.Store(e)
	d.standby.Store(true)
	d.setLeader(cfg, false)
	electCtx, stopElection := context.WithCancel(context.Background())
	ran := make(chan struct{})
	go func() {
		defer close(ran)
		e.Run(electCtx)
	}()
	defer func() {
		stopElection()
		<-ran
	}()
	h.Reportf("leader election: waiting to hold lease %s/%s as %s", cfg.Namespace, cfg.Name, e.Identity())
	var lctx context.Context
	select {
	case lctx = <-leading:
	case <-h.Context().Done():
		if errors.Is(h.Context().Err(), context.DeadlineExceeded) {
			return fmt.Errorf("timed out (--timeout) waiting to hold lease %s/%s", cfg.Namespace, cfg.Name)
		}
		return nil // a signal: run reports it
	}
	return d.lead(h, e, cfg, lctx, stopElection, ran, mainChunk)
}

// lead runs the script as the leader.
func (d *daemon) lead(h *runtime.Host, e *kube.Elector, cfg kube.LeaderConfig, lctx context.Context,
	stopElection func(), ran <-chan struct{}, mainChunk func(*runtime.Host) error) error {
	d.standby.Store(false)
	d.started.Store(true)
	d.setLeader(cfg, true)
	h.Reportf("leader election: holding lease %s/%s: running the script", cfg.Namespace, cfg.Name)
	lost := fmt.Errorf("%w %s/%s: could not renew it within %s; exiting so that a standby takes over",
		kube.ErrLostLease, cfg.Namespace, cfg.Name, cfg.RenewDeadline)
	h.SetGate(func() error {
		if !e.Leading() {
			return lost
		}
		return nil
	})
	var ending atomic.Bool
	go func() {
		<-lctx.Done()
		if !ending.Load() {
			d.setLeader(cfg, false)
			h.Abort(lost)
		}
	}()
	err := runMain(h, mainChunk)
	ending.Store(true)
	// Everything stops before the Lease is released: a standby may
	// start the moment it is.
	h.Stop()
	stopElection()
	<-ran
	if !errors.Is(err, kube.ErrLostLease) {
		ctx, cancel := context.WithTimeout(context.Background(), cfg.RenewDeadline)
		defer cancel()
		if rerr := e.Release(ctx); rerr != nil {
			h.Reportf("%v", rerr)
		}
	}
	d.setLeader(cfg, false)
	return err
}

func (d *daemon) leaderConfig(client *kube.Client, script string) (kube.LeaderConfig, error) {
	cfg := kube.LeaderConfig{Namespace: d.opts.leaseNamespace, Name: d.opts.leaseName,
		LeaseDuration: d.opts.leaseDuration, RenewDeadline: d.opts.renewDeadline, RetryPeriod: d.opts.retryPeriod}
	if cfg.Namespace == "" {
		ns, err := client.Namespace()
		if err != nil {
			return cfg, err
		}
		cfg.Namespace = ns
	}
	if cfg.Name == "" {
		cfg.Name = defaultLeaseName(script)
	}
	return cfg, nil
}

func (d *daemon) setLeader(cfg kube.LeaderConfig, leading bool) {
	if d.metrics != nil {
		d.metrics.SetLeader(cfg.Namespace+"/"+cfg.Name, leading)
	}
}
