package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/klua/klua/tests/testcluster"
)

func build(ctx context.Context) error {
	bin, err := testcluster.Build(ctx, os.Stderr)
	if err != nil {
		return err
	}
	fmt.Println(bin)
	return nil
}

// up starts a control plane, says how to use it, and waits for a signal.
func up(ctx context.Context) error {
	c, err := start(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	fmt.Printf(`kubeconfig: %s (contexts %q, current, and %q)
server:     %s
logs:       %s/logs
admin token:  %s
nobody token: %s

pids:       %s

export KUBECONFIG=%s

Press Ctrl-C to stop it.
`, c.Kubeconfig, c.AdminContext, c.NobodyContext, c.Server, c.Dir,
		c.AdminToken, c.NobodyToken, formatPids(c.Pids()), c.Kubeconfig)
	<-ctx.Done()
	fmt.Fprintln(os.Stderr, "testcluster: stopping the control plane")
	return nil
}

// formatPids lists the components' pids in start order.
func formatPids(pids map[string]int) string {
	var parts []string
	for _, name := range []string{"etcd", "apiserver", "controller-manager", "kubelet"} {
		parts = append(parts, fmt.Sprintf("%s=%d", name, pids[name]))
	}
	return strings.Join(parts, " ")
}

// execCommand runs args as a command against a fresh control plane and
// returns its exit code.
func execCommand(ctx context.Context, args []string) (int, error) {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		return 0, errors.New("exec: no command given (testcluster exec -- CMD [ARGS...])")
	}
	c, err := start(ctx)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "KUBECONFIG="+c.Kubeconfig)
	// The command dies with us if we are killed. A Ctrl-C reaches it
	// directly, as it shares our process group and terminal; a SIGTERM sent
	// to us alone is passed on.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := testcluster.StartChild(cmd); err != nil {
		return 0, fmt.Errorf("exec: %w", err)
	}
	exited := make(chan struct{})
	defer close(exited)
	go func() {
		select {
		case <-ctx.Done():
			cmd.Process.Signal(syscall.SIGTERM)
		case <-exited:
		}
	}()
	err = cmd.Wait()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return exitErr.ExitCode(), nil
	}
	if err != nil {
		return 0, fmt.Errorf("exec: %w", err)
	}
	return 0, nil
}

func start(ctx context.Context) (*testcluster.Cluster, error) {
	began := time.Now()
	c, err := testcluster.Start(ctx, testcluster.Options{})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "testcluster: control plane ready in %s (%s)\n", time.Since(began).Round(10*time.Millisecond), c.Dir)
	return c, nil
}
