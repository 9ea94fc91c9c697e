package kube

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	get := Request{Method: http.MethodGet}
	post := Request{Method: http.MethodPost}
	cases := []struct {
		name    string
		req     Request
		status  int
		header  string
		attempt int
		wait    time.Duration
		retry   bool
	}{
		{"429 with Retry-After", post, 429, "1", 1, time.Second, true},
		{"429 capped", get, 429, "3600", 1, maxRetryAfter, true},
		{"429 without Retry-After", get, 429, "", 1, 0, false},
		{"429 with a date", get, 429, "Wed, 21 Oct 2026 07:28:00 GMT", 1, 0, false},
		{"429 negative", get, 429, "-1", 1, 0, false},
		{"429 on the last attempt", get, 429, "1", maxRetryTimes, 0, false},
		{"503 read", get, 503, "2", 1, 2 * time.Second, true},
		{"503 write", post, 503, "2", 1, 0, false},
		{"500", get, 500, "1", 1, 0, false},
		{"200", get, 200, "1", 1, 0, false},
	}
	for _, c := range cases {
		resp := &Response{Status: c.status, Headers: http.Header{}}
		if c.header != "" {
			resp.Headers.Set("Retry-After", c.header)
		}
		wait, retry := retryAfter(c.req, resp, c.attempt)
		if wait != c.wait || retry != c.retry {
			t.Errorf("%s: %s, %v; want %s, %v", c.name, wait, retry, c.wait, c.retry)
		}
	}
}

func TestSensitivePath(t *testing.T) {
	cases := map[string]bool{
		"/api/v1/namespaces/x/secrets":                             true,
		"/api/v1/namespaces/x/secrets/y":                           true,
		"/api/v1/secrets":                                          true,
		"/api/v1/namespaces/x/serviceaccounts/default/token":       true,
		"/apis/authentication.k8s.io/v1/tokenreviews":              true,
		"/api/v1/namespaces/x/configmaps/secrets":                  true, // a ConfigMap named "secrets": safe side
		"/api/v1/namespaces/x/configmaps":                          false,
		"/api/v1/namespaces/x/serviceaccounts/token":               false,
		"/apis/example.com/v1/namespaces/x/secrets":                false,
		"/apis/authorization.k8s.io/v1/selfsubjectaccessreviews":   false,
		"/api/v1/namespaces/x/serviceaccounts/default/token/extra": false,
	}
	for path, want := range cases {
		if got := sensitivePath(path); got != want {
			t.Errorf("sensitivePath(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestReadOnlyRefusesWritesOnly(t *testing.T) {
	c := New(Config{ReadOnly: true})
	cases := []struct {
		req     Request
		refused string
	}{
		{Request{Verb: "get", Method: http.MethodGet, Path: "/api/v1/pods"}, ""},
		{Request{Verb: "request", Method: http.MethodHead, Path: "/api"}, ""},
		{Request{Verb: "create", Method: http.MethodPost, Path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"}, ""},
		{Request{Verb: "create", Method: http.MethodPost, Path: "/apis/authentication.k8s.io/v1/selfsubjectreviews"}, ""},
		{Request{Verb: "create", Method: http.MethodPost, Path: "/api/v1/namespaces/a/configmaps", What: `configmaps "x"`, Namespace: "a"},
			`read-only: refusing to create configmaps "x" in namespace "a" (--read-only)`},
		{Request{Verb: "delete", Method: http.MethodDelete, Path: "/api/v1/namespaces/a", What: `namespaces "a"`},
			`read-only: refusing to delete namespaces "a" (--read-only)`},
		{Request{Verb: "request", Method: http.MethodPut, Path: "/apis/authorization.k8s.io/v1/clusterroles/x"},
			`read-only: refusing to send PUT /apis/authorization.k8s.io/v1/clusterroles/x (--read-only)`},
	}
	for _, tc := range cases {
		err := c.checkReadOnly(tc.req)
		if got := errString(err); got != tc.refused {
			t.Errorf("%s %s: %q, want %q", tc.req.Method, tc.req.Path, got, tc.refused)
		}
	}
	if err := New(Config{}).checkReadOnly(Request{Method: http.MethodDelete}); err != nil {
		t.Errorf("a client that is not read-only refused a write: %v", err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
