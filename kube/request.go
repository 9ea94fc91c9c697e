package kube

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"k8s.io/klog/v2"
)

// Request is one HTTP request to the API server. Path is relative to the
// server (for example "/api/v1/namespaces"); Query and Headers are added
// as given.
type Request struct {
	Verb    string // what the caller calls it, for errors and metrics: "get", "list", "create", ...
	Method  string
	Path    string
	Query   url.Values
	Headers http.Header
	Body    []byte
	// What and Namespace name the object for messages (`configmaps "x"`).
	What      string
	Namespace string
	// Sensitive marks requests whose bodies must never be logged (Secrets).
	Sensitive bool
}

// Response is what the server answered.
type Response struct {
	Status  int
	Headers http.Header
	Body    []byte
}

// Observer is told about every request, for logs and metrics.
type Observer interface {
	ObserveRequest(verb, method string, status int, latency time.Duration)
}

// WatchObserver, when the Config's Observer also implements it, is told
// about every watch event delivered and every watch stream opened again
// after the first (the server ended it, or the connection was lost).
type WatchObserver interface {
	ObserveWatchEvent(resource, eventType string)
	ObserveWatchRestart(resource string)
}

// ReconcileObserver, when the Config's Observer also implements it, is
// told about every reconcile call: its result (ReconcileSuccess,
// ReconcileError or ReconcileRequeue) and how long it took.
type ReconcileObserver interface {
	ObserveReconcile(resource, result string, d time.Duration)
}

// maxRetryAfter bounds how long a 429 or 503 answer may make klua wait
// before one more try, so that a server asking for minutes does not hang a
// script silently.
const (
	maxRetryAfter  = 10 * time.Second
	maxRetryTimes  = 5
	logBodyMaxSize = 10 << 10
)

// Do sends req and returns the response, whatever its status. It refuses
// writes when the client is read-only, waits on the client-side rate
// limit, retries when the server answers 429 Too Many Requests (or 503
// for a read) with a Retry-After header, as client-go does, and retries
// reads while a server it reached before cannot be reached (see
// retryUnreachable).
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	if err := c.checkReadOnly(req); err != nil {
		return nil, err
	}
	req.Sensitive = req.Sensitive || sensitivePath(req.Path)
	var outage outage
	for attempt := 1; ; attempt++ {
		resp, err := c.once1(ctx, req)
		if err != nil {
			wait, retry := c.retryUnreachable(ctx, req, err, &outage)
			if !retry {
				return nil, err
			}
			klog.V(2).Infof("%s %s: %v; retrying in %s", req.Method, req.Path, err, wait)
			if err := sleepCtx(ctx, wait); err != nil {
				return nil, err
			}
			continue
		}
		c.reached.Store(true)
		wait, retry := retryAfter(req, resp, attempt)
		if !retry {
			return resp, nil
		}
		klog.V(4).Infof("%s %s: %d, retrying after %s", req.Method, req.Path, resp.Status, wait)
		if err := sleepCtx(ctx, wait); err != nil {
			return nil, err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryAfter says whether and when to send req again.
func retryAfter(req Request, resp *Response, attempt int) (time.Duration, bool) {
	if attempt >= maxRetryTimes {
		return 0, false
	}
	switch {
	case resp.Status == http.StatusTooManyRequests:
	case resp.Status == http.StatusServiceUnavailable && req.Method == http.MethodGet:
	default:
		return 0, false
	}
	secs, err := strconv.Atoi(resp.Headers.Get("Retry-After"))
	if err != nil || secs < 0 {
		return 0, false
	}
	return min(time.Duration(secs)*time.Second, maxRetryAfter), true
}

func (c *Client) once1(ctx context.Context, req Request) (*Response, error) {
	if err := c.wait(ctx); err != nil {
		return nil, fmt.Errorf("waiting for the client rate limit: %w", err)
	}
	hreq, err := c.newHTTPRequest(ctx, req)
	if err != nil {
		return nil, err
	}
	logBody(req, "Request Body", req.Body)
	start := time.Now()
	hresp, err := c.http.Do(hreq)
	if err != nil {
		return nil, c.transportError(ctx, req, err)
	}
	defer hresp.Body.Close()
	body, err := io.ReadAll(hresp.Body)
	latency := time.Since(start)
	if c.cfg.Observer != nil {
		c.cfg.Observer.ObserveRequest(req.Verb, req.Method, hresp.StatusCode, latency)
	}
	if err != nil {
		return nil, c.transportError(ctx, req, fmt.Errorf("reading the answer: %w", err))
	}
	logBody(req, "Response Body", body)
	return &Response{Status: hresp.StatusCode, Headers: hresp.Header, Body: body}, nil
}

func (c *Client) newHTTPRequest(ctx context.Context, req Request) (*http.Request, error) {
	u := *c.base
	u.Path = c.base.Path + req.Path
	u.RawQuery = req.Query.Encode()
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("request %s %s: %w", req.Method, req.Path, err)
	}
	for k, vs := range req.Headers {
		for _, v := range vs {
			hreq.Header.Add(k, v)
		}
	}
	if hreq.Header.Get("Accept") == "" {
		hreq.Header.Set("Accept", "application/json")
	}
	if req.Body != nil && hreq.Header.Get("Content-Type") == "" {
		hreq.Header.Set("Content-Type", "application/json")
	}
	hreq.Header.Set("User-Agent", c.rest.UserAgent)
	return hreq, nil
}

// logBody logs a body at -v 8, as kubectl does, but never the body of a
// Secret request: it holds credentials.
func logBody(req Request, what string, body []byte) {
	if len(body) == 0 || !klog.V(8).Enabled() {
		return
	}
	if req.Sensitive {
		klog.Infof("%s: (%d bytes that may hold credentials, not logged)", what, len(body))
		return
	}
	if len(body) > logBodyMaxSize {
		klog.Infof("%s: %s [truncated %d chars]", what, body[:logBodyMaxSize], len(body)-logBodyMaxSize)
		return
	}
	klog.Infof("%s: %s", what, strings.TrimSpace(string(body)))
}
