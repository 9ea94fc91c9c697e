package kube

import (
	"context"
	"strings"
	"testing"
)

// TestBuiltinResourcesMatchDiscovery checks every name the built-in table
// answers against what discovery on a real server resolves it to, so the
// table cannot drift from the API server's own idea of these resources.
func TestBuiltinResourcesMatchDiscovery(t *testing.T) {
	c := newTestClient(t, clusterFor(t), "admin", "")
	ctx := context.Background()
	for name, want := range builtinNames() {
		var got Resource
		var err error
		if apiVersion, kind, isKind := splitKindKey(name); isKind {
			got, err = c.discoverKind(ctx, apiVersion, kind)
		} else {
			got, err = c.discover(ctx, name)
		}
		if err != nil {
			t.Errorf("%q: discovery: %v", name, err)
			continue
		}
		if got != want {
			t.Errorf("%q: built in as %+v, discovery says %+v", name, want, got)
		}
	}
}

func TestBuiltinResourceNames(t *testing.T) {
	for _, tt := range []struct{ typed, want string }{
		{"pods", "pods"}, {"Pod", "pods"}, {"po", "pods"},
		{"events", "events"}, {"ev", "events"}, {"events.events.k8s.io", "events.events.k8s.io"},
		{"deploy", "deployments.apps"}, {"Deployment.apps", "deployments.apps"}, {"deployments.v1.apps", "deployments.apps"},
		{"CRDs", "customresourcedefinitions.apiextensions.k8s.io"},
	} {
		r, ok := builtinResource(tt.typed)
		if !ok || r.String() != tt.want {
			t.Errorf("builtinResource(%q) = %v, %v; want %s", tt.typed, r, ok, tt.want)
		}
	}
	for _, typed := range []string{"deployments.v1beta1.apps", "widgets", "pods.example.com"} {
		if r, ok := builtinResource(typed); ok {
			t.Errorf("builtinResource(%q) = %v, want discovery to decide", typed, r)
		}
	}
	if r, ok := builtinKind("apps/v1", "Deployment"); !ok || r.Name != "deployments" {
		t.Errorf(`builtinKind("apps/v1", "Deployment") = %v, %v`, r, ok)
	}
	if _, ok := builtinKind("autoscaling/v1", "HorizontalPodAutoscaler"); ok {
		t.Error("a version the table does not hold must go through discovery")
	}
}

// splitKindKey undoes kindKey; isKind is false for a typed name.
func splitKindKey(key string) (apiVersion, kind string, isKind bool) {
	i := strings.LastIndexByte(key, '/')
	if i < 0 {
		return "", "", false
	}
	return key[:i], key[i+1:], true
}
