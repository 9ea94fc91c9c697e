-- scale-down-idle.lua: scale to zero the Deployments nobody has deployed
-- to for a while, and bring them back on demand.
--
-- Why: preview and development environments keep their pods running all
-- night and all weekend. Deployments that opt in (a label) and have not
-- changed for --idle-for are scaled to zero; the replica count is kept
-- in an annotation, and --restore brings them back.
--
--   klua run scripts/scale-down-idle.lua [--once] [--restore] [--idle-for DURATION] [--every DURATION] [--selector SELECTOR]
--
-- Idle: the Deployment's last rollout (its Progressing condition's
-- lastUpdateTime, else its creation) is older than --idle-for (default
-- 24h). Only Deployments matching --selector (default
-- klua.dev/scale-down-when-idle=true) are touched, in the current
-- namespace (klua -n). With --once, one pass; without, a pass every
-- --every (default 1h) until stopped: through the schedule module
-- (klua 0.2) when there is one, else a sleep loop. In a CronJob, use
-- --once.
--
-- RBAC: deployments.apps: list, patch.
local once, restore, idle_for, every = false, false, "24h", "1h"
local selector = "klua.dev/scale-down-when-idle=true"
local i = 1
while arg[i] do
  local a = arg[i]
  if a == "--once" then once = true
  elseif a == "--restore" then restore = true
  elseif a == "--idle-for" then i = i + 1; idle_for = arg[i]
  elseif a == "--every" then i = i + 1; every = arg[i]
  elseif a == "--selector" then i = i + 1; selector = arg[i]
  else error("unknown argument " .. a, 0) end
  i = i + 1
end
local function seconds(s)
  local n, unit = tostring(s):match("^(%d+)([smhd])$")
  if not n then error(tostring(s) .. " is no duration (want 90s, 30m, 24h or 7d)", 0) end
  return tonumber(n) * ({s = 1, m = 60, h = 3600, d = 86400})[unit]
end
local idle_seconds, every_seconds = seconds(idle_for), seconds(every)
local FROM = "klua.dev/scaled-down-from"

local function last_change(d)
  for _, c in ipairs(d.status and d.status.conditions or {}) do
    if c.type == "Progressing" and c.lastUpdateTime then return c.lastUpdateTime end
  end
  return d.metadata.creationTimestamp
end

local function pass()
  for _, d in ipairs(kube.list("deployments", {labelSelector = selector}).items) do
    local m, annotations = d.metadata, d.metadata.annotations or {}
    if restore and annotations[FROM] then
      kube.patch("deployments", m.name, {metadata = {annotations = {[FROM] = json.null}},
        spec = {replicas = tonumber(annotations[FROM])}})
      print(string.format("restored %s to %s replicas", m.name, annotations[FROM]))
    elseif not restore and (d.spec.replicas or 1) > 0 and time.since(last_change(d)) >= idle_seconds then
      kube.patch("deployments", m.name, {metadata = {annotations = {[FROM] = tostring(d.spec.replicas or 1)}},
        spec = {replicas = 0}})
      print(string.format("scaled %s from %d to 0 replicas (idle since %s)",
        m.name, d.spec.replicas or 1, last_change(d)))
    end
  end
end

pass()
if once or restore then return end
if schedule and schedule.every then
  schedule.every(every_seconds, pass)
else
  while true do
    sleep(every_seconds)
    pass()
  end
end
