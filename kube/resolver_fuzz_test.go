package kube

import (
	"slices"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"
)

var resourceNameSeeds = []string{
	"pods", "po", "Pod", "deploy", "deployments.apps", "deployments.v1.apps", "Deployment.v1.apps",
	"events.events.k8s.io", "widgets.v1beta1.example.com", "deploymnets", "deploy/web", "pods/log",
	"", " ", ".", "..", "a..b", ".apps", "pods.", "v1", "/", "\x00", "\xff", "ПОДЫ", "pods\u00a0",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "*", "p*ds", "pods?x=1",
}

// FuzzResourceName feeds arbitrary strings through everything that the
// resolver does with what a user typed before and after asking the
// server: normalizing it, parsing it as kubectl does (resource.version.group
// and Kind.version.group), looking it up in a mapper over a fixed
// discovery document, and ranking the closest names for the error.
func FuzzResourceName(f *testing.F) {
	for _, s := range resourceNameSeeds {
		f.Add(s)
	}
	infos := fixtureInfos()
	known := map[string]bool{}
	for _, ri := range infos {
		known[ri.String()] = true
	}
	mapper := fixtureMapper()
	f.Fuzz(func(t *testing.T, typed string) {
		name, err := normalizeResourceArg(typed)
		if err != nil {
			return
		}
		if again, err := normalizeResourceArg(name); err != nil || again != name {
			t.Fatalf("normalizing %q is not idempotent: %q, %v", name, again, err)
		}
		if name == "" || strings.ContainsAny(name, "/ \t\n") {
			t.Fatalf("normalized %q to %q", typed, name)
		}
		schema.ParseResourceArg(name)
		schema.ParseKindArg(name)
		if m, err := mappingFor(mapper, name); err == nil && !known[resourceOf(m).String()] {
			t.Fatalf("%q resolved to %s, which the server does not serve", name, resourceOf(m))
		}
		checkSuggestions(t, name, closestResources(name, infos), known)
	})
}

func checkSuggestions(t *testing.T, typed string, got []string, known map[string]bool) {
	if len(got) > maxSuggestions {
		t.Fatalf("%d suggestions for %q, want at most %d", len(got), typed, maxSuggestions)
	}
	for i, s := range got {
		if !known[s] {
			t.Fatalf("suggested %q for %q: not a resource", s, typed)
		}
		if slices.Contains(got[:i], s) {
			t.Fatalf("suggested %q twice for %q", s, typed)
		}
	}
	if again := closestResources(typed, fixtureInfos()); !slices.Equal(again, got) {
		t.Fatalf("suggestions for %q differ between calls: %q, %q", typed, got, again)
	}
}
