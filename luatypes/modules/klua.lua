---@meta
-- klua's globals, for lua-language-server. Written by `klua types`.
-- The modules kube, json, yaml, log, time, schedule and progress are globals too
-- (see their own files); require("kube") returns the same table.

--- The script's arguments: arg[0] is the script, arg[1..n] what followed
--- it on the command line.
---@type string[]
arg = {}

--- Pauses the script, running watch and schedule callbacks meanwhile.
--- Ctrl-C or --timeout ends it at once.
---@param seconds number
function sleep(seconds) end
