package kube

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeResourceArg(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{in: "pods", want: "pods"},
		{in: "  Deployments.apps\n", want: "Deployments.apps"},
		{in: "", err: "empty resource name"},
		{in: " \t", err: "empty resource name"},
		{in: "deploy/web", err: `give the name as its own argument: "deploy", "web"`},
		{in: "pods/log", err: "subresources go in opts.subresource"},
		{in: "config maps", err: "no spaces or control characters"},
		{in: "pods\x00", err: "no spaces or control characters"},
		{in: "pods\xff", err: "not valid UTF-8"},
	}
	for _, c := range cases {
		got, err := normalizeResourceArg(c.in)
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("normalizeResourceArg(%q) = %q, %v; want %q", c.in, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("normalizeResourceArg(%q) = %q, %v; want an error with %q", c.in, got, err, c.err)
		case c.err != "" && !errors.As(err, new(*ResourceNameError)):
			t.Errorf("normalizeResourceArg(%q): error %T, want *ResourceNameError", c.in, err)
		}
	}
}

func TestClosestResources(t *testing.T) {
	infos := fixtureInfos()
	cases := []struct {
		typed string
		want  []string
	}{
		{"deploymnets", []string{"deployments.apps"}},
		{"pod", []string{"pods", "nodes"}},
		{"CONFIGMAP", []string{"configmaps"}},
		{"evnts", []string{"events", "events.events.k8s.io"}},
		{"widgit", []string{"widgets.example.com"}},
		{"zzzzzzzzzzzz", nil},
	}
	for _, c := range cases {
		if got := closestResources(c.typed, infos); !slices.Equal(got, c.want) {
			t.Errorf("closestResources(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
}

// mappingFor resolves the forms kubectl accepts; the short names come
// from the shortcut expander in front of it, which needs a server.
func TestMappingFor(t *testing.T) {
	cases := []struct{ typed, want string }{
		{"pods", "pods"},
		{"pod", "pods"},
		{"Pod", "pods"},
		{"deployments.apps", "deployments.apps"},
		{"deployments.v1.apps", "deployments.apps"},
		{"Deployment", "deployments.apps"},
		{"Deployment.apps", "deployments.apps"},
		{"events.events.k8s.io", "events.events.k8s.io"},
		{"widgets.v1beta1.example.com", "widgets.example.com"},
	}
	mapper := fixtureMapper()
	for _, c := range cases {
		m, err := mappingFor(mapper, c.typed)
		if err != nil {
			t.Errorf("mappingFor(%q): %v", c.typed, err)
			continue
		}
		if got := resourceOf(m).String(); got != c.want {
			t.Errorf("mappingFor(%q) = %s, want %s", c.typed, got, c.want)
		}
	}
	if _, err := mappingFor(mapper, "deploymnets"); err == nil {
		t.Errorf("mappingFor of a typo found something")
	}
}
