package kube

import (
	"context"
	"slices"
	"testing"
)

func TestNamesListsObjectNames(t *testing.T) {
	cl := clusterFor(t)
	c := newTestClient(t, cl, cl.AdminContext, "")
	ctx := context.Background()
	ns := testNamespace(t, c)
	for _, name := range []string{"names-b", "names-a"} {
		must(t, createConfigMap(ctx, c, ns, name, nil))
	}
	got, err := c.Names(ctx, configMaps, inNamespace(ns), 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"names-a", "names-b"}
	if !slices.Equal(got, want) {
		t.Errorf("Names = %q, want %q", got, want)
	}
	nsRes, err := c.Resolve(ctx, "namespaces")
	if err != nil {
		t.Fatal(err)
	}
	all, err := c.Names(ctx, nsRes, Options{}, 100000)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(all, ns) || !slices.Contains(all, "default") {
		t.Errorf("the %d namespaces lack %q or default", len(all), ns)
	}
	if few, err := c.Names(ctx, nsRes, Options{}, 1); err != nil || len(few) != 1 {
		t.Errorf("Names with max 1 = %q, %v; want one name", few, err)
	}
}

func TestContexts(t *testing.T) {
	cl := clusterFor(t)
	c := newTestClient(t, cl, cl.AdminContext, "")
	got, err := c.Contexts()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got, cl.AdminContext) || !slices.Contains(got, cl.NobodyContext) || !slices.IsSorted(got) {
		t.Errorf("Contexts() = %q, want %q and %q, sorted", got, cl.AdminContext, cl.NobodyContext)
	}
}
