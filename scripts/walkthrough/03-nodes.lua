-- Step 3: the nodes and their addresses (.items[].status.addresses).
for _, node in ipairs(kube.list("nodes").items) do
  local addresses = {}
  for _, a in ipairs(node.status.addresses or {}) do
    addresses[#addresses + 1] = a.type .. "=" .. a.address
  end
  print(node.metadata.name, table.concat(addresses, " "))
end
