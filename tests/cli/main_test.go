// Package cli tests klua as users run it: the binary, its flags, exit
// codes, messages and signals, against the real control plane.
package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

func TestMain(m *testing.M) { testcluster.Main(m) }

// script writes a Lua script into a temporary directory.
func script(t *testing.T, name, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
