package controlplane

import (
	"testing"
	"time"

	"github.com/klua/klua/tests/testcluster"
)

// A Deployment's pods are bound to the node and run, and are Ready, so the
// Deployment becomes available: the controller-manager and the fake kubelet
// work together as in a real cluster.
func TestDeploymentPodsRunAndAreReady(t *testing.T) {
	a := adminAPI(t)
	ns := a.namespace()
	a.must("POST", "/apis/apps/v1/namespaces/"+ns+"/deployments", object{
		"metadata": object{"name": "web"},
		"spec": object{
			"replicas": 2,
			"selector": object{"matchLabels": object{"app": "web"}},
			"template": object{
				"metadata": object{"labels": object{"app": "web"}},
				"spec":     object{"containers": []object{{"name": "nginx", "image": "nginx:1.27"}}},
			},
		},
	})
	eventually(t, 60*time.Second, func() string {
		d := a.must("GET", "/apis/apps/v1/namespaces/"+ns+"/deployments/web", nil)
		if num(d, "status", "readyReplicas") != 2 || num(d, "status", "availableReplicas") != 2 {
			return "deployment not available: " + describe(d)
		}
		return ""
	})
	pods := items(a.must("GET", "/api/v1/namespaces/"+ns+"/pods?labelSelector=app%3Dweb", nil))
	if len(pods) != 2 {
		t.Fatalf("got %d pods, want 2", len(pods))
	}
	for _, pod := range pods {
		checkRunningPod(t, pod)
	}
}

// checkRunningPod checks the status fields that tools and klua scripts read
// of a running pod.
func checkRunningPod(t *testing.T, pod any) {
	t.Helper()
	name := str(pod, "metadata", "name")
	if got := str(pod, "spec", "nodeName"); got != testcluster.NodeName {
		t.Errorf("pod %s: nodeName %q, want %q", name, got, testcluster.NodeName)
	}
	if got := str(pod, "status", "phase"); got != "Running" {
		t.Errorf("pod %s: phase %q, want Running", name, got)
	}
	for _, kind := range []string{"PodScheduled", "Initialized", "ContainersReady", "Ready"} {
		if got := condition(pod, kind); got != "True" {
			t.Errorf("pod %s: condition %s is %q, want True", name, kind, got)
		}
	}
	for _, field := range []string{"podIP", "hostIP", "startTime"} {
		if str(pod, "status", field) == "" {
			t.Errorf("pod %s: no status.%s", name, field)
		}
	}
	cs := get(pod, "status", "containerStatuses", 0)
	if get(cs, "ready") != true || get(cs, "started") != true || str(cs, "state", "running", "startedAt") == "" {
		t.Errorf("pod %s: container not running and ready: %s", name, describe(pod))
	}
	if str(cs, "imageID") == "" || str(cs, "containerID") == "" || str(cs, "image") != "nginx:1.27" {
		t.Errorf("pod %s: container status lacks image or IDs: %s", name, describe(pod))
	}
}

// A Job's pod runs and succeeds, so the Job completes.
func TestJobCompletes(t *testing.T) {
	a := adminAPI(t)
	ns := a.namespace()
	a.must("POST", "/apis/batch/v1/namespaces/"+ns+"/jobs", object{
		"metadata": object{"name": "once"},
		"spec": object{"template": object{"spec": object{
			"restartPolicy": "Never",
			"containers":    []object{{"name": "main", "image": "busybox", "command": []string{"true"}}},
		}}},
	})
	eventually(t, 60*time.Second, func() string {
		job := a.must("GET", "/apis/batch/v1/namespaces/"+ns+"/jobs/once", nil)
		if num(job, "status", "succeeded") != 1 || condition(job, "Complete") != "True" {
			return "job not complete: " + describe(job)
		}
		return ""
	})
	pod := get(items(a.must("GET", "/api/v1/namespaces/"+ns+"/pods", nil)), 0)
	if got := str(pod, "status", "phase"); got != "Succeeded" {
		t.Errorf("job pod phase %q, want Succeeded", got)
	}
	if got := num(pod, "status", "containerStatuses", 0, "state", "terminated", "exitCode"); got != 0 {
		t.Errorf("job pod exit code %d, want 0", got)
	}
}

// A deleted pod goes away well before its 30 s grace period ends, because
// the kubelet finishes the deletion as a real one does once containers stop.
func TestDeletedPodGoesAway(t *testing.T) {
	a := adminAPI(t)
	ns := a.namespace()
	path := "/api/v1/namespaces/" + ns + "/pods/doomed"
	a.must("POST", "/api/v1/namespaces/"+ns+"/pods", pod("doomed", nil))
	eventually(t, 30*time.Second, func() string {
		if p := a.must("GET", path, nil); str(p, "status", "phase") != "Running" {
			return "pod not running: " + describe(p)
		}
		return ""
	})
	a.must("DELETE", path, nil)
	eventually(t, 15*time.Second, func() string {
		if code, p := a.do("GET", path, nil); code != 404 {
			return "pod still there: " + describe(p)
		}
		return ""
	})
}

// Deleting a namespace deletes what is in it, and then the namespace.
func TestNamespaceDeletionFinishes(t *testing.T) {
	a := adminAPI(t)
	ns := a.namespace()
	a.must("POST", "/api/v1/namespaces/"+ns+"/configmaps", object{"metadata": object{"name": "c"}})
	a.must("POST", "/api/v1/namespaces/"+ns+"/pods", pod("p", nil))
	a.must("DELETE", "/api/v1/namespaces/"+ns, nil)
	eventually(t, 60*time.Second, func() string {
		if code, obj := a.do("GET", "/api/v1/namespaces/"+ns, nil); code != 404 {
			return "namespace still there: " + describe(obj)
		}
		return ""
	})
}

// pod is a one-container pod manifest with the given annotations.
func pod(name string, annotations map[string]string) object {
	return object{
		"metadata": object{"name": name, "annotations": annotations},
		"spec":     object{"containers": []object{{"name": "main", "image": "nginx:1.27"}}},
	}
}
