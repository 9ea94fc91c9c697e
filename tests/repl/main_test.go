// Package repl tests klua repl as a person uses it: the built binary on a
// pseudo-terminal, keys in and the screen's text out, against the real
// control plane.
package repl

import (
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

func TestMain(m *testing.M) { testcluster.Main(m) }
