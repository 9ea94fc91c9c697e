-- Step 4: pods in all namespaces, first as kubectl's table (the server's
-- own columns), then as objects a script can work with.
io.write(kube.table("pods", {allNamespaces = true}))

local pods = kube.list("pods", {allNamespaces = true})
print(#pods.items .. " pods")
for _, pod in ipairs(pods.items) do
  print(pod.metadata.namespace .. "/" .. pod.metadata.name, pod.status.phase)
end
