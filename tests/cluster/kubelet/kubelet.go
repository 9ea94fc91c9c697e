// Package kubelet is a fake kubelet for klua's test control plane. There is
// no container runtime and no scheduler: it registers one Node that stays
// Ready, binds every unscheduled pod to it, and reports those pods' status as
// a real kubelet would once their containers run, so Deployments, Jobs and
// the rest behave as users know them. It also finishes the deletion of pods
// on its node, without which deleted pods would stay Terminating forever.
//
// Tests steer a pod with the annotation klua.dev/fake-phase (see
// PhaseAnnotation).
package kubelet

import (
	"context"
	"fmt"
	"log"
	"sync"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// Kubelet is the fake kubelet of one node.
type Kubelet struct {
	client kubernetes.Interface
	node   string
	logger *log.Logger

	mu     sync.Mutex
	podIPs map[string]string // pod UID -> the IP handed out to it
	nextIP int
}

// Run registers the node and keeps it and its pods up to date until ctx ends.
func Run(ctx context.Context, config *rest.Config, nodeName string) error {
	config = rest.CopyConfig(config)
	// Tests create pods in bursts; client-go's default 5 requests per second
	// would make every pod wait for its turn to be bound and started.
	config.QPS, config.Burst = 100, 200
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return fmt.Errorf("create client: %w", err)
	}
	k := &Kubelet{
		client: client,
		node:   nodeName,
		logger: log.New(log.Writer(), "kubelet: ", log.LstdFlags|log.Lmicroseconds),
		podIPs: map[string]string{},
	}
	if err := k.registerNode(ctx); err != nil {
		return err
	}
	go k.heartbeat(ctx)
	return k.runPods(ctx)
}
