-- export-namespace.lua: a namespace's objects as clean YAML, ready to
-- apply elsewhere.
--
-- Why: copying an environment, or keeping it in git after it was built
-- by hand, starts from `kubectl get -o yaml`, whose output carries
-- status, uids, resourceVersions, managedFields and server defaults that
-- make it fail or conflict when applied to another cluster.
--
--   klua run scripts/export-namespace.lua NAMESPACE [RESOURCE...] > namespace.yaml
--
-- RESOURCE defaults to deployments, statefulsets, daemonsets, cronjobs,
-- services, configmaps, secrets, serviceaccounts, roles, rolebindings,
-- ingresses, networkpolicies and persistentvolumeclaims. Objects owned
-- by another (ReplicaSets, Jobs of a CronJob, the controller's
-- kube-root-ca.crt), the default ServiceAccount and service account
-- token Secrets are left out: they are made again. Service cluster IPs are removed so that the target
-- allocates its own.
--
-- RBAC: RESOURCE: list, in NAMESPACE.
local namespace = arg[1]
if not namespace then error("usage: export-namespace.lua NAMESPACE [RESOURCE...]", 0) end
local resources = {}
for i = 2, #arg do resources[#resources + 1] = arg[i] end
if #resources == 0 then
  resources = {"deployments", "statefulsets", "daemonsets", "cronjobs", "services", "configmaps", "secrets",
    "serviceaccounts", "roles", "rolebindings", "ingresses", "networkpolicies", "persistentvolumeclaims"}
end

local server_fields = {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
  "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"}
local function clean(obj)
  obj.status = nil
  local m = obj.metadata
  for _, f in ipairs(server_fields) do m[f] = nil end
  if m.annotations then
    m.annotations["kubectl.kubernetes.io/last-applied-configuration"] = nil
    m.annotations["deployment.kubernetes.io/revision"] = nil
    if next(m.annotations) == nil then m.annotations = nil end
  end
  if obj.kind == "Service" and obj.spec then
    obj.spec.clusterIP, obj.spec.clusterIPs = nil, nil
  end
  return obj
end

local docs = {}
for _, resource in ipairs(resources) do
  local list = kube.list(resource, {namespace = namespace})
  local apiVersion, kind = list.apiVersion, (list.kind:gsub("List$", ""))
  for _, obj in ipairs(list.items) do
    local m = obj.metadata
    local generated = m.ownerReferences or m.name == "kube-root-ca.crt"
      or (kind == "ServiceAccount" and m.name == "default")
      or obj.type == "kubernetes.io/service-account-token"
    if not generated then
      obj.apiVersion, obj.kind = apiVersion, kind
      docs[#docs + 1] = yaml.encode(clean(obj))
    end
  end
end
io.write(table.concat(docs, "---\n"))
log.info("exported", {namespace = namespace, objects = #docs})
