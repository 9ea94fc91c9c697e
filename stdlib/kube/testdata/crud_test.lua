local h = dofile(TESTDATA .. "/helpers.lua")

function TestCreateGetUpdateDelete(t)
  local ns = h.namespace("crud")
  local cm = kube.create(h.configmap(ns, "settings", {mode = "fast", empty = ""}))
  t:eq(cm.metadata.namespace, ns)
  t:eq(cm.data.empty, "")

  local got = kube.get("configmaps", "settings", {namespace = ns})
  t:eq(got.metadata.uid, cm.metadata.uid)

  got.data.mode = "slow"
  local updated = kube.update(got)
  t:eq(updated.data.mode, "slow")
  assert(updated.metadata.resourceVersion ~= got.metadata.resourceVersion, "update changed nothing")

  kube.delete("configmaps", "settings", {namespace = ns})
  t:eq(kube.get("configmaps", "settings", {namespace = ns, ignoreNotFound = true}), nil)
  t:eq(kube.delete("configmaps", "settings", {namespace = ns, ignoreNotFound = true}), nil)
end

function TestDeleteObject(t)
  local ns = h.namespace("delobj")
  local cm = kube.create(h.configmap(ns, "gone"))
  kube.delete(cm)
  t:eq(kube.get("cm", "gone", {namespace = ns, ignoreNotFound = true}), nil)
end

function TestUpdateConflict(t)
  local ns = h.namespace("conflict")
  local first = kube.create(h.configmap(ns, "c"))
  local second = kube.get("configmaps", "c", {namespace = ns})
  second.data.key = "second"
  kube.update(second)
  first.data.key = "first"
  local err = h.raises(kube.update, first)
  t:eq(err.code, 409)
  t:eq(err.reason, "Conflict")
end

function TestNotFoundError(t)
  local err = h.raises(kube.get, "pods", "no-such-pod", {namespace = "default"})
  t:eq(err.code, 404)
  t:eq(err.reason, "NotFound")
  t:eq(tostring(err), 'kube.get: pods "no-such-pod" not found (404 NotFound)')
  t:eq(err.details.name, "no-such-pod")
  assert(("x: " .. err):find("not found"), "errors concatenate like strings")
end

function TestAlreadyExists(t)
  local ns = h.namespace("exists")
  kube.create(h.configmap(ns, "twice"))
  local err = h.raises(kube.create, h.configmap(ns, "twice"))
  t:eq(err.reason, "AlreadyExists")
  t:eq(err.code, 409)
end

function TestInvalid(t)
  local ns = h.namespace("invalid")
  local err = h.raises(kube.create, h.configmap(ns, "Not_A_Valid_Name"))
  t:eq(err.code, 422)
  t:eq(err.reason, "Invalid")
  assert(#err.details.causes > 0, "an Invalid error lists its causes")
end

function TestGenerateName(t)
  local ns = h.namespace("gen")
  local cm = kube.create({apiVersion = "v1", kind = "ConfigMap",
    metadata = {generateName = "gen-", namespace = ns}})
  assert(cm.metadata.name:match("^gen%-"), cm.metadata.name)
end
