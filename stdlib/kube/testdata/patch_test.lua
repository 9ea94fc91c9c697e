local h = dofile(TESTDATA .. "/helpers.lua")

function TestMergePatchDeletesWithNull(t)
  local ns = h.namespace("merge")
  local cm = h.configmap(ns, "labels")
  cm.metadata.labels = {app = "web", tier = "front"}
  kube.create(cm)
  local patched = kube.patch("configmaps", "labels", {metadata = {labels = {app = json.null}}}, {namespace = ns})
  t:eq(patched.metadata.labels.app, nil)
  t:eq(patched.metadata.labels.tier, "front")
end

function TestStrategicPatch(t)
  local ns = h.namespace("strategic")
  kube.create({apiVersion = "apps/v1", kind = "Deployment",
    metadata = {name = "web", namespace = ns},
    spec = {replicas = 1, selector = {matchLabels = {app = "web"}},
      template = {metadata = {labels = {app = "web"}},
        spec = {containers = {{name = "web", image = "nginx:1.26"}, {name = "side", image = "busybox"}}}}}})
  -- A strategic merge patch merges containers by name; a merge patch would replace the list.
  local d = kube.patch("deployments", "web",
    {spec = {template = {spec = {containers = {{name = "web", image = "nginx:1.27"}}}}}},
    {namespace = ns, type = "strategic"})
  t:eq(#d.spec.template.spec.containers, 2)
  t:eq(d.spec.template.spec.containers[1].image, "nginx:1.27")
end

function TestJSONPatch(t)
  local ns = h.namespace("jsonpatch")
  kube.create(h.configmap(ns, "ops", {a = "1"}))
  local cm = kube.patch("cm", "ops", {
    {op = "add", path = "/data/b", value = "2"},
    {op = "remove", path = "/data/a"},
  }, {namespace = ns, type = "json"})
  t:eq(cm.data.b, "2")
  t:eq(cm.data.a, nil)
end

function TestPatchString(t)
  local ns = h.namespace("patchstr")
  kube.create(h.configmap(ns, "s"))
  local cm = kube.patch("configmaps", "s", '{"data":{"key":"from-string"}}', {namespace = ns})
  t:eq(cm.data.key, "from-string")
end

function TestApply(t)
  local ns = h.namespace("apply")
  local cm = h.configmap(ns, "applied", {owner = "klua"})
  local out = kube.apply(cm)
  t:eq(out.data.owner, "klua")
  local managers = {}
  for _, mf in ipairs(out.metadata.managedFields) do managers[mf.manager] = true end
  assert(managers.klua, "field manager klua owns the fields")

  -- Another manager changing the same field conflicts unless it forces.
  cm.data.owner = "other"
  local err = h.raises(kube.apply, cm, {fieldManager = "other"})
  t:eq(err.code, 409)
  t:eq(err.reason, "Conflict")
  out = kube.apply(cm, {fieldManager = "other", force = true})
  t:eq(out.data.owner, "other")
end

function TestDryRunOption(t)
  local ns = h.namespace("dryrun")
  local cm = kube.create(h.configmap(ns, "never"), {dryRun = true})
  t:eq(cm.metadata.name, "never")
  t:eq(kube.get("configmaps", "never", {namespace = ns, ignoreNotFound = true}), nil)
end

function TestSubresources(t)
  local ns = h.namespace("sub")
  kube.create({apiVersion = "apps/v1", kind = "Deployment",
    metadata = {name = "web", namespace = ns},
    spec = {replicas = 1, selector = {matchLabels = {app = "web"}},
      template = {metadata = {labels = {app = "web"}},
        spec = {containers = {{name = "web", image = "nginx"}}}}}})
  local scale = kube.get("deployments", "web", {namespace = ns, subresource = "scale"})
  t:eq(scale.kind, "Scale")
  t:eq(scale.spec.replicas, 1)
  -- The deployment controller writes status meanwhile: get and PUT again on conflict.
  scale = kube.retry_on_conflict(function()
    local s = kube.get("deployments", "web", {namespace = ns, subresource = "scale"})
    s.spec.replicas = 2
    return kube.update(s, {subresource = "scale", resource = "deployments"})
  end, 20)
  t:eq(scale.spec.replicas, 2)
  t:eq(kube.get("deploy", "web", {namespace = ns}).spec.replicas, 2)
end
