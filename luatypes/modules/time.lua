---@meta time
-- The time module, for lua-language-server. Written by `klua types`.

--- Wall-clock time in seconds with fractions, and RFC 3339 timestamps.
---@class time
time = {}

--- Seconds since the Unix epoch, to the nanosecond.
---@return number
function time.now() end

--- Reads an RFC 3339 timestamp ("2026-12-04T15:04:05Z") as seconds.
---@param timestamp string
---@return number
function time.parse(timestamp) end

--- Writes seconds as an RFC 3339 timestamp in UTC.
---@param seconds number
---@return string
function time.format(seconds) end

--- Seconds elapsed since t, seconds or an RFC 3339 timestamp.
---@param t number|string
---@return number
function time.since(t) end

return time
