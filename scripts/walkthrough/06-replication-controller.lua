-- Step 6: a ReplicationController running nginx, from nginx-rc.yaml, in the
-- walkthrough namespace (the file names it).
local dir = arg[0]:match("^(.*)/") or "."
local rc = yaml.load_file(dir .. "/nginx-rc.yaml")[1]

local existing = kube.get("rc", rc.metadata.name, {namespace = rc.metadata.namespace, ignoreNotFound = true})
if existing then
  print("replicationcontroller " .. rc.metadata.name .. " already exists")
else
  rc = kube.create(rc)
  print("created replicationcontroller " .. rc.metadata.name .. " in " .. rc.metadata.namespace)
end
