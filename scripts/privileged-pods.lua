-- privileged-pods.lua: pods that can take over their node.
--
-- Why: a privileged container, the host's PID, IPC or network
-- namespace, a hostPath volume or an added SYS_ADMIN capability each lets
-- a pod escape to the node. Pod Security admission blocks them for new
-- pods in enforced namespaces; this finds the ones already running, and
-- those in namespaces without enforcement.
--
--   klua run scripts/privileged-pods.lua [--fail] [NAMESPACE]   (default: all namespaces)
--
-- One row per finding. --fail makes the script exit with 1 when it finds
-- any.
--
-- RBAC: pods: list.
local fail, namespace = false, nil
for _, a in ipairs(arg) do
  if a == "--fail" then fail = true else namespace = a end
end
local opts = namespace and {namespace = namespace} or {allNamespaces = true}
local dangerous = {ALL = true, SYS_ADMIN = true, NET_ADMIN = true, SYS_PTRACE = true, SYS_MODULE = true}

local rows = {}
local function finding(pod, container, what)
  rows[#rows + 1] = {pod.metadata.namespace, pod.metadata.name, container or "-", what}
end

for _, pod in ipairs(kube.list("pods", opts).items) do
  local spec = pod.spec
  for _, host in ipairs({"hostPID", "hostIPC", "hostNetwork"}) do
    if spec[host] then finding(pod, nil, host) end
  end
  for _, v in ipairs(spec.volumes or {}) do
    if v.hostPath then finding(pod, nil, "hostPath " .. v.hostPath.path) end
  end
  for _, list in ipairs({spec.initContainers or {}, spec.containers or {}, spec.ephemeralContainers or {}}) do
    for _, c in ipairs(list) do
      local sc = c.securityContext or {}
      if sc.privileged then finding(pod, c.name, "privileged") end
      for _, cap in ipairs(sc.capabilities and sc.capabilities.add or {}) do
        if dangerous[cap] then finding(pod, c.name, "capability " .. cap) end
      end
    end
  end
end

table.sort(rows, function(a, b) return table.concat(a, "/") < table.concat(b, "/") end)
io.write(kube.table(rows, {columns = {"namespace", "pod", "container", "finding"}}))
print(string.format("%d findings", #rows))
if fail and #rows > 0 then error(string.format("%d findings", #rows), 0) end
