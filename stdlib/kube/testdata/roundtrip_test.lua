-- update(get(x)) on an unchanged object must be a no-op on the server: the
-- resourceVersion stays the same only if klua's conversion corrupted
-- nothing ({} vs [], nulls, integers, empty strings).
local h = dofile(TESTDATA .. "/helpers.lua")

-- Controllers and the fake kubelet write status right after a create, so
-- a get and its update can race them: retry_on_conflict gets afresh.
local function assertNoOp(t, resource, obj)
  local created = kube.create(obj)
  local got, after
  kube.retry_on_conflict(function()
    got = kube.get(resource, created.metadata.name, {namespace = created.metadata.namespace})
    after = kube.update(got)
  end, 20)
  t:eq(after.metadata.resourceVersion, got.metadata.resourceVersion, resource .. " changed on a no-op update")
  return got
end

function TestRoundTripPodWithEmptyDir(t)
  local ns = h.namespace("rtpod")
  local pod = assertNoOp(t, "pods", {apiVersion = "v1", kind = "Pod",
    metadata = {name = "scratch", namespace = ns},
    spec = {containers = {{name = "app", image = "busybox", command = {"sleep", "3600"},
      volumeMounts = {{name = "tmp", mountPath = "/tmp"}}}},
      volumes = {{name = "tmp", emptyDir = json.object{}}}}})
  t:eq(json.encode(pod.spec.volumes[1].emptyDir), "{}")
end

function TestRoundTripDeployment(t)
  local ns = h.namespace("rtdeploy")
  assertNoOp(t, "deployments", {apiVersion = "apps/v1", kind = "Deployment",
    metadata = {name = "web", namespace = ns},
    spec = {replicas = 2, selector = {matchLabels = {app = "web"}},
      template = {metadata = {labels = {app = "web"}},
        spec = {containers = {{name = "web", image = "nginx", ports = {{containerPort = 80}},
          resources = {limits = {cpu = "500m", memory = "128Mi"}}}}}}}})
end

function TestRoundTripService(t)
  local ns = h.namespace("rtsvc")
  assertNoOp(t, "services", {apiVersion = "v1", kind = "Service",
    metadata = {name = "web", namespace = ns},
    spec = {selector = {app = "web"}, ports = {{port = 80, targetPort = 8080, protocol = "TCP"}}}})
end

function TestRoundTripConfigMapWithEmptyStrings(t)
  local ns = h.namespace("rtcm")
  local cm = assertNoOp(t, "configmaps", h.configmap(ns, "empties", {a = "", b = "x"}))
  t:eq(cm.data.a, "")
end

function TestRoundTripCustomObject(t)
  local ok, err = pcall(kube.create, {
    apiVersion = "apiextensions.k8s.io/v1", kind = "CustomResourceDefinition",
    metadata = {name = "gadgets.klua.dev"},
    spec = {group = "klua.dev", scope = "Namespaced",
      names = {plural = "gadgets", singular = "gadget", kind = "Gadget"},
      versions = {{name = "v1", served = true, storage = true,
        schema = {openAPIV3Schema = {type = "object", ["x-kubernetes-preserve-unknown-fields"] = true}}}}}})
  assert(ok or err.reason == "AlreadyExists", tostring(err))
  local ns = h.namespace("rtcr")
  local obj
  for _ = 1, 100 do
    ok, err = pcall(assertNoOp, t, "gadgets", {apiVersion = "klua.dev/v1", kind = "Gadget",
      metadata = {name = "g", namespace = ns},
      spec = {count = 3, ratio = 0.5, empty = json.object{}, none = json.array{},
        nothing = json.null, nested = {list = {1, json.null, 3}}}})
    if ok then break end
    assert(err.reason == "UnknownResource" or err.reason == "NotFound", tostring(err))
    sleep(0.1)
  end
  assert(ok, tostring(err))
  obj = kube.get("gadgets", "g", {namespace = ns})
  t:eq(json.encode(obj.spec.empty), "{}")
  t:eq(json.encode(obj.spec.none), "[]")
  t:eq(obj.spec.nothing, json.null)
  t:eq(json.encode(obj.spec.nested.list), "[1,null,3]")
  t:eq(json.encode(obj.spec.count), "3")
end
