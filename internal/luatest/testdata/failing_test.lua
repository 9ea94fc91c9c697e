-- Tests that must fail, run by TestFailures in a child process.

function TestEqFails(t)
  t:eq({a = {1, 2}}, {a = {1, 3}}, "labels")
end

function TestErrorCarriesOn(t)
  t:error("first")
  t:error("second")
end

function TestFatalStops(t)
  t:fatal("stop")
  t:error("not reached")
end

function TestFatalSwallowed(t)
  pcall(function() t:fatal("swallowed") end)
end

function TestAssert(t)
  assert(false, "boom")
end
