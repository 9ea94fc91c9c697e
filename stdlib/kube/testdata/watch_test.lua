local h = dofile(TESTDATA .. "/helpers.lua")

-- waitFor runs callbacks (through sleep) until cond() holds or 10 s pass.
local function waitFor(cond, what)
  for _ = 1, 200 do
    if cond() then return end
    sleep(0.05)
  end
  error("timed out waiting for " .. what)
end

-- labelled returns a ConfigMap labelled watched=yes: a new namespace also
-- gets kube-root-ca.crt, published by a controller at its own pace.
local function labelled(ns, name)
  local cm = h.configmap(ns, name)
  cm.metadata.labels = {watched = "yes"}
  return cm
end

function TestWatchDeliversChangesInOrder(t)
  local ns = h.namespace("watch")
  kube.create(labelled(ns, "before"))
  local events = {}
  local w = kube.watch("configmaps", {namespace = ns, labelSelector = "watched=yes"}, function(ev)
    events[#events + 1] = ev
  end)
  waitFor(function() return #events >= 1 end, "the initial ADDED")
  t:eq(events[1].type, "ADDED")
  t:eq(events[1].object.metadata.name, "before")
  t:eq(events[1].object.metadata.managedFields, nil)

  local cm = kube.create(labelled(ns, "after"))
  cm.data.key = "changed"
  kube.update(cm)
  kube.delete(cm)
  waitFor(function() return #events >= 4 end, "three more events")
  w:stop()
  t:eq(events[2].type, "ADDED")
  t:eq(events[3].type, "MODIFIED")
  t:eq(events[3].old.data.key, "value")
  t:eq(events[3].object.data.key, "changed")
  t:eq(events[4].type, "DELETED")
  t:eq(events[4].object.metadata.name, "after")
end

function TestWatchInitialFalse(t)
  local ns = h.namespace("noinit")
  kube.create(labelled(ns, "old"))
  local names = {}
  local w = kube.watch("configmaps", {namespace = ns, labelSelector = "watched=yes", initial = false, managedFields = true}, function(ev)
    names[#names + 1] = ev.object.metadata.name
    assert(ev.object.metadata.managedFields, "managedFields kept when asked")
  end)
  kube.create(labelled(ns, "new"))
  waitFor(function() return #names >= 1 end, "the new object")
  w:stop()
  t:eq(table.concat(names, ","), "new")
end

function TestWatchForbidden(t)
  local nobody = kube.connect{context = "nobody"}
  local ok, err = pcall(nobody.watch, nobody, "pods", {}, function() end)
  assert(not ok)
  t:eq(err.code, 403)
end

function TestCallbackErrorDoesNotStopTheWatch(t)
  local ns = h.namespace("cberr")
  local seen = 0
  local w = kube.watch("configmaps", {namespace = ns, labelSelector = "watched=yes", initial = false}, function(ev)
    seen = seen + 1
    if ev.object.metadata.name == "bad" then error("this one fails") end
  end)
  kube.create(labelled(ns, "bad"))
  kube.create(labelled(ns, "good"))
  waitFor(function() return seen >= 2 end, "both events")
  w:stop()
  t:eq(seen, 2)
end

function TestReconcileRetriesWithGrowingDelays(t)
  local ns = h.namespace("reconcile")
  local calls, times, others = 0, {}, {}
  local inflight, overlapped = {}, false
  local rc = kube.reconcile("configmaps", {namespace = ns, labelSelector = "test", minBackoff = 0.2}, function(cm, key)
    if inflight[key] then overlapped = true end
    inflight[key] = true
    local name = key:match("/(.*)")
    if name == "flaky" and cm then
      calls = calls + 1
      times[calls] = time.now()
      if calls < 3 then inflight[key] = nil; error("not yet " .. calls) end
    elseif cm then
      others[name] = (others[name] or 0) + 1
    end
    inflight[key] = nil
  end)
  local flaky = h.configmap(ns, "flaky"); flaky.metadata.labels = {test = "yes"}
  kube.create(flaky)
  for i = 1, 3 do
    local cm = h.configmap(ns, "other-" .. i); cm.metadata.labels = {test = "yes"}
    kube.create(cm)
  end
  waitFor(function() return calls >= 3 end, "the third call of the flaky key")
  rc:stop()
  t:eq(calls, 3)
  for i = 1, 3 do t:eq(others["other-" .. i], 1, "other-" .. i .. " handled once") end
  local first, second = times[2] - times[1], times[3] - times[2]
  assert(first >= 0.15, "first retry after " .. first .. "s, want about 0.2s")
  assert(second >= 1.5 * first, "delays grow: " .. first .. "s then " .. second .. "s")
  assert(not overlapped, "a key was handled twice at once")
end

function TestReconcileCoalescesAndSeesDeletion(t)
  local ns = h.namespace("coalesce")
  local calls, lastState = 0, "none"
  local rc = kube.reconcile("configmaps", {namespace = ns, fieldSelector = "metadata.name=busy"}, function(cm)
    calls = calls + 1
    lastState = cm and cm.data.key or "gone"
  end)
  local cm = kube.create(h.configmap(ns, "busy", {key = "0"}))
  -- Twenty changes while the script is busy: the handler sees the level
  -- (the last state), not every step.
  for i = 1, 20 do
    cm = kube.patch("configmaps", "busy", {data = {key = tostring(i)}}, {namespace = ns})
  end
  waitFor(function() return lastState == "20" end, "the last state")
  assert(calls < 21, "changes were coalesced: " .. calls .. " calls for 21 states")
  kube.delete(cm)
  waitFor(function() return lastState == "gone" end, "the deletion")
  rc:stop()
end

function TestReconcileRequeueAfter(t)
  local ns = h.namespace("requeue")
  local calls = 0
  local rc = kube.reconcile("configmaps", {namespace = ns, fieldSelector = "metadata.name=again"}, function(cm)
    if cm == nil then return end
    calls = calls + 1
    if calls < 3 then return {requeueAfter = 0.1} end
  end)
  kube.create(h.configmap(ns, "again"))
  waitFor(function() return calls >= 3 end, "three calls")
  sleep(0.3)
  rc:stop()
  t:eq(calls, 3)
end

function TestWaitForDeploymentAndTimeout(t)
  local ns = h.namespace("wait")
  kube.create({apiVersion = "apps/v1", kind = "Deployment",
    metadata = {name = "web", namespace = ns},
    spec = {replicas = 2, selector = {matchLabels = {app = "web"}},
      template = {metadata = {labels = {app = "web"}}, spec = {containers = {{name = "web", image = "nginx"}}}}}})
  local d = kube.wait("deployments", "web", function(d)
    return d and d.status and d.status.availableReplicas == d.spec.replicas
  end, {namespace = ns, timeout = 60})
  t:eq(d.status.availableReplicas, 2)

  local ok, err = pcall(kube.wait, "deployments", "web", function() return false end, {namespace = ns, timeout = 0.3})
  assert(not ok)
  t:eq(err.reason, "Timeout")
  assert(tostring(err):find('timed out after 300ms waiting for deployments.apps "web"', 1, true), tostring(err))

  local ok2, err2 = pcall(kube.wait, "deployments", "web", function() error("predicate broke") end, {namespace = ns})
  assert(not ok2 and tostring(err2):find("predicate broke"), tostring(err2))
end

function TestWaitSeesAbsence(t)
  local ns = h.namespace("absent")
  local got = kube.wait("configmaps", "never", function(cm) return cm == nil end, {namespace = ns, timeout = 10})
  t:eq(got, nil)
end
