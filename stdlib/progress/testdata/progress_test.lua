local progress = require("progress")

function TestMisuseNamesTheFunction(t)
  local ok, err = pcall(progress.new, -1)
  t:eq(ok, false)
  assert(err:find("progress.new: bad argument #1 (total must not be negative, got -1)", 1, true), err)
  local bar = progress.new(2)
  ok, err = pcall(bar.add)
  assert(err:find("bar:add: bad argument #1 (progress bar (call it as bar:method()) expected", 1, true), err)
  ok, err = pcall(bar.set, bar, "x")
  assert(err:find("bar:set: bad argument #2", 1, true), err)
  ok, err = pcall(progress.ipairs, nil)
  assert(err:find("progress.ipairs: bad argument #1 (table expected, got nil)", 1, true), err)
end

function TestSetAndTostring(t)
  local bar = progress.new(10, "copying")
  bar:set(5)
  t:eq(tostring(bar), "copying [===============>              ] 5/10  50%")
  bar:set(12)
  t:eq(tostring(bar), "copying [==============================] 12/10 100%")
end
