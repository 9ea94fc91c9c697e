-- crashloop-report.lua: report each pod that enters CrashLoopBackOff,
-- once per episode, with the container, its restart count and the last
-- exit reason: the line you would otherwise dig out of
-- `kubectl get pods -A -w | grep CrashLoop` and `kubectl describe`.
--
--   klua run scripts/crashloop-report.lua [NAMESPACE]   (default: all)
--
-- RBAC: pods: list, watch.
local opts = {allNamespaces = true}
if arg[1] then opts = {namespace = arg[1]} end

-- crashing(pod) returns the first container waiting in CrashLoopBackOff.
local function crashing(pod)
  for _, cs in ipairs((pod and pod.status and pod.status.containerStatuses) or {}) do
    local waiting = cs.state and cs.state.waiting
    if waiting and waiting.reason == "CrashLoopBackOff" then return cs end
  end
end

kube.watch("pods", opts, function(ev)
  local pod = ev.object
  local cs = ev.type ~= "DELETED" and crashing(pod)
  -- Report on entering the state only, not on every status update in it.
  if cs and not crashing(ev.old) then
    local last = cs.lastState and cs.lastState.terminated or {}
    print(string.format("CrashLoopBackOff %s/%s container=%s restarts=%d last=%s(%s)",
      pod.metadata.namespace, pod.metadata.name, cs.name, cs.restartCount or 0,
      last.reason or "?", tostring(last.exitCode or "?")))
  end
end)
