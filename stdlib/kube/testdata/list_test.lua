local h = dofile(TESTDATA .. "/helpers.lua")

-- seed creates n ConfigMaps labelled seeded=yes (the namespace may also
-- hold kube-root-ca.crt, published by a controller at its own pace).
local function seed(ns, n)
  for i = 1, n do
    local cm = h.configmap(ns, string.format("cm-%03d", i))
    cm.metadata.labels = {seeded = "yes"}
    kube.create(cm)
  end
end

function TestListFollowsEveryPage(t)
  local ns = h.namespace("pages")
  seed(ns, 12)
  local list = kube.list("configmaps", {namespace = ns, labelSelector = "seeded=yes"})
  t:eq(#list.items, 12)
  t:eq(list.metadata.continue, nil)
end

function TestListLimitReturnsOnePage(t)
  local ns = h.namespace("limit")
  seed(ns, 5)
  local sel = "seeded=yes"
  local page = kube.list("configmaps", {namespace = ns, labelSelector = sel, limit = 2})
  t:eq(#page.items, 2)
  assert(page.metadata.continue, "a continue token for the next page")
  local rest = kube.list("configmaps", {namespace = ns, labelSelector = sel, limit = 10, continue = page.metadata.continue})
  t:eq(#rest.items, 3)
end

function TestListSelectors(t)
  local ns = h.namespace("sel")
  local a = h.configmap(ns, "a"); a.metadata.labels = {tier = "web"}
  local b = h.configmap(ns, "b"); b.metadata.labels = {tier = "db"}
  kube.create(a); kube.create(b)
  local web = kube.list("configmaps", {namespace = ns, labelSelector = "tier=web"})
  t:eq(#web.items, 1)
  t:eq(web.items[1].metadata.name, "a")
  local byName = kube.list("configmaps", {namespace = ns, fieldSelector = "metadata.name=b"})
  t:eq(#byName.items, 1)
end

function TestEmptyListHasEmptyItems(t)
  local ns = h.namespace("empty")
  local list = kube.list("secrets", {namespace = ns, labelSelector = "none=here"})
  t:eq(#list.items, 0)
  t:eq(json.encode(list.items), "[]")
end

function TestEachPagesWithBoundedMemory(t)
  local ns = h.namespace("each")
  seed(ns, 7)
  local names = {}
  kube.each("configmaps", {namespace = ns, labelSelector = "seeded=yes", limit = 3}, function(cm)
    names[#names + 1] = cm.metadata.name
  end)
  t:eq(#names, 7)
  local count = 0
  kube.each("configmaps", {namespace = ns, labelSelector = "seeded=yes", limit = 3}, function()
    count = count + 1
    if count == 4 then return false end
  end)
  t:eq(count, 4)
end

function TestTable(t)
  local ns = h.namespace("table")
  kube.create(h.configmap(ns, "shown"))
  local out = kube.table("configmaps", {namespace = ns})
  assert(out:match("^NAME%s+DATA%s+AGE\n"), out)
  assert(out:find("\nshown%s+1%s+"), out)
  local all = kube.table("namespaces")
  assert(all:find(ns, 1, true), all)
  local none = kube.table("secrets", {namespace = ns, labelSelector = "none=here"})
  t:eq(none, "No resources found in " .. ns .. " namespace.\n")
end

function TestListLeavesManagedFieldsOut(t)
  local ns = h.namespace("managed")
  seed(ns, 2)
  local sel = "seeded=yes"
  for _, cm in ipairs(kube.list("configmaps", {namespace = ns, labelSelector = sel}).items) do
    t:eq(cm.metadata.managedFields, nil, "list items")
  end
  kube.each("configmaps", {namespace = ns, labelSelector = sel}, function(cm)
    t:eq(cm.metadata.managedFields, nil, "kube.each items")
  end)
  local kept = kube.list("configmaps", {namespace = ns, labelSelector = sel, managedFields = true})
  t:eq(kept.items[1].metadata.managedFields[1].operation, "Update", "kept when asked")

  -- An update of a listed object (without them) leaves them on the server,
  -- and adds the updating manager's entry.
  local cm = kube.list("configmaps", {namespace = ns, labelSelector = sel}).items[1]
  cm.apiVersion, cm.kind = "v1", "ConfigMap" -- list items carry neither
  cm.data = {changed = "yes"}
  kube.update(cm, {fieldManager = "list-test"})
  local managers = {}
  for _, mf in ipairs(kube.get("configmaps", cm.metadata.name, {namespace = ns}).metadata.managedFields) do
    managers[mf.manager] = true
  end
  assert(managers["list-test"], "the updater's entry")
  assert(managers.klua, "the creator's entry is still there")
end
