-- Step 5: create a namespace from new_namespace.yaml. Running it twice is
-- fine: AlreadyExists is an error value the script can branch on.
local dir = arg[0]:match("^(.*)/") or "."
local ns = yaml.load_file(dir .. "/new_namespace.yaml")[1]

local ok, err = pcall(kube.create, ns)
if ok then
  print("created namespace " .. ns.metadata.name)
elseif err.reason == "AlreadyExists" then
  print("namespace " .. ns.metadata.name .. " already exists")
else
  error(err)
end
print("phase: " .. kube.get("namespaces", ns.metadata.name).status.phase)
