-- luacheck's settings for klua's scripts and the examples of docs/
-- (.ci/run lints both). klua runs Lua 5.1 (gopher-lua) and gives every
-- script these globals.
std = "lua51"
read_globals = {
  "kube", "json", "yaml", "log", "time", "progress", "sleep",
  -- the schedule module, where klua has it: scripts test for it first
  "schedule",
}
max_line_length = 120
-- Usage lines in scripts' headers stay on one line: completion reads them.
max_comment_line_length = false
-- all.lua runs the walkthrough's steps, each with its own arg.
files["scripts/walkthrough/all.lua"] = {globals = {"arg"}}
