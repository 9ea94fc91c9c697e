-- cleanup-evicted-pods.lua: delete the pods that the kubelet evicted.
--
-- Why: an evicted pod (node out of memory or disk) is left behind in
-- phase Failed, reason Evicted, so that someone can read why; its
-- ReplicaSet has already replaced it. Thousands of them accumulate after
-- a bad night, and `kubectl get pods` drowns. kubectl cannot select on
-- status.reason: the usual fix is `kubectl get pods -A -o json | jq ...`.
--
--   klua run scripts/cleanup-evicted-pods.lua [NAMESPACE]
--
-- Prints each pod and the kubelet's message before deleting it. klua
-- --dry-run shows what would go.
--
-- RBAC: pods: list, delete.
local namespace = arg[1]
local opts = {fieldSelector = "status.phase=Failed"}
if namespace then opts.namespace = namespace else opts.allNamespaces = true end

local evicted = {}
for _, pod in ipairs(kube.list("pods", opts).items) do
  if pod.status.reason == "Evicted" then evicted[#evicted + 1] = pod end
end

for _, pod in progress.ipairs(evicted, "deleting evicted pods") do
  local m = pod.metadata
  print(string.format("deleted pod %s/%s: %s", m.namespace, m.name, pod.status.message or "evicted"))
  kube.delete("pods", m.name, {namespace = m.namespace, ignoreNotFound = true})
end
print(string.format("%d evicted pods deleted", #evicted))
