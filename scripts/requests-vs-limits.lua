-- requests-vs-limits.lua: CPU and memory requested and limited, by
-- namespace, and the containers that set neither.
--
-- Why: capacity planning and quota reviews start from what each team
-- asked for; `kubectl describe nodes` sums by node, not by namespace,
-- and nothing lists the containers without limits.
--
--   klua run scripts/requests-vs-limits.lua [NAMESPACE]   (default: all namespaces)
--
-- Sums the containers of pods that are not finished. CPU is shown in
-- millicores (m), memory in MiB. UNBOUNDED counts containers without a
-- CPU or memory limit.
--
-- RBAC: pods: list.
local opts = arg[1] and {namespace = arg[1]} or {allNamespaces = true}

local suffixes = {
  m = 1e-3, [""] = 1, k = 1e3, M = 1e6, G = 1e9, T = 1e12,
  P = 1e15, E = 1e18, Ki = 1024, Mi = 1024 ^ 2, Gi = 1024 ^ 3, Ti = 1024 ^ 4, Pi = 1024 ^ 5, Ei = 1024 ^ 6,
}
-- quantity("250m") == 0.25, quantity("1Gi") == 1073741824
local function quantity(q)
  if q == nil then return 0 end
  if type(q) == "number" then return q end
  local n, suffix = q:match("^([%d.e+-]+)(%a*)$")
  if not n or not suffixes[suffix] then error("cannot read the quantity " .. q) end
  return tonumber(n) * suffixes[suffix]
end

local by_ns = {}
for _, pod in ipairs(kube.list("pods", opts).items) do
  local phase = pod.status and pod.status.phase
  if phase ~= "Succeeded" and phase ~= "Failed" then
    local ns = pod.metadata.namespace
    local sum = by_ns[ns] or {cpu_req = 0, cpu_lim = 0, mem_req = 0, mem_lim = 0, unbounded = 0}
    by_ns[ns] = sum
    for _, c in ipairs(pod.spec.containers) do
      local req = c.resources and c.resources.requests or {}
      local lim = c.resources and c.resources.limits or {}
      sum.cpu_req = sum.cpu_req + quantity(req.cpu)
      sum.cpu_lim = sum.cpu_lim + quantity(lim.cpu)
      sum.mem_req = sum.mem_req + quantity(req.memory)
      sum.mem_lim = sum.mem_lim + quantity(lim.memory)
      if not lim.cpu or not lim.memory then sum.unbounded = sum.unbounded + 1 end
    end
  end
end

local function cpu(v) return string.format("%dm", math.floor(v * 1000 + 0.5)) end
local function mem(v) return string.format("%dMi", math.floor(v / 1024 ^ 2 + 0.5)) end
local rows = {}
for ns, s in pairs(by_ns) do
  rows[#rows + 1] = {ns, cpu(s.cpu_req), cpu(s.cpu_lim), mem(s.mem_req), mem(s.mem_lim), s.unbounded}
end
table.sort(rows, function(a, b) return a[1] < b[1] end)
io.write(kube.table(rows, {columns = {"namespace", "cpu-requests", "cpu-limits",
  "memory-requests", "memory-limits", "unbounded"}}))
