-- rollout-restart.lua: restart workloads as `kubectl rollout restart`
-- does, for every one a selector picks, and wait for the rollouts.
--
-- Why: after rotating a Secret or a ConfigMap that pods read at start,
-- every workload that uses it needs new pods. `kubectl rollout restart`
-- takes names one kind at a time and does not wait; this takes a label
-- selector or names, any of deployments, statefulsets and daemonsets,
-- and can wait until each rollout is done.
--
--   klua run scripts/rollout-restart.lua [--selector SELECTOR] [--wait] [DEPLOYMENT...]
--
-- Works in the current namespace (klua -n). A name may be given as
-- KIND/NAME (statefulset/db, daemonset/agent); plain names are
-- Deployments. The restart is what kubectl does: the annotation
-- kubectl.kubernetes.io/restartedAt on the pod template, set to now.
--
-- RBAC: deployments, statefulsets, daemonsets (apps): get, list, patch;
-- with --wait, also watch.
local selector, wait, targets = nil, false, {}
local i = 1
while arg[i] do
  if arg[i] == "--selector" or arg[i] == "-l" then i = i + 1; selector = arg[i]
  elseif arg[i] == "--wait" then wait = true
  else
    local kind, name = arg[i]:match("^(%w+)/(.+)$")
    targets[#targets + 1] = {resource = kind or "deployments", name = name or arg[i]}
  end
  i = i + 1
end
if selector then
  for _, r in ipairs({"deployments", "statefulsets", "daemonsets"}) do
    for _, w in ipairs(kube.list(r, {labelSelector = selector}).items) do
      targets[#targets + 1] = {resource = r, name = w.metadata.name}
    end
  end
end
if #targets == 0 then
  error("nothing to restart: give names or --selector (klua run rollout-restart.lua --selector app=web)", 0)
end

-- rolled_out(w) is kubectl rollout status's test, for any of the three kinds.
local function rolled_out(w)
  local s = w.status or {}
  local want = w.spec.replicas or s.desiredNumberScheduled or 1
  if (s.observedGeneration or 0) < w.metadata.generation then return false end
  local updated = s.updatedReplicas or s.updatedNumberScheduled or 0
  local available = s.availableReplicas or s.numberAvailable or 0
  return updated >= want and available >= want and (s.replicas or want) <= want
end

local now = time.format(time.now())
local bar = progress.new(#targets, "restarting")
for _, t in ipairs(targets) do
  kube.patch(t.resource, t.name, {spec = {template = {metadata = {annotations = {
    ["kubectl.kubernetes.io/restartedAt"] = now}}}}})
  if wait then
    kube.wait(t.resource, t.name, function(w) return w and rolled_out(w) end, {timeout = "10m"})
  end
  bar:add()
  print(string.format("%s/%s restarted%s", t.resource, t.name, wait and " and rolled out" or ""))
end
bar:done()
