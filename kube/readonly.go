package kube

import (
	"fmt"
	"net/http"
	"strings"
)

// ReadOnlyError is a write that the client refused to send because it is
// read-only (--read-only).
type ReadOnlyError struct {
	Verb      string // "create", "patch", ..., or "request" for kube.request
	What      string // `configmaps "x"`, or "POST /api/v1/..." for a raw request
	Namespace string
}

func (e *ReadOnlyError) Error() string {
	msg := "read-only: refusing to " + e.Verb + " " + e.What
	if e.Namespace != "" {
		msg += fmt.Sprintf(" in namespace %q", e.Namespace)
	}
	return msg + " (--read-only)"
}

// ReadOnly reports whether the client refuses every write.
func (c *Client) ReadOnly() bool { return c.cfg.ReadOnly }

// checkReadOnly refuses req before it is sent if it could change the
// cluster and the client is read-only. Dry runs are refused too: read-only
// means no write is sent at all, which is simpler to trust.
func (c *Client) checkReadOnly(req Request) error {
	if !c.cfg.ReadOnly || !isWrite(req) {
		return nil
	}
	if req.What == "" { // kube.request
		return &ReadOnlyError{Verb: "send", What: req.Method + " " + req.Path}
	}
	return &ReadOnlyError{Verb: req.Verb, What: req.What, Namespace: req.Namespace}
}

// reviewPrefixes are the API groups whose POSTs only ask a question
// ("may I list pods?", "who is this token?") and store nothing, as kubectl
// auth can-i and whoami use them; a read-only script may ask them.
var reviewPrefixes = []string{"/apis/authorization.k8s.io/", "/apis/authentication.k8s.io/"}

func isWrite(req Request) bool {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	case http.MethodPost:
		for _, p := range reviewPrefixes {
			if strings.HasPrefix(req.Path, p) {
				return false
			}
		}
	}
	return true
}
