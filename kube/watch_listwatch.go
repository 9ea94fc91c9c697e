package kube

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/tools/cache"
)

// listWatch is the reflector's cache.ListerWatcher. It sends list and watch
// requests through the Client, so that its rate limit, authentication and
// -v logging apply, and decodes the answers into RawObjects. It also sees
// every answer first, which makes it the place that notices outages and
// the first verdict on whether the watch is allowed at all.
type listWatch struct {
	c    *Client
	r    Resource
	path string
	o    WatchOptions

	health *health
	first  verdict
	// expired counts the server's "410 Gone" answers (for tests and logs).
	expired atomic.Int64
	// opened counts the watch streams opened, for the restart metric.
	opened atomic.Int64
	// listThenWatch turns off the streamed initial list (watch-list), so
	// that tests can cover the reflector's other path.
	listThenWatch bool
}

var _ cache.ListerWatcherWithContext = (*listWatch)(nil)

func (c *Client) newListWatch(r Resource, o WatchOptions) *listWatch {
	what := "watch " + r.String()
	return &listWatch{
		c:      c,
		r:      r,
		path:   r.Path(c.namespaceFor(r, o.Options), "", ""),
		o:      o,
		health: &health{what: what},
		first:  verdict{done: make(chan struct{})},
	}
}

// IsWatchListSemanticsUnSupported tells the reflector whether to stream the
// initial list (false: it does, the default since client-go 1.35).
func (lw *listWatch) IsWatchListSemanticsUnSupported() bool { return lw.listThenWatch }

// List is ListWithContext without a context, for the old interface.
func (lw *listWatch) List(opts metav1.ListOptions) (runtime.Object, error) {
	return lw.ListWithContext(context.Background(), opts)
}

// Watch is WatchWithContext without a context, for the old interface.
func (lw *listWatch) Watch(opts metav1.ListOptions) (watch.Interface, error) {
	return lw.WatchWithContext(context.Background(), opts)
}

// ListWithContext lists one page.
//
// The reflector's first list asks for resourceVersion "0": whatever the
// watch cache holds, which may predate writes this process has just made.
// A script that creates an object and then watches it must get it in the
// initial list (kube.wait decides "absent" from that list), so that list
// is made a consistent read instead, which the watch cache serves too.
func (lw *listWatch) ListWithContext(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error) {
	if opts.ResourceVersion == "0" {
		opts.ResourceVersion, opts.ResourceVersionMatch = "", ""
	}
	resp, err := lw.c.Do(ctx, Request{Verb: "list", Method: http.MethodGet, Path: lw.path,
		Query: lw.query(opts), Sensitive: isSecret(lw.r)})
	if err != nil {
		return nil, lw.unreachable(ctx, err)
	}
	if resp.Status/100 != 2 {
		return nil, lw.refused(errorFor(resp, lw.r.String()), false)
	}
	lw.health.ok()
	list, err := decodeList(resp.Body, lw.o.ManagedFields)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lw.r, err)
	}
	return list, nil
}

// WatchWithContext opens a watch stream.
func (lw *listWatch) WatchWithContext(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	q := lw.query(opts)
	q.Set("watch", "true")
	// The stream has a context of its own, so that stopping it aborts a
	// read in progress.
	streamCtx, cancel := context.WithCancel(ctx)
	// No gzip on a stream: the server flushes its gzip writer after every
	// event, so each one arrives as a compressed block that costs both
	// sides more CPU than its bytes cost on the wire (a sixth of klua's CPU
	// per event on a steady watch).
	resp, err := lw.c.openStream(streamCtx, Request{Verb: "watch", Method: http.MethodGet, Path: lw.path,
		Query: q, Headers: http.Header{"Accept-Encoding": {"identity"}}, Sensitive: isSecret(lw.r)}, lw.r.String())
	if err != nil {
		cancel()
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			return nil, lw.refused(apiErr, true)
		}
		return nil, lw.unreachable(ctx, err)
	}
	lw.health.ok()
	lw.first.decide(nil)
	if wo, ok := lw.c.cfg.Observer.(WatchObserver); ok && lw.opened.Add(1) > 1 {
		wo.ObserveWatchRestart(lw.r.String())
	}
	return newStreamWatch(resp.Body, cancel, lw.o.ManagedFields, lw.health.what, &lw.expired), nil
}

// query is the request's query: the watch's selectors and the reflector's
// options.
func (lw *listWatch) query(opts metav1.ListOptions) url.Values {
	q := url.Values{}
	set(q, "labelSelector", lw.o.LabelSelector)
	set(q, "fieldSelector", lw.o.FieldSelector)
	set(q, "resourceVersion", opts.ResourceVersion)
	set(q, "resourceVersionMatch", string(opts.ResourceVersionMatch))
	set(q, "continue", opts.Continue)
	if opts.Limit > 0 {
		q.Set("limit", strconv.FormatInt(opts.Limit, 10))
	}
	if opts.TimeoutSeconds != nil {
		q.Set("timeoutSeconds", strconv.FormatInt(*opts.TimeoutSeconds, 10))
	}
	if opts.AllowWatchBookmarks {
		q.Set("allowWatchBookmarks", "true")
	}
	if opts.SendInitialEvents != nil {
		q.Set("sendInitialEvents", strconv.FormatBool(*opts.SendInitialEvents))
	}
	return q
}

// unreachable handles a request that got no answer.
func (lw *listWatch) unreachable(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return err // stopping, not an outage
	}
	lw.health.failed(err)
	lw.first.decide(nil) // Watch returns; the reflector keeps trying
	return err
}

// refused handles an answer outside 2xx, and returns it as an error that
// client-go can read the status of.
func (lw *listWatch) refused(e *APIError, isWatch bool) error {
	switch {
	case e.Code >= 500:
		lw.health.failed(e)
		lw.first.decide(nil)
	case e.Code == http.StatusGone:
		lw.expired.Add(1)
	case isWatch && isPermanent(e):
		lw.first.decide(e)
	}
	return newStatusError(e)
}

// isPermanent says whether an answer means the watch cannot work until
// someone changes something (credentials, permissions, the resource). A
// 400 or 422 is not among them for watches: a server that does not know
// the streamed initial list refuses it so, and the reflector then falls
// back to list and watch.
func isPermanent(e *APIError) bool {
	switch e.Code {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusMethodNotAllowed:
		return true
	}
	return false
}

// watchError is the reflector's watch error handler: it is called when a
// whole list-and-watch attempt failed, before the reflector backs off.
// client-go's default logs every attempt; this one logs once per outage,
// and turns a first refusal into Watch's error.
func (lw *listWatch) watchError(ctx context.Context, _ *cache.Reflector, err error) {
	if ctx.Err() != nil {
		return
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		switch {
		case apiErr.Code == http.StatusGone:
			return // the reflector lists again at once
		case apiErr.Code/100 == 4 && apiErr.Code != http.StatusTooManyRequests:
			if lw.first.decide(apiErr) {
				return // Watch returns it: nothing to log
			}
		}
	}
	lw.health.failed(err)
}

// statusError is an *APIError as client-go reads errors: through
// apierrors.APIStatus, to tell 410 Gone, 429 and 500 apart.
type statusError struct {
	*APIError
	status metav1.Status
}

func newStatusError(e *APIError) *statusError {
	st := metav1.Status{Status: metav1.StatusFailure, Code: int32(e.Code),
		Reason: metav1.StatusReason(e.Reason), Message: e.Message}
	if len(e.Details) > 0 {
		st.Details = &metav1.StatusDetails{}
		if json.Unmarshal(e.Details, st.Details) != nil {
			st.Details = nil
		}
	}
	return &statusError{APIError: e, status: st}
}

// Status implements apierrors.APIStatus.
func (e *statusError) Status() metav1.Status { return e.status }

// Unwrap gives callers the *APIError.
func (e *statusError) Unwrap() error { return e.APIError }
