-- label-namespaces.lua: give every namespace that lacks a `team` label
-- one, as namespaces are created. Namespaces without an owner are how
-- clusters fill with forgotten workloads; a default owner makes them
-- show up in someone's report.
--
--   klua run scripts/label-namespaces.lua [TEAM]   (default TEAM: platform)
--
-- RBAC: namespaces: list, watch, patch.
-- Runs until stopped (Ctrl-C, SIGTERM); existing namespaces are handled
-- first. kube.reconcile retries a namespace whose patch fails.
local team = arg[1] or "platform"
local skip = {["kube-system"] = true, ["kube-public"] = true, ["kube-node-lease"] = true}

kube.reconcile("namespaces", {}, function(ns, name)
  if ns == nil or skip[name] or ns.metadata.deletionTimestamp then return end
  local labels = ns.metadata.labels or {}
  if labels.team then return end
  kube.patch("namespaces", name, {metadata = {labels = {team = team}}})
  log.info("labelled namespace", {namespace = name, team = team})
end)
