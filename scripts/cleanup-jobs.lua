-- cleanup-jobs.lua: delete the Jobs that finished (succeeded or failed)
-- more than a day ago, every hour. Jobs that no CronJob owns and that set
-- no ttlSecondsAfterFinished stay forever, with their pods, and slow down
-- every `kubectl get jobs`; this is the shell loop of kubectl, jq and date
-- arithmetic that people run from a CronJob, as one script.
--
--   klua run scripts/cleanup-jobs.lua [--once] [--max-age SECONDS] [--cron SPEC] [--all-namespaces]
--
-- --once deletes what is due and exits (for a CronJob); otherwise the
-- script runs at once, then on SPEC (default "@hourly"), until stopped. It
-- works in the current namespace (-n) unless --all-namespaces.
--
-- RBAC: jobs (batch): list, delete. deploy/ runs it as a Deployment with
-- --leader-elect, and as a CronJob with --once.
local opts = {once = false, maxAge = 86400, cron = "@hourly", allNamespaces = false}
local i = 1
while arg[i] do
  local a = arg[i]
  if a == "--once" then opts.once = true
  elseif a == "--all-namespaces" then opts.allNamespaces = true
  elseif a == "--max-age" then i = i + 1; opts.maxAge = assert(tonumber(arg[i]), "--max-age: seconds expected")
  elseif a == "--cron" then i = i + 1; opts.cron = assert(arg[i], "--cron: a cron spec expected")
  else error("unknown argument " .. a .. " (want --once, --max-age SECONDS, --cron SPEC, --all-namespaces)") end
  i = i + 1
end

-- finishedAt returns when a Job completed or failed, or nil while it runs.
local function finishedAt(job)
  for _, c in ipairs(job.status and job.status.conditions or {}) do
    if (c.type == "Complete" or c.type == "Failed") and c.status == "True" then
      return c.lastTransitionTime
    end
  end
end

local function cleanup()
  local deleted = 0
  for _, job in ipairs(kube.list("jobs", {allNamespaces = opts.allNamespaces}).items) do
    local done = finishedAt(job)
    if done and time.since(done) >= opts.maxAge then
      -- Background: the Job's pods are garbage-collected after it. (A
      -- list's items have no apiVersion and kind: delete by name.)
      kube.delete("jobs", job.metadata.name, {namespace = job.metadata.namespace,
        propagationPolicy = "Background", ignoreNotFound = true})
      log.info("deleted finished job", {namespace = job.metadata.namespace, job = job.metadata.name, finished = done})
      deleted = deleted + 1
    end
  end
  return deleted
end

if opts.once then
  print(string.format("deleted %d jobs", cleanup()))
  return
end
schedule.cron(opts.cron, function()
  print(string.format("deleted %d jobs", cleanup()))
end, {runNow = true, name = "cleanup-jobs"})
