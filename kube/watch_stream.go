package kube

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/klog/v2"
)

// maxErrorBodySize bounds how much of a failed watch's answer is read.
const maxErrorBodySize = 1 << 20

// openStream sends a watch request and returns the response with its body
// unread, or an *APIError for a status outside 2xx. Unlike Do, it neither
// reads the body nor retries: the reflector backs off on its own.
func (c *Client) openStream(ctx context.Context, req Request, what string) (*http.Response, error) {
	if err := c.wait(ctx); err != nil {
		return nil, fmt.Errorf("waiting for the client rate limit: %w", err)
	}
	hreq, err := c.newHTTPRequest(ctx, req)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	hresp, err := c.http.Do(hreq)
	if c.cfg.Observer != nil {
		status := 0
		if hresp != nil {
			status = hresp.StatusCode
		}
		c.cfg.Observer.ObserveRequest(req.Verb, req.Method, status, time.Since(start))
	}
	if err != nil {
		return nil, c.transportError(ctx, req, err)
	}
	if hresp.StatusCode/100 == 2 {
		return hresp, nil
	}
	defer hresp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(hresp.Body, maxErrorBodySize))
	return nil, errorFor(&Response{Status: hresp.StatusCode, Headers: hresp.Header, Body: body}, what)
}

// streamWatch is a watch.Interface over a watch response: a goroutine
// decodes events into the result channel until the stream ends or Stop.
type streamWatch struct {
	result   chan watch.Event
	stop     chan struct{}
	exited   chan struct{}
	cancel   context.CancelFunc // the request's context
	stopOnce sync.Once
	expired  *atomic.Int64 // counts 410 Gone error events
}

func newStreamWatch(body io.ReadCloser, cancel context.CancelFunc, keepManagedFields bool, what string, expired *atomic.Int64) *streamWatch {
	sw := &streamWatch{
		result:  make(chan watch.Event),
		stop:    make(chan struct{}),
		exited:  make(chan struct{}),
		cancel:  cancel,
		expired: expired,
	}
	go sw.receive(body, newEventReader(body, keepManagedFields), what)
	return sw
}

// ResultChan is where events arrive. It is closed when the stream ends.
func (sw *streamWatch) ResultChan() <-chan watch.Event { return sw.result }

// Stop ends the stream and waits for its goroutine, so that a stopped
// watch leaves nothing running.
func (sw *streamWatch) Stop() {
	sw.stopOnce.Do(func() {
		close(sw.stop)
		sw.cancel() // aborts a read in progress
	})
	<-sw.exited
}

func (sw *streamWatch) receive(body io.ReadCloser, er *eventReader, what string) {
	defer close(sw.exited)
	defer close(sw.result)
	defer sw.cancel()
	defer body.Close()
	for {
		ev, err := er.next()
		if err != nil {
			sw.ended(err, what)
			return
		}
		if st, ok := ev.Object.(*metav1.Status); ok && st.Code == http.StatusGone {
			sw.expired.Add(1)
		}
		select {
		case sw.result <- ev:
		case <-sw.stop:
			return
		}
	}
}

// ended reports why a stream ended. A clean end (the server's timeout) or a
// cut connection just closes the channel: the reflector then watches again
// from the last resourceVersion. An event that cannot be decoded becomes an
// error event, as in client-go, so that the reflector starts over.
func (sw *streamWatch) ended(err error, what string) {
	select {
	case <-sw.stop:
		return
	default:
	}
	var readErr *readError
	if errors.Is(err, io.EOF) || errors.As(err, &readErr) {
		klog.V(4).Infof("%s: watch stream ended: %v", what, err)
		return
	}
	klog.V(2).Infof("%s: %v", what, err)
	status := apierrors.NewInternalError(fmt.Errorf("unable to decode an event from the watch stream: %w", err)).Status()
	select {
	case sw.result <- watch.Event{Type: watch.Error, Object: &status}:
	case <-sw.stop:
	}
}

// readError is a failure to read the stream (as opposed to decode it).
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }
