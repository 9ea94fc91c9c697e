-- Watches the churn=yes ConfigMaps of a namespace and applies every event
-- to a view. Once the writer's "done" marker has arrived and no event has
-- come for two seconds, the view must equal a fresh list. (The marker
-- alone is not enough: after a relist the differences are delivered per
-- object, in no particular order across objects, so the marker can come
-- before other objects' changes.) ADDED twice for one uid is counted.
local ns = arg[1]
local view, added, duplicates, events = {}, {}, 0, 0
local done, lastEvent = false, time.now()

local function compare()
  local list = {}
  for _, item in ipairs(kube.list("configmaps", {namespace = ns, labelSelector = "churn=yes"}).items) do
    list[item.metadata.name] = item.metadata.resourceVersion
  end
  local mismatches, size = 0, 0
  for name, rv in pairs(list) do
    size = size + 1
    if view[name] ~= rv then
      mismatches = mismatches + 1
      print("mismatch", name, "view", tostring(view[name]), "list", rv)
    end
  end
  for name in pairs(view) do
    if not list[name] then
      mismatches = mismatches + 1
      print("mismatch", name, "in the view, not in the list")
    end
  end
  print(string.format("events %d, list %d objects, mismatches %d, duplicate ADDED %d",
    events, size, mismatches, duplicates))
end

kube.watch("configmaps", {namespace = ns, labelSelector = "churn"}, function(ev)
  local cm = ev.object
  events = events + 1
  lastEvent = time.now()
  if cm.metadata.labels.churn == "done" then
    done = true
    return
  end
  local name = cm.metadata.name
  if ev.type == "ADDED" then
    if added[cm.metadata.uid] then duplicates = duplicates + 1 end
    added[cm.metadata.uid] = true
    view[name] = cm.metadata.resourceVersion
  elseif ev.type == "MODIFIED" then
    view[name] = cm.metadata.resourceVersion
  else
    view[name] = nil
  end
end)
print("watching")

while not (done and time.now() - lastEvent > 2) do
  sleep(0.2)
end
compare()
os.exit(0)
