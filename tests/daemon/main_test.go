// Package daemon tests klua as a long-running service against the real
// control plane: the deploy files (server-side dry run), leader election
// between two processes that authenticate as the deploy files' service
// account, and the health and metrics endpoints.
package daemon

import (
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

func TestMain(m *testing.M) { testcluster.Main(m) }
