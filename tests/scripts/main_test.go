// Package scripts runs every script in scripts/ against the real control
// plane, as users run them: through the klua binary.
package scripts

import (
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

func TestMain(m *testing.M) { testcluster.Main(m) }
