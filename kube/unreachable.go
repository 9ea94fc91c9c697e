package kube

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	utilnet "k8s.io/apimachinery/pkg/util/net"
)

// How long reads wait for a server that went away. A restarting
// kube-apiserver is back within seconds; the cap keeps a script from
// hanging silently on one that is gone for good.
const (
	unreachableFirstWait = 250 * time.Millisecond
	unreachableMaxWait   = 4 * time.Second
	unreachableBudget    = 30 * time.Second
)

// UnreachableError says the API server could not be reached, or the
// connection broke before the answer came.
type UnreachableError struct {
	Server string
	Req    string // "GET /api/v1/..."
	Err    error
	// MaybeApplied is true for a write whose connection broke after it
	// was sent: the server may have carried it out.
	MaybeApplied bool
}

func (e *UnreachableError) Error() string {
	msg := fmt.Sprintf("cannot reach the API server at %s (%s): %v", e.Server, e.Req, e.Err)
	if e.MaybeApplied {
		msg += "; the write may have been applied before the connection broke: check before trying again"
	}
	return msg
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// RequestTimeoutError is a request that got no (complete) answer within
// --request-timeout.
type RequestTimeoutError struct {
	Req     string
	Timeout time.Duration
}

func (e *RequestTimeoutError) Error() string {
	return fmt.Sprintf("%s: no answer within the request timeout of %s (--request-timeout)", e.Req, e.Timeout)
}

// Unwrap makes the timeout a context.DeadlineExceeded for errors.Is.
func (e *RequestTimeoutError) Unwrap() error { return context.DeadlineExceeded }

// transportError explains a request that failed below HTTP: the run was
// cancelled, --request-timeout passed, or the server is out of reach.
func (c *Client) transportError(ctx context.Context, req Request, err error) error {
	what := req.Method + " " + req.Path
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", what, ctx.Err())
	}
	if isTimeout(err) && c.rest.Timeout > 0 {
		return &RequestTimeoutError{Req: what, Timeout: c.rest.Timeout}
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // *url.Error repeats the method and URL
	}
	return &UnreachableError{Server: c.rest.Host, Req: what, Err: err,
		MaybeApplied: isWrite(req) && !isDialError(err)}
}

// discoveryError explains a failed discovery request (resolving a
// resource name) as transportError explains any other.
func (c *Client) discoveryError(ctx context.Context, err error) error {
	var uerr *url.Error
	if !errors.As(err, &uerr) {
		return err
	}
	path := uerr.URL
	if u, perr := url.Parse(uerr.URL); perr == nil {
		path = u.Path
	}
	return c.transportError(ctx, Request{Method: http.MethodGet, Path: path}, uerr)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded)
}

// isDialError reports whether the connection was never made, so that no
// byte of the request reached the server.
func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial" || utilnet.IsConnectionRefused(err)
}

// outage tracks one request's retries while the server is unreachable.
type outage struct {
	start time.Time
	wait  time.Duration
}

// retryUnreachable decides whether to send a read again after err. Only
// reads are retried (a write may have been applied, and is reported
// instead), only when the server was reached before by this client (a
// wrong address or a server down at start fails at once), only for
// connection failures (not --request-timeout), and only for
// unreachableBudget, or --request-timeout when that is shorter.
func (c *Client) retryUnreachable(ctx context.Context, req Request, err error, o *outage) (time.Duration, bool) {
	var ue *UnreachableError
	if req.Method != http.MethodGet || !c.reached.Load() || ctx.Err() != nil || !errors.As(err, &ue) || !isConnectionFailure(ue.Err) {
		return 0, false
	}
	now := time.Now()
	if o.start.IsZero() {
		o.start, o.wait = now, unreachableFirstWait
	}
	budget := unreachableBudget
	if t := c.rest.Timeout; t > 0 && t < budget {
		budget = t
	}
	wait := o.wait + time.Duration(rand.Int64N(int64(o.wait)/4+1))
	if now.Add(wait).Sub(o.start) > budget {
		return 0, false
	}
	o.wait = min(2*o.wait, unreachableMaxWait)
	return wait, true
}

func isConnectionFailure(err error) bool {
	return utilnet.IsConnectionRefused(err) || utilnet.IsConnectionReset(err) ||
		utilnet.IsProbableEOF(err) || isDialError(err)
}

// sensitivePath reports whether a request's bodies may hold credentials,
// so that -v 8 must not log them: Secrets, ServiceAccount tokens
// (TokenRequest), and TokenReviews.
func sensitivePath(path string) bool {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	for i, p := range parts {
		switch {
		case p == "secrets" && len(parts) > 0 && parts[0] == "api":
			return true
		case p == "tokenreviews":
			return true
		case p == "token" && i == len(parts)-1 && i >= 2 && parts[i-2] == "serviceaccounts":
			return true
		}
	}
	return false
}
