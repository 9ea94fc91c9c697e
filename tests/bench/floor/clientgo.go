//go:build clientgo

package main

// What kube/ imports from client-go, linked and initialised but not
// called.
import (
	_ "k8s.io/client-go/discovery/cached/disk"
	_ "k8s.io/client-go/rest"
	_ "k8s.io/client-go/restmapper"
	_ "k8s.io/client-go/tools/cache"
	_ "k8s.io/client-go/tools/clientcmd"
	_ "k8s.io/client-go/tools/leaderelection"
	_ "k8s.io/client-go/tools/leaderelection/resourcelock"
	_ "k8s.io/client-go/tools/metrics"
	_ "k8s.io/client-go/util/flowcontrol"
	_ "k8s.io/client-go/util/workqueue"
)
