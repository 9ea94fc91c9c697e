-- add-missing-labels.lua: give every object of a resource the labels it
-- lacks, never changing a label that is there.
--
-- Why: cost reports, network policies and alert routing all key on
-- labels such as team= or app.kubernetes.io/part-of=; one unlabelled
-- Deployment falls through all three. `kubectl label --all` overwrites
-- (with --overwrite) or fails on objects that already have the key.
--
--   klua run scripts/add-missing-labels.lua [--all-namespaces] [--selector SELECTOR] RESOURCE KEY=VALUE...
--
-- RESOURCE is any resource name kube.list takes (deployments, cm,
-- services.v1, ...). In VALUE, {name} and {namespace} stand for the
-- object's: app.kubernetes.io/name={name}. Works in the current
-- namespace (klua -n) unless --all-namespaces. Each object gets one
-- merge patch with only its missing labels.
--
-- RBAC: RESOURCE: list, patch.
local opts, resource, wanted = {}, nil, {}
local i = 1
while arg[i] do
  if arg[i] == "--all-namespaces" or arg[i] == "-A" then opts.allNamespaces = true
  elseif arg[i] == "--selector" or arg[i] == "-l" then i = i + 1; opts.labelSelector = arg[i]
  elseif not resource then resource = arg[i]
  else
    local k, v = arg[i]:match("^([^=]+)=(.*)$")
    if not k then error("want KEY=VALUE, got " .. arg[i], 0) end
    wanted[#wanted + 1] = {key = k, value = v}
  end
  i = i + 1
end
if not resource or #wanted == 0 then
  error("usage: add-missing-labels.lua [--all-namespaces] [--selector SELECTOR] RESOURCE KEY=VALUE...", 0)
end

local items = kube.list(resource, opts).items
local changed = 0
for _, obj in progress.ipairs(items, "labelling " .. resource) do
  local m, missing = obj.metadata, nil
  local labels = m.labels or {}
  for _, w in ipairs(wanted) do
    if labels[w.key] == nil then
      missing = missing or {}
      missing[w.key] = w.value:gsub("{name}", m.name):gsub("{namespace}", m.namespace or "")
    end
  end
  if missing then
    kube.patch(resource, m.name, {metadata = {labels = missing}}, {namespace = m.namespace})
    local keys = {}
    for k in pairs(missing) do keys[#keys + 1] = k end
    table.sort(keys)
    print(string.format("labelled %s %s: %s", resource, m.namespace and (m.namespace .. "/" .. m.name) or m.name,
      table.concat(keys, ", ")))
    changed = changed + 1
  end
end
print(string.format("%d of %d %s labelled", changed, #items, resource))
