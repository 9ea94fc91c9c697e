package kube

import (
	"errors"
	"sync"

	"k8s.io/klog/v2"
)

// health logs a watch's outages once each: a line when requests start
// failing, a line when one succeeds again, and nothing for the retries in
// between (the reflector backs off up to 30 s, forever).
type health struct {
	what string // "watch pods"

	mu   sync.Mutex
	down bool
}

// failed records a failed request or list-and-watch attempt.
func (h *health) failed(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.down {
		return
	}
	h.down = true
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.Code < 500 {
		klog.Warningf("%s: %v; retrying", h.what, apiErr)
		return
	}
	klog.Warningf("%s: API server unreachable, retrying: %v", h.what, err)
}

// ok records a request that succeeded.
func (h *health) ok() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.down {
		h.down = false
		klog.Infof("%s: resumed", h.what)
	}
}

// verdict is the first outcome that tells whether a watch can work: a
// watch stream opened, the server unreachable (the watch keeps trying),
// or a refusal such as 403 Forbidden (the watch is given up).
type verdict struct {
	once sync.Once
	done chan struct{}
	err  error // read only after done is closed
}

// decide records the verdict unless there is one, and says whether this
// call made it.
func (v *verdict) decide(err error) (decided bool) {
	v.once.Do(func() {
		v.err = err
		close(v.done)
		decided = true
	})
	return decided
}
