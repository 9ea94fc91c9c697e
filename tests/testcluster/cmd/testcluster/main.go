// Command testcluster builds and runs klua's local Kubernetes control plane
// (see tests/testcluster) for people, CI and scripts:
//
//	go run ./tests/testcluster/cmd/testcluster build
//	go run ./tests/testcluster/cmd/testcluster up
//	go run ./tests/testcluster/cmd/testcluster exec -- CMD [ARGS...]
//
// build only builds (and caches) the control plane binary. up starts a
// control plane, prints how to reach it and keeps it until Ctrl-C. exec
// starts one, runs CMD with KUBECONFIG set, stops the control plane and
// exits with CMD's exit code.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage:
  testcluster build                 build and cache the control plane binary
  testcluster up                    start a control plane and keep it until Ctrl-C
  testcluster exec -- CMD [ARGS...] run CMD against a fresh control plane (KUBECONFIG set)
`

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	// A signal cancels what is going on; each command cleans up after it.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	var err error
	code := 0
	switch args[0] {
	case "build":
		err = build(ctx)
	case "up":
		err = up(ctx)
	case "exec":
		code, err = execCommand(ctx, args[1:])
	default:
		fmt.Fprintf(os.Stderr, "testcluster: unknown command %q\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "testcluster: %v\n", err)
		return 1
	}
	return code
}
