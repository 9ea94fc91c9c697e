-- Step 7: scale the ReplicationController to 3 the way the walkthrough did:
-- get the object, change spec.replicas, and PUT it back (kube.update). The
-- resourceVersion it carries makes the server refuse the write (409
-- Conflict) if someone changed the object in between, and someone does:
-- the controller writes the RC's status right after it is created. So the
-- get and the PUT are retried together until the PUT goes through.
local replicas = tonumber(arg[1]) or 3
local rc = kube.retry_on_conflict(function()
  local rc = kube.get("replicationcontrollers", "nginx", {namespace = "walkthrough"})
  rc.spec.replicas = replicas
  return kube.update(rc)
end)
print("spec.replicas = " .. rc.spec.replicas)

-- Then wait until that many pods run.
local function running()
  local n = 0
  for _, pod in ipairs(kube.list("pods", {namespace = "walkthrough", labelSelector = "app=nginx"}).items) do
    if pod.status.phase == "Running" and not pod.metadata.deletionTimestamp then n = n + 1 end
  end
  return n
end
local deadline = os.time() + 60
while running() ~= replicas do
  if os.time() > deadline then error("pods did not reach " .. replicas .. " Running in 60s") end
  sleep(0.5)
end
for _, pod in ipairs(kube.list("pods", {namespace = "walkthrough", labelSelector = "app=nginx"}).items) do
  print(pod.metadata.name, pod.status.phase)
end
print(replicas .. " pods Running")
