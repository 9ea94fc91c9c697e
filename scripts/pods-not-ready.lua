-- pods-not-ready.lua: every pod that is not Ready, with the reason.
--
-- Why: `kubectl get pods -A | grep -v Running` shows which pods, not why;
-- the why is spread over container states, conditions and events, and
-- takes a `kubectl describe` per pod. This puts it on one line each.
--
--   klua run scripts/pods-not-ready.lua [NAMESPACE]   (default: all namespaces)
--
-- The reason is the first that applies: a container waiting
-- (CrashLoopBackOff, ImagePullBackOff, ...) or terminated with an error,
-- the pod's own reason (Evicted), an unscheduled pod's condition, or
-- its phase. Completed pods (Succeeded) are ready enough and left out.
-- Exits with 1 when some pod is not ready, for CI and health checks.
--
-- RBAC: pods: list.
local opts = arg[1] and {namespace = arg[1]} or {allNamespaces = true}

local function condition(pod, type)
  for _, c in ipairs(pod.status.conditions or {}) do
    if c.type == type then return c end
  end
end

-- why(pod) returns a short reason and the restart count.
local function why(pod)
  local restarts, reason = 0, nil
  for _, cs in ipairs(pod.status.containerStatuses or {}) do
    restarts = restarts + (cs.restartCount or 0)
    local w, t = cs.state and cs.state.waiting, cs.state and cs.state.terminated
    if not reason and w and w.reason then
      reason = cs.name .. ": " .. w.reason
    elseif not reason and t and t.exitCode ~= 0 then
      reason = string.format("%s: %s (exit %d)", cs.name, t.reason or "Error", t.exitCode)
    end
  end
  local scheduled = condition(pod, "PodScheduled")
  if reason then return reason, restarts end
  if pod.status.reason then return pod.status.reason, restarts end
  if scheduled and scheduled.status == "False" then
    return scheduled.reason .. ": " .. (scheduled.message or ""), restarts
  end
  if not pod.spec.nodeName then return "not scheduled yet", restarts end
  return pod.status.phase or "Unknown", restarts
end

local rows = {}
for _, pod in ipairs(kube.list("pods", opts).items) do
  local ready = condition(pod, "Ready")
  if pod.status.phase ~= "Succeeded" and not (ready and ready.status == "True") then
    local reason, restarts = why(pod)
    rows[#rows + 1] = {pod.metadata.namespace, pod.metadata.name, pod.status.phase, reason, restarts}
  end
end
table.sort(rows, function(a, b) return a[1] .. "/" .. a[2] < b[1] .. "/" .. b[2] end)
if #rows == 0 then
  print("every pod is ready")
  return
end
io.write(kube.table(rows, {columns = {"namespace", "pod", "phase", "reason", "restarts"}}))
error(string.format("%d pods are not ready", #rows), 0)
