package scripts

import (
	"testing"
)

func TestImagesInUse(t *testing.T) {
	ns := newNamespace(t, "scripts-images")
	luaIn(t, ns, seedLua+`
		kube.create(pod("a", {containers = {{name = "web", image = "nginx:1.27"}, {name = "side", image = "busybox:1.36"}}}))
		kube.create(pod("b", {image = "nginx:1.27"}))
		kube.create(pod("c", {spec = {initContainers = {{name = "init", image = "alpine:3.20"}},
		  containers = {{name = "web", image = "nginx:1.27"}, {name = "web2", image = "nginx:1.27"}}}}))
		kube.create(pod("done", {image = "done:1", restartPolicy = "Never"}))
		wait_for("pods", "done", function(p) return p.status.phase == "Succeeded" end)`)

	out := mustRun(t, nil, "images-in-use.lua", ns)
	matches(t, out, `^IMAGE\s+PODS\s+NAMESPACES\n`+
		`nginx:1\.27\s+3\s+`+q(ns)+`\n`+
		`alpine:3\.20\s+1\s+`+q(ns)+`\n`+
		`busybox:1\.36\s+1\s+`+q(ns)+`\n$`)
}

func TestPodsNotReady(t *testing.T) {
	ns := newNamespace(t, "scripts-notready")
	luaIn(t, ns, seedLua+`
		kube.create(pod("ok"))
		kube.create(pod("crash", {phase = "CrashLoopBackOff"}))
		kube.create(pod("pending", {phase = "Pending"}))
		kube.create(pod("failed", {phase = "Failed"}))
		kube.create(pod("done", {restartPolicy = "Never"}))
		kube.create(pod("evicted", {phase = "Pending"}))
		kube.patch("pods", "evicted", {status = {phase = "Failed", reason = "Evicted"}}, {subresource = "status"})
		wait_for("pods", "ok", function(p) return p.status.phase == "Running" end)
		wait_for("pods", "crash", function(p) return p.status.containerStatuses end)
		wait_for("pods", "failed", function(p) return p.status.phase == "Failed" end)
		wait_for("pods", "done", function(p) return p.status.phase == "Succeeded" end)`)

	res := script(t, nil, "pods-not-ready.lua", ns)
	if res.Code != 1 {
		t.Errorf("exit %d, want 1", res.Code)
	}
	matches(t, res.Stderr, `4 pods are not ready`)
	matches(t, res.Stdout, `^NAMESPACE\s+POD\s+PHASE\s+REASON\s+RESTARTS\n`,
		`(?m)^`+q(ns)+`\s+crash\s+Running\s+c: CrashLoopBackOff\s+1$`,
		`(?m)^`+q(ns)+`\s+evicted\s+Failed\s+Evicted\s+0$`,
		`(?m)^`+q(ns)+`\s+failed\s+Failed\s+c: Error \(exit 1\)\s+0$`,
		`(?m)^`+q(ns)+`\s+pending\s+Pending\s+not scheduled yet\s+0$`,
		`!\sok\s`, `!\sdone\s`)

	healthy := newNamespace(t, "scripts-ready")
	luaIn(t, healthy, seedLua+`
		kube.create(pod("ok"))
		wait_for("pods", "ok", function(p) return p.status.phase == "Running" end)`)
	if out := mustRun(t, nil, "pods-not-ready.lua", healthy); out != "every pod is ready\n" {
		t.Errorf("a healthy namespace: %q", out)
	}
}

func TestRequestsVsLimits(t *testing.T) {
	ns := newNamespace(t, "scripts-resources")
	luaIn(t, ns, seedLua+`
		kube.create(pod("a", {containers = {
		  {name = "web", image = "nginx", resources = {requests = {cpu = "250m", memory = "64Mi"}, limits = {cpu = "500m", memory = "128Mi"}}},
		  {name = "batch", image = "busybox", resources = {requests = {cpu = "1", memory = "1Gi"}}}}}))
		kube.create(pod("b", {containers = {
		  {name = "api", image = "nginx", resources = {requests = {cpu = 0.5}, limits = {cpu = 1, memory = "256Mi"}}}}}))
		kube.create(pod("done", {restartPolicy = "Never", containers = {
		  {name = "x", image = "busybox", resources = {requests = {cpu = "8"}}}}}))
		wait_for("pods", "done", function(p) return p.status.phase == "Succeeded" end)`)

	// b's memory request is its limit: the API server defaults a missing
	// request to the limit. done has finished and counts for nothing.
	out := mustRun(t, nil, "requests-vs-limits.lua", ns)
	matches(t, out, `^NAMESPACE\s+CPU-REQUESTS\s+CPU-LIMITS\s+MEMORY-REQUESTS\s+MEMORY-LIMITS\s+UNBOUNDED\n`+
		q(ns)+`\s+1750m\s+1500m\s+1344Mi\s+384Mi\s+1\n$`)
}
