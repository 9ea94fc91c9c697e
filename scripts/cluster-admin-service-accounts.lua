-- cluster-admin-service-accounts.lua: the service accounts that hold
-- cluster-admin, or a role that grants as much.
--
-- Why: a service account token with cluster-admin is the whole cluster
-- for whoever reads it from a pod. Who has it takes joining bindings to
-- roles to subjects: `kubectl get clusterrolebindings -o wide` shows one
-- side and misses RoleBindings and look-alike roles.
--
--   klua run scripts/cluster-admin-service-accounts.lua [--fail]
--
-- Lists every ServiceAccount (and every group of service accounts, such
-- as system:serviceaccounts:NAMESPACE) bound to cluster-admin, or to a
-- ClusterRole or Role with a rule of verbs "*" on resources "*" in API
-- groups "*", whether cluster-wide (ClusterRoleBinding) or in one
-- namespace (RoleBinding). --fail makes the script exit with 1 when it
-- finds any, for CI and audits.
--
-- RBAC: clusterroles, clusterrolebindings, roles, rolebindings
-- (rbac.authorization.k8s.io): list.
local fail = arg[1] == "--fail"

local function all(list)
  for _, v in ipairs(list or {}) do if v == "*" then return true end end
end
-- admin(role) tells whether a role grants everything.
local function admin(role)
  for _, rule in ipairs(role.rules or {}) do
    if all(rule.verbs) and all(rule.resources) and all(rule.apiGroups) then return true end
  end
end

local admin_roles = {["ClusterRole/cluster-admin"] = true}
for _, r in ipairs(kube.list("clusterroles").items) do
  if admin(r) then admin_roles["ClusterRole/" .. r.metadata.name] = true end
end
for _, r in ipairs(kube.list("roles", {allNamespaces = true}).items) do
  if admin(r) then admin_roles[r.metadata.namespace .. "/Role/" .. r.metadata.name] = true end
end

local rows = {}
local function check(binding, kind, scope)
  local ref, ns = binding.roleRef, binding.metadata.namespace
  local key = ref.kind == "Role" and (ns .. "/Role/" .. ref.name) or ("ClusterRole/" .. ref.name)
  if not admin_roles[key] then return end
  for _, s in ipairs(binding.subjects or {}) do
    local group_of_sas = s.kind == "Group" and s.name:match("^system:serviceaccounts")
    if s.kind == "ServiceAccount" or group_of_sas then
      local who = s.kind == "ServiceAccount" and ((s.namespace or ns) .. "/" .. s.name) or ("group " .. s.name)
      rows[#rows + 1] = {who, scope, kind .. "/" .. binding.metadata.name, ref.kind .. "/" .. ref.name}
    end
  end
end
for _, b in ipairs(kube.list("clusterrolebindings").items) do check(b, "ClusterRoleBinding", "cluster") end
for _, b in ipairs(kube.list("rolebindings", {allNamespaces = true}).items) do
  check(b, "RoleBinding", "namespace " .. b.metadata.namespace)
end

table.sort(rows, function(a, b) return a[1] .. a[3] < b[1] .. b[3] end)
io.write(kube.table(rows, {columns = {"service-account", "scope", "binding", "role"}}))
print(string.format("%d bindings give service accounts full control", #rows))
if fail and #rows > 0 then error(string.format("%d service accounts with full control", #rows), 0) end
