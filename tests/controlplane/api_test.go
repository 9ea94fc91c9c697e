package controlplane

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/klua/klua/tests/testcluster"
)

// api is a minimal client of the Kubernetes API for one user.
type api struct {
	t      *testing.T
	server string
	token  string
	client *http.Client
}

// object is a decoded API object.
type object = map[string]any

func adminAPI(t *testing.T) *api {
	c := testcluster.Get(t)
	return newAPI(t, c, c.AdminToken)
}

func nobodyAPI(t *testing.T) *api {
	c := testcluster.Get(t)
	return newAPI(t, c, c.NobodyToken)
}

func newAPI(t *testing.T, c *testcluster.Cluster, token string) *api {
	t.Helper()
	if c.Server == "" || token == "" {
		t.Fatalf("no server or token for %s: write its kubeconfig as JSON (kubectl config view --raw --flatten -o json)", c.Kubeconfig)
	}
	tlsConfig := &tls.Config{}
	if len(c.CA) > 0 {
		tlsConfig.RootCAs = x509.NewCertPool()
		if !tlsConfig.RootCAs.AppendCertsFromPEM(c.CA) {
			t.Fatal("the cluster's CA is not PEM")
		}
	}
	return &api{t: t, server: c.Server, token: token, client: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{TLSClientConfig: tlsConfig},
	}}
}

// do sends a request and returns the status code and decoded body (nil
// when the body is not a JSON object).
func (a *api) do(method, path string, body any) (int, object) {
	a.t.Helper()
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			a.t.Fatalf("encode %s %s: %v", method, path, err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, a.server+path, reader)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+a.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.client.Do(req)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	var out object
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		a.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	json.Unmarshal(data, &out) // a non-object body leaves out nil
	return resp.StatusCode, out
}

// must sends a request that has to succeed with one of the 2xx codes.
func (a *api) must(method, path string, body any) object {
	a.t.Helper()
	code, out := a.do(method, path, body)
	if code < 200 || code > 299 {
		a.t.Fatalf("%s %s: HTTP %d: %v", method, path, code, out["message"])
	}
	return out
}

// namespace creates a namespace for one test and deletes it afterwards. It
// returns once the namespace's default ServiceAccount exists: until the
// controller-manager has created it, pods are refused there, in any cluster.
func (a *api) namespace() string {
	a.t.Helper()
	ns := a.must("POST", "/api/v1/namespaces", object{
		"metadata": object{"generateName": "controlplane-"},
	})
	name := str(ns, "metadata", "name")
	a.t.Cleanup(func() { a.do("DELETE", "/api/v1/namespaces/"+name, nil) })
	eventually(a.t, 30*time.Second, func() string {
		if code, _ := a.do("GET", "/api/v1/namespaces/"+name+"/serviceaccounts/default", nil); code != 200 {
			return "no default ServiceAccount in namespace " + name
		}
		return ""
	})
	return name
}

// eventually polls cond until it returns "" (done) or timeout passes, then
// fails with the last thing cond said was missing.
func eventually(t *testing.T, timeout time.Duration, cond func() string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		missing := cond()
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", timeout, missing)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// get walks a decoded object along keys (strings for maps, ints for lists)
// and returns nil where the path does not exist.
func get(v any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func str(v any, keys ...any) string {
	s, _ := get(v, keys...).(string)
	return s
}

func num(v any, keys ...any) int {
	f, _ := get(v, keys...).(float64)
	return int(f)
}

func items(v any) []any {
	l, _ := get(v, "items").([]any)
	return l
}

// condition returns the status of a pod's (or other object's) condition.
func condition(obj any, kind string) string {
	conds, _ := get(obj, "status", "conditions").([]any)
	for _, c := range conds {
		if str(c, "type") == kind {
			return str(c, "status")
		}
	}
	return ""
}

// describe summarizes an object's status for failure messages.
func describe(obj any) string {
	data, _ := json.Marshal(get(obj, "status"))
	return fmt.Sprintf("%s: status %s", str(obj, "metadata", "name"), data)
}
