-- Step 2: GET / lists every path the API server serves; /version says
-- which Kubernetes it is.
local root = kube.request{path = "/"}
print("GET / -> " .. root.status)
for _, path in ipairs(root.body.paths) do
  if path == "/api" or path == "/apis" or path == "/healthz" or path == "/version" then
    print("  " .. path)
  end
end
print(#root.body.paths .. " paths in all")

local version = kube.request{path = "/version"}.body
print("server version: " .. version.gitVersion)
