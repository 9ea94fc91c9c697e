---@meta log
-- The log module, for lua-language-server. Written by `klua types`.

--- Structured log records on stderr, as text or JSON (--log-format), each
--- with the script's file and line; records below --log-level are dropped.
---@class log
log = {}

---@param msg string
---@param fields? table<string, any> Extra fields of the record.
function log.debug(msg, fields) end

---@param msg string
---@param fields? table<string, any> Extra fields of the record.
function log.info(msg, fields) end

---@param msg string
---@param fields? table<string, any> Extra fields of the record.
function log.warn(msg, fields) end

---@param msg string
---@param fields? table<string, any> Extra fields of the record.
function log.error(msg, fields) end

return log
