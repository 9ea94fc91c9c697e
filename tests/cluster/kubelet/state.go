package kubelet

import (
	"time"

	v1 "k8s.io/api/core/v1"
)

// PhaseAnnotation on a pod overrides what the fake kubelet makes of it:
//
//	Pending           the pod is never bound, so it stays Pending
//	Running           the pod runs (and stays running, even for a Job)
//	Succeeded         the pod runs, then its containers exit with 0
//	Failed            the pod's containers exit with 1
//	CrashLoopBackOff  the pod is Running, its containers restart and are not ready
//
// Without it, a pod runs; one whose restartPolicy is Never or OnFailure (a
// Job's) succeeds about a second later.
const PhaseAnnotation = "klua.dev/fake-phase"

// jobRunTime is how long a pod that will succeed runs first, so that
// watchers see it Running before it completes.
const jobRunTime = time.Second

// state is what the fake kubelet reports of a pod's containers.
type state string

const (
	stateNone      state = "None" // not started: no status written yet
	stateRunning   state = "Running"
	stateSucceeded state = "Succeeded"
	stateFailed    state = "Failed"
	stateCrashLoop state = "CrashLoopBackOff"
)

// staysPending reports whether a test asked for the pod to stay unbound.
func staysPending(pod *v1.Pod) bool {
	return pod.Annotations[PhaseAnnotation] == string(v1.PodPending)
}

// observedState tells which state the pod's current status reports.
func observedState(pod *v1.Pod) state {
	switch pod.Status.Phase {
	case v1.PodSucceeded:
		return stateSucceeded
	case v1.PodFailed:
		return stateFailed
	case v1.PodRunning:
		for _, cs := range pod.Status.ContainerStatuses {
			if cs.State.Waiting != nil && cs.State.Waiting.Reason == string(stateCrashLoop) {
				return stateCrashLoop
			}
		}
		return stateRunning
	}
	return stateNone
}

// desiredState is the state the pod should be in now, and, if that will
// change by itself, how long until it does.
func desiredState(pod *v1.Pod, now time.Time) (state, time.Duration) {
	current := observedState(pod)
	if current == stateSucceeded || current == stateFailed {
		return current, 0 // terminal: the apiserver refuses to leave it
	}
	switch pod.Annotations[PhaseAnnotation] {
	case string(stateFailed):
		return stateFailed, 0
	case string(stateCrashLoop):
		return stateCrashLoop, 0
	case string(stateRunning):
		return stateRunning, 0
	case string(stateSucceeded):
		return runThenSucceed(pod, current, now)
	}
	if pod.Spec.RestartPolicy == v1.RestartPolicyNever || pod.Spec.RestartPolicy == v1.RestartPolicyOnFailure {
		return runThenSucceed(pod, current, now)
	}
	return stateRunning, 0
}

// runThenSucceed is the life of a pod that completes: Running for
// jobRunTime, then Succeeded.
func runThenSucceed(pod *v1.Pod, current state, now time.Time) (state, time.Duration) {
	if current != stateRunning || pod.Status.StartTime == nil {
		return stateRunning, jobRunTime
	}
	if left := pod.Status.StartTime.Add(jobRunTime).Sub(now); left > 0 {
		return stateRunning, left
	}
	return stateSucceeded, 0
}
