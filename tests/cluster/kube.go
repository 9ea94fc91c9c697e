package main

import (
	_ "time/tzdata" // CronJob time zones, as in the upstream main packages

	"github.com/spf13/cobra"
	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"          // the JSON log format, as upstream
	_ "k8s.io/component-base/metrics/prometheus/clientgo" // client-go metrics, as upstream
	_ "k8s.io/component-base/metrics/prometheus/version"  // version metric, as upstream
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
)

// runAPIServer runs kube-apiserver with the given flags, exactly as the
// upstream binary would. The commands are built only when used: building
// the apiserver's sets up a signal handler that may exist once per process.
func runAPIServer(args []string) int {
	return runCobra(apiserver.NewAPIServerCommand(), args)
}

// runControllerManager runs kube-controller-manager with the given flags.
func runControllerManager(args []string) int {
	return runCobra(controllermanager.NewControllerManagerCommand(), args)
}

func runCobra(cmd *cobra.Command, args []string) int {
	cmd.SetArgs(args)
	return cli.Run(cmd)
}
