package kubelet

import (
	"context"
	"fmt"
	"time"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/utils/ptr"
)

// workers is how many pods are handled at once.
const workers = 4

// podController reacts to pod changes seen by an informer: events only queue
// a pod's key, and workers act on the pod's latest state from the lister, so
// a burst of events for one pod is handled once.
type podController struct {
	*Kubelet
	pods  corelisters.PodLister
	queue workqueue.TypedRateLimitingInterface[string]
}

// runPods watches all pods and handles them until ctx ends.
func (k *Kubelet) runPods(ctx context.Context) error {
	factory := informers.NewSharedInformerFactory(k.client, 0)
	informer := factory.Core().V1().Pods()
	c := &podController{
		Kubelet: k,
		pods:    informer.Lister(),
		queue: workqueue.NewTypedRateLimitingQueue(
			workqueue.DefaultTypedControllerRateLimiter[string]()),
	}
	defer c.queue.ShutDown()
	enqueue := func(obj any) {
		if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
			c.queue.Add(key)
		}
	}
	_, err := informer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    enqueue,
		UpdateFunc: func(_, obj any) { enqueue(obj) },
		DeleteFunc: k.forgetPodIP,
	})
	if err != nil {
		return fmt.Errorf("watch pods: %w", err)
	}
	factory.Start(ctx.Done())
	defer factory.Shutdown()
	if !cache.WaitForCacheSync(ctx.Done(), informer.Informer().HasSynced) {
		return fmt.Errorf("list pods: %w", ctx.Err())
	}
	k.logger.Printf("watching pods")
	for range workers {
		go c.work(ctx)
	}
	<-ctx.Done()
	return nil
}

func (c *podController) work(ctx context.Context) {
	for {
		key, shutdown := c.queue.Get()
		if shutdown {
			return
		}
		if err := c.sync(ctx, key); err != nil {
			c.logger.Printf("pod %s (will retry): %v", key, err)
			c.queue.AddRateLimited(key)
		} else {
			c.queue.Forget(key)
		}
		c.queue.Done(key)
	}
}

// sync moves one pod a step towards what a kubelet would make of it.
func (c *podController) sync(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil // not a key this controller queued; nothing to retry
	}
	pod, err := c.pods.Pods(namespace).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case pod.Spec.NodeName == "" && pod.DeletionTimestamp == nil && !staysPending(pod):
		return c.bind(ctx, pod)
	case pod.Spec.NodeName != c.node:
		return nil
	case pod.DeletionTimestamp != nil:
		return c.forceDelete(ctx, pod)
	default:
		return c.syncStatus(ctx, key, pod)
	}
}

// bind does the scheduler's job: there is one node, so every pod goes there.
func (c *podController) bind(ctx context.Context, pod *v1.Pod) error {
	binding := &v1.Binding{
		ObjectMeta: metav1.ObjectMeta{Name: pod.Name, Namespace: pod.Namespace, UID: pod.UID},
		Target:     v1.ObjectReference{Kind: "Node", Name: c.node},
	}
	err := c.client.CoreV1().Pods(pod.Namespace).Bind(ctx, binding, metav1.CreateOptions{})
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil // deleted meanwhile, or bound already: nothing left to do
	}
	if err != nil {
		return fmt.Errorf("bind to node %q: %w", c.node, err)
	}
	return nil
}

// forceDelete ends a graceful deletion, as a real kubelet does once the
// pod's containers have stopped (here: at once).
func (c *podController) forceDelete(ctx context.Context, pod *v1.Pod) error {
	err := c.client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{
		GracePeriodSeconds: ptr.To[int64](0),
		Preconditions:      &metav1.Preconditions{UID: &pod.UID},
	})
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil // gone already, or a new pod with the same name
	}
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	return nil
}

// syncStatus writes the pod's next status, if it has one, and queues the pod
// again when its state is due to change with time (a Job's pod finishing).
func (c *podController) syncStatus(ctx context.Context, key string, pod *v1.Pod) error {
	now := time.Now()
	want, after := desiredState(pod, now)
	if after > 0 {
		c.queue.AddAfter(key, after)
	}
	if want == observedState(pod) {
		return nil
	}
	updated := pod.DeepCopy()
	updated.Status = podStatus(pod, want, c.podIP(pod), metav1.NewTime(now))
	_, err := c.client.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, updated, metav1.UpdateOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("update status to %s: %w", want, err)
	}
	return nil
}

// podIP returns the pod's IP, handing out a new one on first use. The
// addresses are never dialled (there are no containers): they only need to
// be valid and distinct, and not loopback, which Endpoints reject.
func (k *Kubelet) podIP(pod *v1.Pod) string {
	if pod.Status.PodIP != "" {
		return pod.Status.PodIP
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if ip, ok := k.podIPs[string(pod.UID)]; ok {
		return ip
	}
	k.nextIP = k.nextIP%(254*254) + 1
	ip := fmt.Sprintf("10.244.%d.%d", k.nextIP/254, k.nextIP%254+1)
	k.podIPs[string(pod.UID)] = ip
	return ip
}

// forgetPodIP drops a deleted pod's IP from the ones handed out.
func (k *Kubelet) forgetPodIP(obj any) {
	if tombstone, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = tombstone.Obj
	}
	if pod, ok := obj.(*v1.Pod); ok {
		k.mu.Lock()
		delete(k.podIPs, string(pod.UID))
		k.mu.Unlock()
	}
}
