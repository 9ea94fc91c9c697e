-- Step 8: watch the pods while the ReplicationController scales. The
-- walkthrough did this with `curl ...?watch=true` and read JSON lines;
-- here a callback gets each change as a table, on the script's own thread.
local target = tonumber(arg[1]) or 5
local ns = "walkthrough"

local running = {}
local function count()
  local n = 0
  for _ in pairs(running) do n = n + 1 end
  return n
end

local done = false
local w = kube.watch("pods", {namespace = ns, labelSelector = "app=nginx"}, function(ev)
  local pod = ev.object
  local name = pod.metadata.name
  if ev.type == "DELETED" or pod.metadata.deletionTimestamp or pod.status.phase ~= "Running" then
    running[name] = nil
  else
    running[name] = true
  end
  if ev.type ~= "ADDED" or not ev.old then
    print(string.format("%-8s %-12s %s", ev.type, name, pod.status.phase or "-"))
  end
  done = count() == target
end)

-- Scale with a PUT, retried if someone else changed the object meanwhile.
kube.retry_on_conflict(function()
  local rc = kube.get("rc", "nginx", {namespace = ns})
  rc.spec.replicas = target
  kube.update(rc)
end)
print("scaled nginx to " .. target)

local deadline = os.time() + 60
while not done do
  if os.time() > deadline then error("pods did not reach " .. target .. " Running in 60s") end
  sleep(0.2)
end
w:stop()
print(count() .. " pods Running")
