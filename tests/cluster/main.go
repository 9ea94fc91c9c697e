// Command klua-cluster runs one component of the local Kubernetes control
// plane that klua's integration tests talk to: a real etcd, kube-apiserver
// and kube-controller-manager, and a fake kubelet. Each component runs in its
// own process (started by the tests/testcluster package), so a test can kill
// and restart the apiserver while etcd keeps the data, and so that the
// apiserver and the controller-manager, which both configure component-base's
// process-wide logging, never share a process.
//
// Usage:
//
//	klua-cluster etcd --data-dir DIR --client-port N --peer-port N
//	klua-cluster apiserver KUBE-APISERVER-FLAGS...
//	klua-cluster controller-manager KUBE-CONTROLLER-MANAGER-FLAGS...
//	klua-cluster kubelet --kubeconfig FILE [--node-name NAME]
package main

import (
	"fmt"
	"os"
)

// components maps each subcommand to the function that runs it with the
// remaining arguments and returns the process's exit code.
var components = map[string]func(args []string) int{
	"etcd":               runEtcd,
	"apiserver":          runAPIServer,
	"controller-manager": runControllerManager,
	"kubelet":            runKubelet,
}

func main() {
	if len(os.Args) < 2 || components[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: klua-cluster etcd|apiserver|controller-manager|kubelet [flags]")
		os.Exit(2)
	}
	exitWithParent()
	os.Exit(components[os.Args[1]](os.Args[2:]))
}
