-- Shared helpers for the kube module's Lua tests: each test works in a
-- namespace of its own, so tests never see each other's objects.
local helpers = {}

function helpers.namespace(prefix)
  local ns = kube.create({
    apiVersion = "v1", kind = "Namespace",
    metadata = {generateName = "klua-" .. prefix .. "-"},
  })
  return ns.metadata.name
end

function helpers.configmap(ns, name, data)
  return {
    apiVersion = "v1", kind = "ConfigMap",
    metadata = {name = name, namespace = ns},
    data = data or {key = "value"},
  }
end

-- raises(fn, ...) calls fn and returns the error it raised; it fails the
-- test if fn did not raise.
function helpers.raises(fn, ...)
  local ok, err = pcall(fn, ...)
  assert(not ok, "expected an error, got none")
  return err
end

return helpers
