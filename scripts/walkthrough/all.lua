-- Runs every step of the walkthrough in order.
--   klua run scripts/walkthrough/all.lua
local dir = arg[0]:match("^(.*)/") or "."
local steps = {
  "01-identity", "02-root", "03-nodes", "04-pods",
  "05-namespace", "06-replication-controller", "07-scale", "08-watch",
}
for _, step in ipairs(steps) do
  print("== " .. step)
  arg = {[0] = dir .. "/" .. step .. ".lua"}
  dofile(arg[0])
end
