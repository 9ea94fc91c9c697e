-- Tests of the harness itself; each passes.

function TestEqTables(t)
  assert(t:eq({a = {1, 2}, b = "x"}, {b = "x", a = {1, 2}}))
  assert(t:eq(1, 1))
  assert(t:eq(nil, nil))
end

function TestEqIgnoresMetatables(t)
  assert(t:eq(setmetatable({1}, {}), {1}))
end

function TestEqCycles(t)
  local a, b = {}, {}
  a.self, b.self = a, b
  assert(t:eq(a, b))
end

function TestLog(t)
  t:log("hello", 1, true, nil)
end

function TestName(t)
  assert(t:name():match("/TestName$"), t:name())
end

function TestSkip(t)
  t:skip("not today")
  error("not reached")
end

function helper() end -- not a test: no Test prefix
