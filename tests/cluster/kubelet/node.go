package kubelet

import (
	"context"
	"fmt"
	goruntime "runtime"
	"runtime/debug"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/util/retry"
	"k8s.io/utils/ptr"
)

const (
	// heartbeatPeriod is how often the node's Lease and Ready condition are
	// renewed: as often as a real kubelet renews its Lease, well inside the
	// node-lifecycle controller's grace period, after which it would taint
	// the node and evict its pods.
	heartbeatPeriod = 10 * time.Second
	leaseDuration   = 40 // seconds, as a real kubelet's
	nodeLeaseNS     = "kube-node-lease"
)

// registerNode creates the Node (if it does not exist yet) and reports it
// Ready, retrying until it succeeds or ctx ends.
func (k *Kubelet) registerNode(ctx context.Context) error {
	for {
		err := k.ensureNode(ctx)
		if err == nil {
			k.logger.Printf("node %q registered and Ready", k.node)
			return nil
		}
		k.logger.Printf("register node %q (will retry): %v", k.node, err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("register node %q: %w", k.node, ctx.Err())
		case <-time.After(time.Second):
		}
	}
}

// heartbeat renews the node's Lease and status until ctx ends.
func (k *Kubelet) heartbeat(ctx context.Context) {
	ticker := time.NewTicker(heartbeatPeriod)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		if err := k.ensureNode(ctx); err != nil {
			k.logger.Printf("heartbeat of node %q: %v", k.node, err)
		}
	}
}

// ensureNode creates the Node if needed, then renews its status and Lease.
// Creating it again here means a test that deletes the Node gets it back.
func (k *Kubelet) ensureNode(ctx context.Context) error {
	node, err := k.client.CoreV1().Nodes().Create(ctx, k.newNode(), metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		node, err = k.client.CoreV1().Nodes().Get(ctx, k.node, metav1.GetOptions{})
	}
	if err != nil {
		return fmt.Errorf("create node %q: %w", k.node, err)
	}
	if err := k.updateNodeStatus(ctx); err != nil {
		return err
	}
	return k.renewLease(ctx, node)
}

func (k *Kubelet) newNode() *v1.Node {
	return &v1.Node{ObjectMeta: metav1.ObjectMeta{
		Name: k.node,
		Labels: map[string]string{
			"kubernetes.io/hostname": k.node,
			"kubernetes.io/os":       "linux",
			"kubernetes.io/arch":     goruntime.GOARCH,
		},
	}}
}

func (k *Kubelet) updateNodeStatus(ctx context.Context) error {
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		node, err := k.client.CoreV1().Nodes().Get(ctx, k.node, metav1.GetOptions{})
		if err != nil {
			return err
		}
		node.Status = nodeStatus(node.Status, k.node, metav1.Now())
		_, err = k.client.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{})
		return err
	})
	if err != nil {
		return fmt.Errorf("update status of node %q: %w", k.node, err)
	}
	return nil
}

// nodeStatus is the status of a healthy node with room for many pods.
func nodeStatus(old v1.NodeStatus, name string, now metav1.Time) v1.NodeStatus {
	resources := v1.ResourceList{
		v1.ResourceCPU:              resource.MustParse("8"),
		v1.ResourceMemory:           resource.MustParse("32Gi"),
		v1.ResourcePods:             resource.MustParse("110"),
		v1.ResourceEphemeralStorage: resource.MustParse("100Gi"),
	}
	conditions := old.Conditions
	for _, c := range []struct {
		kind           v1.NodeConditionType
		status         v1.ConditionStatus
		reason, detail string
	}{
		{v1.NodeReady, v1.ConditionTrue, "KubeletReady", "kubelet is posting ready status"},
		{v1.NodeMemoryPressure, v1.ConditionFalse, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
		{v1.NodeDiskPressure, v1.ConditionFalse, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
		{v1.NodePIDPressure, v1.ConditionFalse, "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
	} {
		conditions = setNodeCondition(conditions, v1.NodeCondition{
			Type: c.kind, Status: c.status, Reason: c.reason, Message: c.detail,
			LastHeartbeatTime: now, LastTransitionTime: now,
		})
	}
	return v1.NodeStatus{
		Capacity:    resources,
		Allocatable: resources,
		Phase:       v1.NodeRunning,
		Conditions:  conditions,
		Addresses: []v1.NodeAddress{
			{Type: v1.NodeInternalIP, Address: "127.0.0.1"},
			{Type: v1.NodeHostName, Address: name},
		},
		NodeInfo: v1.NodeSystemInfo{
			KubeletVersion:          kubernetesVersion(),
			OperatingSystem:         "linux",
			Architecture:            goruntime.GOARCH,
			ContainerRuntimeVersion: "fake://klua",
			OSImage:                 "klua fake kubelet",
		},
	}
}

// setNodeCondition replaces or adds c, keeping the old transition time when
// the condition's status did not change.
func setNodeCondition(conditions []v1.NodeCondition, c v1.NodeCondition) []v1.NodeCondition {
	for i := range conditions {
		if conditions[i].Type != c.Type {
			continue
		}
		if conditions[i].Status == c.Status {
			c.LastTransitionTime = conditions[i].LastTransitionTime
		}
		conditions[i] = c
		return conditions
	}
	return append(conditions, c)
}

// renewLease creates or renews the node's Lease in kube-node-lease, the
// node-lifecycle controller's main sign that the kubelet is alive.
func (k *Kubelet) renewLease(ctx context.Context, node *v1.Node) error {
	leases := k.client.CoordinationV1().Leases(nodeLeaseNS)
	now := metav1.NewMicroTime(time.Now())
	lease, err := leases.Get(ctx, k.node, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		lease = &coordinationv1.Lease{ObjectMeta: metav1.ObjectMeta{
			Name:      k.node,
			Namespace: nodeLeaseNS,
			OwnerReferences: []metav1.OwnerReference{{
				APIVersion: "v1", Kind: "Node", Name: node.Name, UID: node.UID,
			}},
		}}
		lease.Spec = leaseSpec(k.node, now)
		_, err = leases.Create(ctx, lease, metav1.CreateOptions{})
	} else if err == nil {
		lease.Spec = leaseSpec(k.node, now)
		_, err = leases.Update(ctx, lease, metav1.UpdateOptions{})
	}
	if err != nil {
		return fmt.Errorf("renew lease of node %q: %w", k.node, err)
	}
	return nil
}

func leaseSpec(holder string, now metav1.MicroTime) coordinationv1.LeaseSpec {
	return coordinationv1.LeaseSpec{
		HolderIdentity:       ptr.To(holder),
		LeaseDurationSeconds: ptr.To[int32](leaseDuration),
		RenewTime:            &now,
	}
}

// kubernetesVersion is the version of k8s.io/kubernetes this binary was
// built with, which the node reports as its kubelet's.
func kubernetesVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "k8s.io/kubernetes" {
				return dep.Version
			}
		}
	}
	return "v0.0.0-unknown"
}
