---@meta json
-- The json module, for lua-language-server. Written by `klua types`.

--- JSON text to Lua values and back, by klua's value rules: {} and [] kept
--- apart, json.null for null, whole numbers as integers, keys sorted.
---@class json
json = {}

--- The value JSON null decodes to and that encodes as null; in a merge
--- patch it deletes the field.
---@type userdata
json.null = nil

--- Decodes one JSON value.
---@param s string
---@return any
function json.decode(s) end

--- Encodes a value as JSON, keys sorted.
---@param value any
---@param opts? {indent?: integer}
---@return string
function json.encode(value, opts) end

--- Marks t (or a new table) as an array: it encodes as [] even when empty.
---@generic T: table
---@param t? T
---@return T
function json.array(t) end

--- Marks t (or a new table) as an object: it encodes as {} even when empty
--- or when its keys are 1..n.
---@generic T: table
---@param t? T
---@return T
function json.object(t) end

return json
