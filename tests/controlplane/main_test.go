// Package controlplane tests the local control plane that klua's
// integration tests run against (tests/cluster, started by
// tests/testcluster): that it behaves as a real cluster where klua needs it
// to, and that it leaves nothing behind.
//
// The tests talk to the API with net/http and encoding/json only.
package controlplane

import (
	"os"
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		// A child started by TestNoLeftoverProcesses: run a cluster the
		// way TestMain does, but instead of tests, report it and wait.
		testcluster.Main(reportAndWait{})
	}
	testcluster.Main(m)
}
