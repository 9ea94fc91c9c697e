package scripts

import (
	"testing"
)

func TestCleanupCompletedJobs(t *testing.T) {
	ns := newNamespace(t, "scripts-jobs")
	luaIn(t, ns, seedLua+`
		local function job(name, phase, owner)
		  local p = pod("x", {phase = phase, restartPolicy = "Never"})
		  return {apiVersion = "batch/v1", kind = "Job",
		    metadata = {name = name, ownerReferences = owner and {owner}},
		    spec = {backoffLimit = 0, template = {metadata = {annotations = p.metadata.annotations}, spec = p.spec}}}
		end
		local cron = kube.create({apiVersion = "batch/v1", kind = "CronJob", metadata = {name = "nightly"},
		  spec = {schedule = "0 3 * * *", suspend = true, jobTemplate = {spec = job("t").spec}}})
		kube.create(job("done"))
		kube.create(job("running", "Running"))
		kube.create(job("failed", "Failed"))
		kube.create(job("nightly-1", nil, {apiVersion = "batch/v1", kind = "CronJob", name = "nightly",
		  uid = cron.metadata.uid, controller = true}))
		local function finished(type)
		  return function(j)
		    for _, c in ipairs(j.status and j.status.conditions or {}) do
		      if c.type == type and c.status == "True" then return true end
		    end
		  end
		end
		wait_for("jobs", "done", finished("Complete"))
		wait_for("jobs", "nightly-1", finished("Complete"))
		wait_for("jobs", "failed", finished("Failed"))`)

	out := mustRun(t, nil, "cleanup-completed-jobs.lua", "--older-than", "1h", ns)
	matches(t, out, `(?m)^0 jobs deleted$`)

	out = mustRun(t, nil, "cleanup-completed-jobs.lua", "--older-than", "0s", ns)
	matches(t, out, `(?m)^deleted job `+q(ns)+`/done \(complete 0m ago\)$`, `(?m)^1 jobs deleted$`)
	luaIn(t, ns, `
		assert(kube.get("jobs", "done", {ignoreNotFound = true}) == nil, "done was not deleted")
		for _, name in ipairs({"running", "failed", "nightly-1"}) do
		  assert(kube.get("jobs", name, {ignoreNotFound = true}), name .. " was deleted")
		end`)

	out = mustRun(t, nil, "cleanup-completed-jobs.lua", "--failed", "--older-than", "0s", ns)
	matches(t, out, `(?m)^deleted job `+q(ns)+`/failed \(failed 0m ago\)$`, `(?m)^1 jobs deleted$`)

	res := script(t, nil, "cleanup-completed-jobs.lua", "--older-than", "soon")
	if res.Code != 1 {
		t.Errorf("a bad duration: exit %d", res.Code)
	}
	matches(t, res.Stderr, q(`--older-than: soon is no duration (want 90s, 30m, 24h or 7d)`))
}

func TestCleanupEvictedPods(t *testing.T) {
	ns := newNamespace(t, "scripts-evicted")
	luaIn(t, ns, seedLua+`
		kube.create(pod("evicted", {phase = "Pending"}))
		kube.patch("pods", "evicted", {status = {phase = "Failed", reason = "Evicted",
		  message = "The node was low on resource: memory."}}, {subresource = "status"})
		kube.create(pod("crashed", {phase = "Failed"}))
		kube.create(pod("web"))
		wait_for("pods", "crashed", function(p) return p.status.phase == "Failed" end)
		wait_for("pods", "web", function(p) return p.status.phase == "Running" end)`)

	res := script(t, []string{"--dry-run"}, "cleanup-evicted-pods.lua", ns)
	matches(t, res.Stderr, q(`klua: dry run: deleted pods "evicted" (the server changed nothing)`))

	out := mustRun(t, nil, "cleanup-evicted-pods.lua", ns)
	matches(t, out, `(?m)^deleted pod `+q(ns)+`/evicted: The node was low on resource: memory\.$`, `(?m)^1 evicted pods deleted$`)
	luaIn(t, ns, seedLua+`
		assert(kube.wait("pods", "evicted", function(p) return p == nil end, {timeout = 30}) == nil)
		assert(kube.get("pods", "crashed") and kube.get("pods", "web"), "a pod that was not evicted was deleted")`)
}

func TestCleanupOrphanedConfigMaps(t *testing.T) {
	ns := newNamespace(t, "scripts-orphans")
	luaIn(t, ns, seedLua+`
		for _, name in ipairs({"env-cm", "vol-cm", "projected-cm", "cron-cm", "key-cm", "orphan-cm"}) do
		  kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = name}, data = {k = "v"}})
		end
		local d = kube.create(deployment("web", {replicas = 0, spec = {containers = {{name = "c", image = "nginx",
		  envFrom = {{configMapRef = {name = "env-cm"}}}}}}}))
		kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "owned-cm", ownerReferences = {
		  {apiVersion = "apps/v1", kind = "Deployment", name = "web", uid = d.metadata.uid}}}})
		kube.create(pod("vol", {phase = "Pending", spec = {containers = {{name = "c", image = "nginx",
		  env = {{name = "K", valueFrom = {configMapKeyRef = {name = "key-cm", key = "k"}}}}}},
		  volumes = {{name = "v", configMap = {name = "vol-cm"}},
		    {name = "p", projected = {sources = {{configMap = {name = "projected-cm"}}}}}}}}))
		kube.create({apiVersion = "batch/v1", kind = "CronJob", metadata = {name = "cron"},
		  spec = {schedule = "0 3 * * *", suspend = true, jobTemplate = {spec = {template = {spec = {
		    restartPolicy = "Never", containers = {{name = "c", image = "busybox",
		    env = {{name = "K", valueFrom = {configMapKeyRef = {name = "cron-cm", key = "k"}}}}}}}}}}}})`)

	out := mustRun(t, nil, "cleanup-orphaned-configmaps.lua", "--older-than", "0s", ns)
	matches(t, out, `(?m)^NAMESPACE\s+CONFIGMAP\s+AGE\n`+q(ns)+`\s+orphan-cm\s+0h\n1 orphaned configmaps \(run with --delete to delete them\)\n$`)

	out = mustRun(t, nil, "cleanup-orphaned-configmaps.lua", ns)
	matches(t, out, `(?m)^0 orphaned configmaps`)

	out = mustRun(t, nil, "cleanup-orphaned-configmaps.lua", "--delete", "--older-than", "0s", ns)
	matches(t, out, `(?m)^1 configmaps deleted$`)
	luaIn(t, ns, `
		assert(kube.get("configmaps", "orphan-cm", {ignoreNotFound = true}) == nil, "orphan-cm is still there")
		for _, name in ipairs({"env-cm", "vol-cm", "projected-cm", "cron-cm", "key-cm", "owned-cm", "kube-root-ca.crt"}) do
		  assert(kube.get("configmaps", name, {ignoreNotFound = true}), name .. " was deleted")
		end`)
}
