-- images-in-use.lua: which container images run where, and how often.
--
-- Why: before a registry migration, a CVE fix or a base image upgrade,
-- the first question is "who still runs this image?". kubectl's answer
-- is a jsonpath one-liner that misses init containers and counts
-- nothing.
--
--   klua run scripts/images-in-use.lua [NAMESPACE]   (default: all namespaces)
--
-- Prints one row per image: how many pods run it (init and ephemeral
-- containers included), and in which namespaces (the first three, and
-- how many there are); the most used first.
-- Pods that finished (Succeeded, Failed) are left out.
--
-- RBAC: pods: list.
local opts = arg[1] and {namespace = arg[1]} or {allNamespaces = true}

local images = {} -- image -> {pods = n, namespaces = set}
for _, pod in ipairs(kube.list("pods", opts).items) do
  local phase = pod.status and pod.status.phase
  if phase ~= "Succeeded" and phase ~= "Failed" then
    local seen = {} -- count a pod once per image, however many containers
    local spec = pod.spec
    for _, list in ipairs({spec.containers or {}, spec.initContainers or {}, spec.ephemeralContainers or {}}) do
      for _, c in ipairs(list) do
        if not seen[c.image] then
          seen[c.image] = true
          local img = images[c.image] or {pods = 0, namespaces = {}}
          img.pods = img.pods + 1
          img.namespaces[pod.metadata.namespace] = true
          images[c.image] = img
        end
      end
    end
  end
end

local rows = {}
for image, img in pairs(images) do
  local namespaces = {}
  for ns in pairs(img.namespaces) do namespaces[#namespaces + 1] = ns end
  table.sort(namespaces)
  local shown = table.concat(namespaces, ",", 1, math.min(#namespaces, 3))
  if #namespaces > 3 then shown = shown .. string.format(",... (%d)", #namespaces) end
  rows[#rows + 1] = {image = image, pods = img.pods, namespaces = shown}
end
table.sort(rows, function(a, b)
  if a.pods ~= b.pods then return a.pods > b.pods end
  return a.image < b.image
end)
io.write(kube.table(rows, {columns = {"image", "pods", "namespaces"}}))
