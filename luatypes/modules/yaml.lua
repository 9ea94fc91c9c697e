---@meta yaml
-- The yaml module, for lua-language-server. Written by `klua types`.

--- YAML text to Lua values and back, by the json module's value rules.
---@class yaml
yaml = {}

--- Decodes the first document of s (nil if it has none).
---@param s string
---@return any
function yaml.decode(s) end

--- Decodes every non-empty document of s, as an array.
---@param s string
---@return any[]
function yaml.decode_all(s) end

--- Encodes a value as YAML, keys sorted.
---@param value any
---@return string
function yaml.encode(value) end

--- Reads a file and decodes every non-empty document in it, as an array.
---@param path string
---@return any[]
function yaml.load_file(path) end

return yaml
