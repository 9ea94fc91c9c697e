package kube

import (
	"context"
	"time"

	"k8s.io/client-go/util/workqueue"
)

// ReconcileFunc handles the current state of one object: obj is its JSON,
// or nil when it is gone. An error retries the key with exponential
// backoff; a positive requeueAfter handles it again after that long.
type ReconcileFunc func(key string, obj []byte) (requeueAfter time.Duration, err error)

// ReconcileOptions configure a Reconciler.
type ReconcileOptions struct {
	WatchOptions
	// MinBackoff and MaxBackoff bound the delay before a failed key is
	// retried; it doubles with each failure in a row.
	MinBackoff, MaxBackoff time.Duration
}

// Reconciler is level-based handling of a resource, as a controller does:
// a watch marks objects dirty, and one worker hands each dirty key with
// its current state to the ReconcileFunc. Keys are coalesced (many
// changes, one call) and never handled twice at once; a failing key backs
// off while the others go on.
type Reconciler struct {
	watcher  *Watcher
	resource string
	observer ReconcileObserver // nil: none
	queue    workqueue.TypedRateLimitingInterface[string]
	done     chan struct{}
}

// Reconcile starts reconciling r with fn.
func (c *Client) Reconcile(ctx context.Context, r Resource, o ReconcileOptions, fn ReconcileFunc) (*Reconciler, error) {
	if o.MinBackoff <= 0 {
		o.MinBackoff = 250 * time.Millisecond
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = max(5*time.Minute, o.MinBackoff)
	}
	queue := workqueue.NewTypedRateLimitingQueueWithConfig(
		workqueue.NewTypedItemExponentialFailureRateLimiter[string](o.MinBackoff, o.MaxBackoff),
		workqueue.TypedRateLimitingQueueConfig[string]{Name: "reconcile " + r.String()})
	rc := &Reconciler{queue: queue, done: make(chan struct{}), resource: r.String()}
	rc.observer, _ = c.cfg.Observer.(ReconcileObserver)
	// Initial objects are reconciled too: level-based handling starts from
	// the whole current state.
	o.SkipInitial = false
	w, err := c.Watch(ctx, r, o.WatchOptions, func(ev WatchEvent) { queue.Add(ev.Key) })
	if err != nil {
		queue.ShutDown()
		return nil, err
	}
	rc.watcher = w
	go rc.work(fn)
	go func() {
		<-w.Done()
		queue.ShutDown()
	}()
	return rc, nil
}

func (rc *Reconciler) work(fn ReconcileFunc) {
	defer close(rc.done)
	for {
		key, shutdown := rc.queue.Get()
		if shutdown {
			return
		}
		rc.handle(fn, key)
		rc.queue.Done(key)
	}
}

// Results of a reconcile call, as a ReconcileObserver gets them.
const (
	ReconcileSuccess = "success"
	ReconcileError   = "error"
	ReconcileRequeue = "requeue"
)

func (rc *Reconciler) handle(fn ReconcileFunc, key string) {
	obj, _ := rc.watcher.Get(key)
	start := time.Now()
	after, err := fn(key, obj)
	result := ReconcileSuccess
	switch {
	case err != nil:
		result = ReconcileError
		rc.queue.AddRateLimited(key)
	case after > 0:
		result = ReconcileRequeue
		rc.queue.Forget(key)
		rc.queue.AddAfter(key, after)
	default:
		rc.queue.Forget(key)
	}
	if rc.observer != nil {
		rc.observer.ObserveReconcile(rc.resource, result, time.Since(start))
	}
}

// Retries is how many times in a row key has failed.
func (rc *Reconciler) Retries(key string) int { return rc.queue.NumRequeues(key) }

// Stop stops the watch and the worker. Like Watcher.Stop, it does not
// wait when called from inside fn.
func (rc *Reconciler) Stop() {
	rc.watcher.Stop()
	rc.queue.ShutDown()
}

// Done is closed when the worker has ended.
func (rc *Reconciler) Done() <-chan struct{} { return rc.done }

// HasSynced reports whether the initial list has been queued.
func (rc *Reconciler) HasSynced() bool { return rc.watcher.HasSynced() }
