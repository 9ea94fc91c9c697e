---@meta progress
-- The progress module, for lua-language-server. Written by `klua types`.

--- Progress bars for long operations, drawn on stderr when it is a
--- terminal, silent otherwise.
---@class progress
---@field terminal boolean Whether bars are drawn (stderr is a terminal).
progress = {}

---@class progress.Bar
local Bar = {}

--- Advances the bar by n (1 by default).
---@param n? integer
function Bar:add(n) end

--- Sets how far the bar is.
---@param n integer
function Bar:set(n) end

--- Draws the bar a last time and ends its line.
function Bar:done() end

--- A new bar out of total (nil: count only), with a label.
---@param total? integer
---@param label? string
---@return progress.Bar
function progress.new(total, label) end

--- ipairs(list), with a bar that advances as each item is done.
---@generic V
---@param list V[]
---@param label? string
---@return fun(): integer, V
function progress.ipairs(list, label) end

return progress
