local h = dofile(TESTDATA .. "/helpers.lua")

function TestDefaultNamespaceIsTheContexts(t)
  t:eq(kube.config().namespace, "default")
  local cm = kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {generateName = "defaultns-"}})
  t:eq(cm.metadata.namespace, "default")
  kube.delete(cm)
end

function TestObjectNamespaceWins(t)
  local ns = h.namespace("objns")
  local cm = kube.create(h.configmap(ns, "mine"))
  t:eq(cm.metadata.namespace, ns)
end

function TestContradictingNamespaceIsAnError(t)
  local ns = h.namespace("contra")
  local err = h.raises(kube.create, h.configmap(ns, "x"), {namespace = "default"})
  t:eq(err.reason, "Invalid")
  assert(tostring(err):find("contradicts"), tostring(err))
end

function TestClusterScopedIgnoresNamespace(t)
  local nodes = kube.list("nodes", {namespace = "ignored"})
  assert(#nodes.items >= 1, "the fake kubelet's node is listed")
end

function TestAllNamespaces(t)
  local a, b = h.namespace("alla"), h.namespace("allb")
  kube.create(h.configmap(a, "one"))
  kube.create(h.configmap(b, "two"))
  local seen = {}
  for _, cm in ipairs(kube.list("configmaps", {allNamespaces = true}).items) do
    seen[cm.metadata.namespace .. "/" .. cm.metadata.name] = true
  end
  assert(seen[a .. "/one"] and seen[b .. "/two"], "both namespaces listed")
end
