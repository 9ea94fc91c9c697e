-- cleanup-orphaned-configmaps.lua: find ConfigMaps that nothing uses, and
-- delete them if asked.
--
-- Why: every Helm upgrade or kustomize configMapGenerator with a hash
-- suffix leaves the old ConfigMaps behind. Whether one is still used
-- means reading every pod and workload template (volumes, projected
-- volumes, env, envFrom), which no kubectl command does.
--
--   klua run scripts/cleanup-orphaned-configmaps.lua [--delete] [--older-than DURATION] [NAMESPACE]
--
-- A ConfigMap is orphaned when no pod and no template of a Deployment,
-- StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or
-- ReplicationController of its namespace refers to it, it has no owner
-- (ownerReferences), it is not kube-root-ca.crt, and it is older than
-- DURATION (default 1h: a new ConfigMap may be waiting for its
-- Deployment). Without --delete the script only reports.
--
-- RBAC: configmaps: list, delete; list on pods, replicationcontrollers,
-- deployments, statefulsets, daemonsets, replicasets, jobs, cronjobs.
local delete, older, namespace = false, "1h", nil
local i = 1
while arg[i] do
  if arg[i] == "--delete" then delete = true
  elseif arg[i] == "--older-than" then i = i + 1; older = arg[i]
  else namespace = arg[i] end
  i = i + 1
end
local n, unit = tostring(older):match("^(%d+)([smhd])$")
if not n then error("--older-than: " .. tostring(older) .. " is no duration (want 90s, 30m, 24h or 7d)", 0) end
local min_age = tonumber(n) * ({s = 1, m = 60, h = 3600, d = 86400})[unit]
local scope = namespace and {namespace = namespace} or {allNamespaces = true}

-- used["ns/name"] is true for every ConfigMap a pod spec refers to.
local used = {}
local function mark(ns, name) if name then used[ns .. "/" .. name] = true end end
local function scan(ns, spec)
  if not spec then return end
  for _, v in ipairs(spec.volumes or {}) do
    mark(ns, v.configMap and v.configMap.name)
    for _, src in ipairs(v.projected and v.projected.sources or {}) do
      mark(ns, src.configMap and src.configMap.name)
    end
  end
  for _, list in ipairs({spec.containers or {}, spec.initContainers or {}, spec.ephemeralContainers or {}}) do
    for _, c in ipairs(list) do
      for _, e in ipairs(c.envFrom or {}) do mark(ns, e.configMapRef and e.configMapRef.name) end
      for _, e in ipairs(c.env or {}) do
        mark(ns, e.valueFrom and e.valueFrom.configMapKeyRef and e.valueFrom.configMapKeyRef.name)
      end
    end
  end
end

for _, pod in ipairs(kube.list("pods", scope).items) do scan(pod.metadata.namespace, pod.spec) end
for _, r in ipairs({"replicationcontrollers", "deployments", "statefulsets", "daemonsets", "replicasets", "jobs"}) do
  for _, w in ipairs(kube.list(r, scope).items) do
    scan(w.metadata.namespace, w.spec.template and w.spec.template.spec)
  end
end
for _, cj in ipairs(kube.list("cronjobs", scope).items) do
  scan(cj.metadata.namespace, cj.spec.jobTemplate.spec.template.spec)
end

local orphans = {}
for _, cm in ipairs(kube.list("configmaps", scope).items) do
  local m = cm.metadata
  if not used[m.namespace .. "/" .. m.name] and m.name ~= "kube-root-ca.crt" and not m.ownerReferences
      and time.since(m.creationTimestamp) >= min_age then
    orphans[#orphans + 1] = {m.namespace, m.name, math.floor(time.since(m.creationTimestamp) / 3600) .. "h"}
  end
end
io.write(kube.table(orphans, {columns = {"namespace", "configmap", "age"}}))
if delete then
  for _, o in progress.ipairs(orphans, "deleting configmaps") do
    kube.delete("configmaps", o[2], {namespace = o[1], ignoreNotFound = true})
  end
  print(string.format("%d configmaps deleted", #orphans))
else
  print(string.format("%d orphaned configmaps (run with --delete to delete them)", #orphans))
end
