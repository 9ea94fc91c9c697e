// Package watch tests watches as users run them, through the klua binary,
// against a control plane of its own: the tests kill and restart its
// apiserver.
package watch

import (
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

func TestMain(m *testing.M) { testcluster.Main(m) }
