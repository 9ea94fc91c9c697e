function TestRequestRoot(t)
  local root = kube.request{path = "/"}
  t:eq(root.status, 200)
  local found = false
  for _, p in ipairs(root.body.paths) do if p == "/api" then found = true end end
  assert(found, "GET / lists /api")
  assert(root.headers["content-type"]:find("application/json"), root.headers["content-type"])
end

function TestRequestTextBody(t)
  local health = kube.request{path = "/healthz"}
  t:eq(health.status, 200)
  t:eq(health.body, "ok")
end

function TestRequestQueryAndNotFound(t)
  local nodes = kube.request{path = "/api/v1/nodes", query = {limit = 1}}
  t:eq(nodes.status, 200)
  t:eq(#nodes.body.items, 1)
  local missing = kube.request{path = "/api/v1/namespaces/default/pods/nope"}
  t:eq(missing.status, 404)
  t:eq(missing.body.reason, "NotFound")
end

function TestRequestWrite(t)
  local resp = kube.request{method = "POST", path = "/api/v1/namespaces/default/configmaps",
    body = {apiVersion = "v1", kind = "ConfigMap", metadata = {generateName = "raw-"}, data = {a = "b"}}}
  t:eq(resp.status, 201)
  kube.delete("configmaps", resp.body.metadata.name)
end

function TestConfigHasNothingSecret(t)
  local cfg = kube.config()
  t:eq(cfg.context, "admin")
  assert(cfg.server:match("^https://127%.0%.0%.1:"), cfg.server)
  for k, v in pairs(cfg) do
    assert(k == "context" or k == "cluster" or k == "server" or k == "namespace" or k == "user", k)
    assert(not tostring(v):find("token"), k)
  end
end

function TestConnectAnotherContext(t)
  local nobody = kube.connect{context = "nobody"}
  t:eq(nobody:config().context, "nobody")
  local ok, err = pcall(nobody.list, nobody, "pods")
  assert(not ok)
  t:eq(err.code, 403)
  t:eq(err.reason, "Forbidden")
  -- The default client is untouched.
  t:eq(kube.config().context, "admin")
end
