// Package docs runs the examples of docs/ that no package test runs: the
// guides (getting started, from kubectl and jq, editors, the command
// line) and the pages about how scripts run. Lua examples run as scripts
// through the klua binary; shell examples run in bash with klua on the
// PATH (also as kubectl-lua); both against the real control plane.
package docs

import (
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

func TestMain(m *testing.M) { testcluster.Main(m) }
