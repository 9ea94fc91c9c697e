-- cleanup-completed-jobs.lua: delete Jobs that finished a while ago, with
-- their pods.
--
-- Why: Jobs created without ttlSecondsAfterFinished (by hand, by CI, by
-- tools older than the TTL controller) stay forever, each with its pods,
-- and slow down every `kubectl get pods`. kubectl cannot select Jobs by
-- how long ago they finished; the usual fix is a jq pipeline into xargs.
--
--   klua run scripts/cleanup-completed-jobs.lua [--older-than DURATION] [--failed] [NAMESPACE]
--
-- Deletes Jobs that completed more than DURATION ago (default 24h; 90s,
-- 30m, 24h, 7d), in NAMESPACE or all namespaces; --failed deletes failed
-- Jobs too. Jobs of a CronJob are left to its history limits. Their pods
-- go with them (propagationPolicy Background). klua --dry-run shows what
-- would go.
--
-- RBAC: jobs.batch: list, delete.
local older, failed, namespace = "24h", false, nil
local i = 1
while arg[i] do
  if arg[i] == "--older-than" then i = i + 1; older = arg[i]
  elseif arg[i] == "--failed" then failed = true
  else namespace = arg[i] end
  i = i + 1
end

local function seconds(s)
  local n, unit = tostring(s):match("^(%d+%.?%d*)([smhd]?)$")
  if not n then error("--older-than: " .. tostring(s) .. " is no duration (want 90s, 30m, 24h or 7d)", 0) end
  return tonumber(n) * ({[""] = 1, s = 1, m = 60, h = 3600, d = 86400})[unit]
end
local min_age = seconds(older)

-- finished(job) returns "Complete" or "Failed" and when, for a finished Job.
local function finished(job)
  for _, c in ipairs(job.status and job.status.conditions or {}) do
    if (c.type == "Complete" or c.type == "Failed") and c.status == "True" then
      return c.type, c.lastTransitionTime
    end
  end
end

local function owned_by_cronjob(job)
  for _, ref in ipairs(job.metadata.ownerReferences or {}) do
    if ref.kind == "CronJob" then return true end
  end
end

local doomed = {}
local opts = namespace and {namespace = namespace} or {allNamespaces = true}
for _, job in ipairs(kube.list("jobs", opts).items) do
  local state, at = finished(job)
  if state and (state == "Complete" or failed) and not owned_by_cronjob(job)
      and time.since(at) >= min_age then
    doomed[#doomed + 1] = {job = job, state = state, age = time.since(at)}
  end
end

for _, d in progress.ipairs(doomed, "deleting jobs") do
  local m = d.job.metadata
  kube.delete("jobs", m.name, {namespace = m.namespace, propagationPolicy = "Background", ignoreNotFound = true})
  print(string.format("deleted job %s/%s (%s %dm ago)", m.namespace, m.name, d.state:lower(), math.floor(d.age / 60)))
end
print(string.format("%d jobs deleted", #doomed))
