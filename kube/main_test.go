package kube

import (
	"flag"
	"os"
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

// TestMain runs the package's tests against a real control plane
// (tests/testcluster). With -short, it starts none, and the tests that
// need one skip: the pure tests then run in a second.
//
// This is the kube package's only TestMain: add integration tests beside
// it, reaching the cluster through clusterFor(t).
func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run())
	}
	testcluster.Main(m)
}

// clusterFor returns the test cluster, or skips the test under -short.
func clusterFor(tb testing.TB) *testcluster.Cluster {
	tb.Helper()
	if testing.Short() {
		tb.Skip("needs the test control plane (not started with -short)")
	}
	return testcluster.Get(tb)
}
