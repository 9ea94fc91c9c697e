package testcluster

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"testing"
)

// EnvKubeconfig names the environment variable that points the tests at an
// existing cluster's kubeconfig instead of starting a control plane.
const EnvKubeconfig = "KLUA_TEST_KUBECONFIG"

// EnvKeep names the environment variable that, when not empty, makes Main
// keep the cluster's dir, with the components' logs, after the tests.
const EnvKeep = "KLUA_TEST_KEEP_CLUSTER"

// Runner is what Main runs while the cluster is up; *testing.M is one.
type Runner interface {
	Run() int
}

// current is the cluster of this test binary, set by Main.
var current struct {
	sync.Mutex
	cluster *Cluster
}

// Main is for TestMain: it starts a control plane (or uses the one
// KLUA_TEST_KUBECONFIG points at), runs the tests, stops the control plane
// and exits with the tests' exit code. On SIGINT or SIGTERM it stops the
// control plane and exits at once.
func Main(m Runner) {
	os.Exit(run(m))
}

// Get returns the cluster that Main started, failing the test if Main was
// not used.
func Get(t testing.TB) *Cluster {
	t.Helper()
	c := Current()
	if c == nil {
		t.Fatal("testcluster: no cluster; call testcluster.Main(m) from TestMain")
	}
	return c
}

// Current returns the cluster that Main started, or nil.
func Current() *Cluster {
	current.Lock()
	defer current.Unlock()
	return current.cluster
}

func run(m Runner) int {
	if path := os.Getenv(EnvKubeconfig); path != "" {
		c, err := External(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "testcluster: %v\n", err)
			return 1
		}
		setCurrent(c)
		return m.Run()
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go stopOnSignal(signals, cancel)

	c, err := Start(ctx, Options{KeepDir: os.Getenv(EnvKeep) != ""})
	if err != nil {
		fmt.Fprintf(os.Stderr, "testcluster: %v\n", err)
		return exitCode(1)
	}
	if c.local.keepDir {
		fmt.Fprintf(os.Stderr, "testcluster: %s is set: keeping %s\n", EnvKeep, c.Dir)
	}
	defer c.Close()
	if !setCurrent(c) {
		return exitCode(1)
	}
	return m.Run()
}

// interrupted is the signal that stopped this test binary, if one did.
var interrupted os.Signal

// setCurrent makes c the binary's cluster, unless a signal came first.
func setCurrent(c *Cluster) bool {
	current.Lock()
	defer current.Unlock()
	if interrupted != nil {
		return false
	}
	current.cluster = c
	return true
}

// exitCode is 128 plus the signal's number after a signal, as the shell
// reports a process killed by it, and code otherwise.
func exitCode(code int) int {
	current.Lock()
	defer current.Unlock()
	if sig, ok := interrupted.(syscall.Signal); ok {
		return 128 + int(sig)
	}
	return code
}

// stopOnSignal waits for a signal. During Start it cancels the start, and
// run then cleans up; once the tests run, which cannot be interrupted, it
// stops the cluster and exits itself.
func stopOnSignal(signals <-chan os.Signal, cancel context.CancelFunc) {
	sig := <-signals
	fmt.Fprintf(os.Stderr, "testcluster: %v: stopping the control plane\n", sig)
	current.Lock()
	interrupted = sig
	c := current.cluster
	current.Unlock()
	cancel()
	if c != nil {
		c.Close()
		os.Exit(exitCode(1))
	}
}
