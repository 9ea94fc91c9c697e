package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/klua/klua/tests/cluster/kubelet"
	"k8s.io/client-go/tools/clientcmd"
)

// runKubelet runs the fake kubelet until SIGTERM or SIGINT.
func runKubelet(args []string) int {
	fs := flag.NewFlagSet("kubelet", flag.ContinueOnError)
	kubeconfig := fs.String("kubeconfig", "", "kubeconfig of the identity the kubelet acts as (required)")
	nodeName := fs.String("node-name", "klua-node", "name of the Node to register")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *kubeconfig == "" {
		fmt.Fprintln(os.Stderr, "kubelet: --kubeconfig is required")
		return 2
	}
	config, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kubelet: load kubeconfig %q: %v\n", *kubeconfig, err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := kubelet.Run(ctx, config, *nodeName); err != nil {
		fmt.Fprintf(os.Stderr, "kubelet: %v\n", err)
		return 1
	}
	return 0
}
