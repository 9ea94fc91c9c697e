package kube

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	coordinationv1 "k8s.io/client-go/kubernetes/typed/coordination/v1"
	"k8s.io/client-go/tools/leaderelection"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
)

// LeaderConfig says which Lease to hold and how: the timings mean what
// they mean for kube-controller-manager's --leader-elect-* flags.
type LeaderConfig struct {
	Namespace, Name string
	// Identity names this process in the Lease's holderIdentity; empty
	// means the host name (a pod's name) and a random suffix.
	Identity string
	// LeaseDuration is how long a standby waits after the last renewal it
	// saw before it takes over; RenewDeadline how long the leader keeps
	// trying to renew before it gives up; RetryPeriod the time between
	// tries.
	LeaseDuration, RenewDeadline, RetryPeriod time.Duration
}

// Default lease timings, kube-controller-manager's.
const (
	DefaultLeaseDuration = 15 * time.Second
	DefaultRenewDeadline = 10 * time.Second
	DefaultRetryPeriod   = 2 * time.Second
)

// Elector campaigns for a coordination.k8s.io Lease with client-go's
// leaderelection.
type Elector struct {
	cfg  LeaderConfig
	lock *resourcelock.LeaseLock
	le   *leaderelection.LeaderElector
	lead func(ctx context.Context)
}

// NewElector prepares an election for cfg's Lease. lead runs (in a
// goroutine of its own) once this process holds the Lease, with a context
// that ends when it is lost or the election stops.
func (c *Client) NewElector(cfg LeaderConfig, lead func(ctx context.Context)) (*Elector, error) {
	rc, err := c.RESTConfig()
	if err != nil {
		return nil, err
	}
	// Only the coordination group's typed client: the whole clientset
	// would slow down every start of klua.
	leases, err := coordinationv1.NewForConfig(rc)
	if err != nil {
		return nil, fmt.Errorf("leader election client: %w", err)
	}
	if cfg.Identity == "" {
		cfg.Identity = defaultIdentity()
	}
	e := &Elector{cfg: cfg, lead: lead, lock: &resourcelock.LeaseLock{
		LeaseMeta:  metav1.ObjectMeta{Namespace: cfg.Namespace, Name: cfg.Name},
		Client:     leases,
		LockConfig: resourcelock.ResourceLockConfig{Identity: cfg.Identity},
	}}
	e.le, err = leaderelection.NewLeaderElector(leaderelection.LeaderElectionConfig{
		Lock:          e.lock,
		LeaseDuration: cfg.LeaseDuration,
		RenewDeadline: cfg.RenewDeadline,
		RetryPeriod:   cfg.RetryPeriod,
		Name:          cfg.Namespace + "/" + cfg.Name,
		Callbacks: leaderelection.LeaderCallbacks{
			OnStartedLeading: lead,
			OnStoppedLeading: func() {},
		},
		// Not ReleaseOnCancel: client-go releases before it ends the
		// leader's context, which would let a lost leader run on for up to
		// another RenewDeadline while a standby takes over. Release does it
		// after the script stopped instead.
	})
	if err != nil {
		return nil, fmt.Errorf("leader election on lease %s/%s: %w", cfg.Namespace, cfg.Name, err)
	}
	return e, nil
}

// defaultIdentity is the host name (a pod's name) and a random suffix, so
// that two processes on one host are told apart.
func defaultIdentity() string {
	host, err := os.Hostname()
	if err != nil {
		host = "klua"
	}
	b := make([]byte, 4)
	rand.Read(b)
	return host + "_" + hex.EncodeToString(b)
}

// Identity is this process's holderIdentity.
func (e *Elector) Identity() string { return e.cfg.Identity }

// Run campaigns until ctx ends or the Lease, once held, is lost. It
// returns when lead's context has ended.
func (e *Elector) Run(ctx context.Context) { e.le.Run(ctx) }

// Leader is the identity of the last leader seen ("" before any).
func (e *Elector) Leader() string { return e.le.GetLeader() }

// Check fails when this process leads but has not renewed the Lease for
// longer than the lease duration and tolerance (it should have stopped:
// something is stuck).
func (e *Elector) Check(tolerance time.Duration) error { return e.le.Check(tolerance) }

// Leading reports whether this process holds the Lease and renewed it
// within the renew deadline: a leader whose process was frozen (or
// starved) longer than that may have been replaced without knowing yet.
func (e *Elector) Leading() bool {
	return e.le.IsLeader() && e.le.Check(e.cfg.RenewDeadline-e.cfg.LeaseDuration) == nil
}

// Release gives the Lease up if this process still holds it, so that a
// standby takes over at once instead of after the lease duration. Call it
// after Run returned and the leader's work has stopped.
func (e *Elector) Release(ctx context.Context) error {
	rec, _, err := e.lock.Get(ctx)
	if err != nil {
		return fmt.Errorf("releasing lease %s/%s: %w", e.cfg.Namespace, e.cfg.Name, err)
	}
	if rec.HolderIdentity != e.cfg.Identity {
		return nil
	}
	now := metav1.NewTime(time.Now())
	err = e.lock.Update(ctx, resourcelock.LeaderElectionRecord{
		LeaderTransitions: rec.LeaderTransitions, LeaseDurationSeconds: 1, RenewTime: now, AcquireTime: now})
	if err != nil {
		return fmt.Errorf("releasing lease %s/%s: %w", e.cfg.Namespace, e.cfg.Name, err)
	}
	return nil
}

// ErrLostLease is the failure of a leader that could not renew its Lease.
var ErrLostLease = errors.New("lost the leader lease")
