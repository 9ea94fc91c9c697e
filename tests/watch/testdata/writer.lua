-- Creates, updates and deletes 500 ConfigMaps in a namespace, riding out
-- an apiserver restart: an operation that fails for want of a server is
-- tried again; one that went through before its answer was lost shows up
-- as AlreadyExists or NotFound on the retry, which counts as done.
local ns = arg[1]
local ops = 0

local function with_retry(fn, done_reason)
  while true do
    local ok, err = pcall(fn)
    if ok or err.reason == done_reason then break end
    if err.code ~= 0 and err.code < 500 and err.code ~= 429 then error(err) end
    sleep(0.2)
  end
  ops = ops + 1
  if ops % 50 == 0 then print("op " .. ops); io.stdout:flush() end
end

local function cm(i)
  return {apiVersion = "v1", kind = "ConfigMap",
    metadata = {name = "cm-" .. i, namespace = ns, labels = {churn = "yes"}},
    data = {n = tostring(i)}}
end

for i = 1, 250 do
  with_retry(function() kube.create(cm(i)) end, "AlreadyExists")
end
for i = 1, 150 do
  with_retry(function()
    kube.patch("configmaps", "cm-" .. i, {data = {n = "updated " .. i}}, {namespace = ns})
  end, nil)
end
for i = 1, 100 do
  with_retry(function() kube.delete("configmaps", "cm-" .. (i * 2), {namespace = ns}) end, "NotFound")
end
with_retry(function()
  kube.create({apiVersion = "v1", kind = "ConfigMap",
    metadata = {name = "done", namespace = ns, labels = {churn = "done"}}})
end, "AlreadyExists")
print("wrote " .. ops .. " operations")
