// Package kluabin builds the klua binary once per test binary, for tests
// that run it as users do: as a process, with flags, exit codes and
// signals.
package kluabin

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"sync"
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

var built struct {
	once sync.Once
	path string
	err  error
}

// Path builds klua (once) and returns the binary's path.
func Path(t testing.TB) string {
	t.Helper()
	built.once.Do(func() { built.path, built.err = build() })
	if built.err != nil {
		t.Fatalf("building klua: %v", built.err)
	}
	return built.path
}

func build() (string, error) {
	root, err := testcluster.RepoRoot()
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "klua-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "klua")
	cmd := exec.Command(goTool(), "build", "-o", bin, ".")
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%v\n%s", err, out.String())
	}
	return bin, nil
}

func goTool() string {
	p := filepath.Join(goruntime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return "go"
}

// Result is what a klua run printed and how it ended.
type Result struct {
	Stdout, Stderr string
	Code           int
}

// Run runs klua with args against the test cluster (KUBECONFIG set to its
// kubeconfig) from the repository root, and waits for it.
func Run(t testing.TB, args ...string) Result {
	t.Helper()
	return Output(t, Command(t, args...))
}

// Output runs cmd (klua, or kubectl running klua as its plugin) and
// returns what it printed and its exit code.
func Output(t testing.TB, cmd *exec.Cmd) Result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %v: %v", cmd.Args, err)
	}
	return Result{Stdout: stdout.String(), Stderr: stderr.String(), Code: code}
}

// Command prepares a klua command against the test cluster, run from the
// repository root.
func Command(t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	c := testcluster.Get(t)
	root, err := testcluster.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(Path(t), args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "KUBECONFIG="+c.Kubeconfig)
	return cmd
}

// BinDir returns a new directory in which klua is linked under each of
// names, for tests to put first on a PATH: named kubectl-lua, kubectl
// runs it as its plugin "lua".
func BinDir(t testing.TB, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range names {
		if err := os.Symlink(Path(t), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
