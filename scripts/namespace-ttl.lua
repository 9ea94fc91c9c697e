-- namespace-ttl.lua: delete namespaces whose time is up. A namespace
-- labelled klua.dev/ttl=SECONDS (or with a unit: 90m, 12h, 7d) is deleted
-- that long after its creation: preview environments, test runs and
-- demos clean themselves up instead of waiting for someone to notice.
--
--   klua run scripts/namespace-ttl.lua [--once] [--every INTERVAL]
--
-- --once deletes what is due and exits (for a CronJob); otherwise it
-- checks every INTERVAL (default "1m") until stopped.
--
-- RBAC: namespaces (cluster-wide): list, delete.
local once, every = false, "1m"
local i = 1
while arg[i] do
  if arg[i] == "--once" then once = true
  elseif arg[i] == "--every" then i = i + 1; every = assert(arg[i], "--every: an interval expected")
  else error("unknown argument " .. arg[i] .. " (want --once, --every INTERVAL)") end
  i = i + 1
end

local units = {s = 1, m = 60, h = 3600, d = 86400}

-- seconds reads a ttl label value: "3600", "90m", "12h", "7d".
local function seconds(ttl)
  local n, unit = ttl:match("^(%d+)([smhd]?)$")
  if not n then return nil end
  return tonumber(n) * (units[unit] or 1)
end

local function sweep()
  local deleted = 0
  for _, ns in ipairs(kube.list("namespaces", {labelSelector = "klua.dev/ttl"}).items) do
    local ttl = ns.metadata.labels["klua.dev/ttl"]
    local limit = seconds(ttl)
    if not limit then
      log.warn("bad ttl label", {namespace = ns.metadata.name, ttl = ttl})
    elseif not ns.metadata.deletionTimestamp and time.since(ns.metadata.creationTimestamp) >= limit then
      kube.delete("namespaces", ns.metadata.name, {ignoreNotFound = true})
      log.info("deleted expired namespace", {namespace = ns.metadata.name, ttl = ttl})
      deleted = deleted + 1
    end
  end
  return deleted
end

if once then
  print(string.format("deleted %d namespaces", sweep()))
  return
end
schedule.every(every, function()
  print(string.format("deleted %d namespaces", sweep()))
end, {runNow = true, name = "namespace-ttl"})
