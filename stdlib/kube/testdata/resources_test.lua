local h = dofile(TESTDATA .. "/helpers.lua")

function TestResourceNames(t)
  local ns = h.namespace("names")
  kube.create({apiVersion = "apps/v1", kind = "Deployment",
    metadata = {name = "web", namespace = ns},
    spec = {replicas = 0, selector = {matchLabels = {app = "web"}},
      template = {metadata = {labels = {app = "web"}},
        spec = {containers = {{name = "web", image = "nginx"}}}}}})
  for _, name in ipairs{"deployments", "deployment", "deploy", "Deployment",
                        "deployments.apps", "deployments.v1.apps"} do
    t:eq(kube.get(name, "web", {namespace = ns}).kind, "Deployment", name)
  end
  for _, name in ipairs{"pods", "pod", "po", "Pod"} do
    t:eq(kube.list(name, {namespace = ns}).kind, "PodList", name)
  end
  t:eq(kube.list("rc", {namespace = ns}).kind, "ReplicationControllerList")
end

function TestUnknownResourceNamesClosest(t)
  local err = h.raises(kube.list, "deploymnets")
  t:eq(err.reason, "UnknownResource")
  assert(tostring(err):find("deployments.apps", 1, true), tostring(err))
end

function TestCustomResource(t)
  local crd = {
    apiVersion = "apiextensions.k8s.io/v1", kind = "CustomResourceDefinition",
    metadata = {name = "widgets.klua.dev"},
    spec = {group = "klua.dev", scope = "Namespaced",
      names = {plural = "widgets", singular = "widget", kind = "Widget", shortNames = {"wd"}},
      versions = {{name = "v1", served = true, storage = true,
        schema = {openAPIV3Schema = {type = "object", ["x-kubernetes-preserve-unknown-fields"] = true}}}}},
  }
  local ok, err = pcall(kube.create, crd)
  assert(ok or err.reason == "AlreadyExists", tostring(err))
  -- The CRD is served once Established.
  for _ = 1, 100 do
    local c = kube.get("crd", "widgets.klua.dev")
    local established = false
    local conditions = c.status and c.status.conditions
    if conditions == json.null then conditions = nil end
    for _, cond in ipairs(conditions or {}) do
      if cond.type == "Established" and cond.status == "True" then established = true end
    end
    if established then break end
    sleep(0.1)
  end
  local ns = h.namespace("crd")
  kube.create({apiVersion = "klua.dev/v1", kind = "Widget", metadata = {name = "w1", namespace = ns},
    spec = {size = 3, tags = json.array{}, extra = json.object{}, note = json.null}})
  for _, name in ipairs{"widgets", "widget", "wd", "Widget", "widgets.klua.dev"} do
    t:eq(kube.get(name, "w1", {namespace = ns}).spec.size, 3, name)
  end
end
