package kubelet

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
)

// hostIP is the node's address, which pods report as their host's.
const hostIP = "127.0.0.1"

// podStatus is the status a kubelet would report for pod in state s. It
// starts from the pod's current status so that what the apiserver set (such
// as qosClass, which may not change) and what was reported before (start
// times, transition times) is kept.
func podStatus(pod *v1.Pod, s state, podIP string, now metav1.Time) v1.PodStatus {
	status := *pod.Status.DeepCopy()
	if status.StartTime == nil {
		status.StartTime = &now
	}
	status.Phase = podPhase(s)
	status.HostIP, status.HostIPs = hostIP, []v1.HostIP{{IP: hostIP}}
	status.PodIP, status.PodIPs = podIP, []v1.PodIP{{IP: podIP}}
	status.ObservedGeneration = pod.Generation
	status.Conditions = podConditions(pod, s, now)
	status.InitContainerStatuses = initContainerStatuses(pod, s, *status.StartTime)
	status.ContainerStatuses = containerStatuses(pod, s, *status.StartTime, now)
	return status
}

func podPhase(s state) v1.PodPhase {
	switch s {
	case stateSucceeded:
		return v1.PodSucceeded
	case stateFailed:
		return v1.PodFailed
	}
	return v1.PodRunning
}

// podConditions are the five conditions a running kubelet reports.
func podConditions(pod *v1.Pod, s state, now metav1.Time) []v1.PodCondition {
	ready, reason, message := v1.ConditionTrue, "", ""
	switch s {
	case stateSucceeded:
		ready, reason = v1.ConditionFalse, "PodCompleted"
	case stateFailed:
		ready, reason = v1.ConditionFalse, "PodFailed"
	case stateCrashLoop:
		ready, reason = v1.ConditionFalse, "ContainersNotReady"
		message = fmt.Sprintf("containers with unready status: [%s]", strings.Join(containerNames(pod), " "))
	}
	conditions := pod.Status.Conditions
	for _, c := range []v1.PodCondition{
		{Type: v1.PodReadyToStartContainers, Status: v1.ConditionTrue},
		{Type: v1.PodInitialized, Status: v1.ConditionTrue},
		{Type: v1.ContainersReady, Status: ready, Reason: reason, Message: message},
		{Type: v1.PodReady, Status: ready, Reason: reason, Message: message},
		{Type: v1.PodScheduled, Status: v1.ConditionTrue},
	} {
		c.ObservedGeneration = pod.Generation
		c.LastTransitionTime = now
		conditions = setPodCondition(conditions, c)
	}
	return conditions
}

// setPodCondition replaces or adds c, keeping the old transition time when
// the condition's status did not change.
func setPodCondition(conditions []v1.PodCondition, c v1.PodCondition) []v1.PodCondition {
	conditions = append([]v1.PodCondition(nil), conditions...)
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

// initContainerStatuses reports regular init containers as completed and
// sidecars (init containers that restart always) as running.
func initContainerStatuses(pod *v1.Pod, s state, started metav1.Time) []v1.ContainerStatus {
	var statuses []v1.ContainerStatus
	for _, c := range pod.Spec.InitContainers {
		cs := baseContainerStatus(pod, c, 0)
		if c.RestartPolicy != nil && *c.RestartPolicy == v1.ContainerRestartPolicyAlways && s == stateRunning {
			cs.Ready, cs.Started = true, ptr.To(true)
			cs.State.Running = &v1.ContainerStateRunning{StartedAt: started}
		} else {
			cs.State.Terminated = terminated(cs.ContainerID, 0, started, started)
		}
		statuses = append(statuses, cs)
	}
	return statuses
}

func containerStatuses(pod *v1.Pod, s state, started, now metav1.Time) []v1.ContainerStatus {
	var statuses []v1.ContainerStatus
	for _, c := range pod.Spec.Containers {
		var cs v1.ContainerStatus
		switch s {
		case stateRunning:
			cs = baseContainerStatus(pod, c, 0)
			cs.Ready, cs.Started = true, ptr.To(true)
			cs.State.Running = &v1.ContainerStateRunning{StartedAt: started}
		case stateSucceeded:
			cs = baseContainerStatus(pod, c, 0)
			cs.State.Terminated = terminated(cs.ContainerID, 0, started, now)
		case stateFailed:
			cs = baseContainerStatus(pod, c, 0)
			cs.State.Terminated = terminated(cs.ContainerID, 1, started, now)
		case stateCrashLoop:
			cs = baseContainerStatus(pod, c, 1)
			cs.State.Waiting = &v1.ContainerStateWaiting{
				Reason:  string(stateCrashLoop),
				Message: fmt.Sprintf("back-off 10s restarting failed container=%s pod=%s_%s(%s)", c.Name, pod.Name, pod.Namespace, pod.UID),
			}
			cs.LastTerminationState.Terminated = terminated(cs.ContainerID, 1, started, now)
		}
		statuses = append(statuses, cs)
	}
	return statuses
}

// baseContainerStatus is a not-ready, not-started status of container c
// after the given number of restarts, with stable made-up image and
// container IDs in the formats containerd reports.
func baseContainerStatus(pod *v1.Pod, c v1.Container, restarts int32) v1.ContainerStatus {
	return v1.ContainerStatus{
		Name:         c.Name,
		Image:        c.Image,
		ImageID:      imageID(c.Image),
		ContainerID:  "containerd://" + digest(fmt.Sprintf("%s/%s/%d", pod.UID, c.Name, restarts)),
		RestartCount: restarts,
		Started:      ptr.To(false),
	}
}

func terminated(containerID string, exitCode int32, started, finished metav1.Time) *v1.ContainerStateTerminated {
	reason := "Completed"
	if exitCode != 0 {
		reason = "Error"
	}
	return &v1.ContainerStateTerminated{
		ExitCode: exitCode, Reason: reason, ContainerID: containerID,
		StartedAt: started, FinishedAt: finished,
	}
}

// imageID turns "nginx:1.27" into "nginx@sha256:..." as if pulled.
func imageID(image string) string {
	name := image
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name = name[:i]
	}
	return name + "@sha256:" + digest(image)
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func containerNames(pod *v1.Pod) []string {
	names := make([]string, 0, len(pod.Spec.Containers))
	for _, c := range pod.Spec.Containers {
		names = append(names, c.Name)
	}
	return names
}
