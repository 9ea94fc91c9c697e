---@meta schedule
-- The schedule module, for lua-language-server. Written by `klua types`.

--- Runs a function on an interval or a cron spec, on the script's own
--- thread, like a watch callback; the script keeps running while a
--- schedule is live.
---@class schedule
schedule = {}

---@class schedule.Options
---@field overlap? "forbid"|"queue" A run due while the previous one runs: skipped (forbid, the default) or run right after it (queue).
---@field timeout? number|string Cancel a run after this long (seconds or "2m"; default --callback-timeout).
---@field jitter? number|string Wait a random delay up to this long after each due time.
---@field runNow? boolean Also run once at the start.
---@field name? string The schedule's name in reports and metrics.

---@class schedule.CronOptions: schedule.Options
---@field timezone? string The IANA timezone of the spec ("Europe/Paris"; default local time).

---@class schedule.Stats
---@field runs integer Runs that finished, whatever their outcome.
---@field failures integer Runs that raised an error.
---@field timeouts integer Runs cancelled past their timeout.
---@field skips integer Runs that came due while the previous one ran, and did not run.
---@field running boolean Whether a run came due and has not finished.
---@field name string

---@class schedule.Handle
local Handle = {}

--- Stops the schedule; a run in progress finishes.
function Handle:stop() end

--- What happened so far.
---@return schedule.Stats
function Handle:stats() end

--- Calls fn(handle) every interval: seconds or a duration string ("30s", "5m").
---@param interval number|string
---@param fn fun(handle: schedule.Handle)
---@param opts? schedule.Options
---@return schedule.Handle
function schedule.every(interval, fn, opts) end

--- Calls fn(handle) whenever spec comes due: five cron fields (six with
--- seconds first), or @hourly, @daily, @weekly, @monthly, @yearly, @every 10m.
---@param spec string
---@param fn fun(handle: schedule.Handle)
---@param opts? schedule.CronOptions
---@return schedule.Handle
function schedule.cron(spec, fn, opts) end

return schedule
