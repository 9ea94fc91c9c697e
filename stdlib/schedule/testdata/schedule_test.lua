-- Schedules run through the event loop: these tests let it run with sleep
-- (callbacks run while the main chunk sleeps) until the runs they expect
-- happened. Assertions on time are lower bounds only: a run never comes
-- early, but a busy machine may make it late.

-- waitFor runs callbacks until cond() holds or 15 s pass; s, when given,
-- is the schedule whose stats the failure shows.
local function waitFor(cond, what, s)
  for _ = 1, 300 do
    if cond() then return end
    sleep(0.05)
  end
  local st = s and s:stats() or {}
  error(string.format("timed out waiting for %s (runs=%s skips=%s running=%s)", what,
    tostring(st.runs), tostring(st.skips), tostring(st.running)))
end

local eps = 0.01 -- timer and clock granularity

function TestEveryFiresAtAFixedRate(t)
  local start = time.now()
  local at = {}
  local s = schedule.every(0.2, function(s)
    at[#at + 1] = time.now()
    if #at == 5 then s:stop() end
  end)
  waitFor(function() return #at == 5 end, "5 runs")
  sleep(0.5) -- a stopped schedule never runs again
  t:eq(#at, 5)
  for k, when in ipairs(at) do
    if when < start + k * 0.2 - eps then
      t:error(string.format("run %d came %.3f s after the start, before its due time %.1f s", k, when - start, k * 0.2))
    end
  end
  local st = s:stats()
  t:eq({st.runs, st.failures, st.timeouts, st.skips, st.running}, {5, 0, 0, 0, false})
end

function TestEveryTakesDurationStrings(t)
  local n = 0
  local s = schedule.every("150ms", function() n = n + 1 end)
  waitFor(function() return n == 2 end, "2 runs", s)
  s:stop()
  t:eq(tostring(s), "schedule every 150ms")
end

function TestRunNowRunsAtOnce(t)
  local n = 0
  local s = schedule.every("1h", function() n = n + 1 end, {runNow = true})
  waitFor(function() return n == 1 end, "the first run")
  s:stop()
  t:eq(s:stats().runs, 1)
end

function TestCronWithSeconds(t)
  local at = {}
  local s = schedule.cron("* * * * * *", function(s)
    at[#at + 1] = time.now()
    if #at == 3 then s:stop() end
  end)
  waitFor(function() return #at == 3 end, "3 runs")
  sleep(1.2)
  t:eq(#at, 3)
  for k = 2, 3 do
    -- Each run comes due on the next whole second.
    if math.floor(at[k]) <= math.floor(at[k - 1]) then
      t:error(string.format("runs %d and %d in the same second: %.3f, %.3f", k - 1, k, at[k - 1], at[k]))
    end
  end
end

function TestCronDescriptorAndTimezone(t)
  local n = 0
  local s = schedule.cron("@every 1s", function() n = n + 1 end, {timezone = "Asia/Tokyo", name = "tokyo"})
  waitFor(function() return n == 1 end, "one run")
  s:stop()
  t:eq(s:stats().name, "tokyo")
end

function TestOverlapForbidSkipsAndCounts(t)
  local start = time.now()
  local runs, active, overlapped = {}, false, false
  local s = schedule.every(0.1, function(s)
    if active then overlapped = true end
    active = true
    runs[#runs + 1] = time.now()
    if #runs == 1 then sleep(0.55) end -- dues at 0.2 .. 0.6 s come while this runs
    if #runs == 2 then s:stop() end
    active = false
  end)
  waitFor(function() return #runs == 2 end, "2 runs")
  t:eq(overlapped, false)
  local st = s:stats()
  if st.skips < 3 then t:error("skips = " .. st.skips .. ", want at least 3") end
  -- The second run waited for a due time rather than running at once.
  local k = math.floor((runs[2] - start) / 0.1 + 0.5)
  if runs[2] < start + k * 0.1 - eps then t:error("the run after the skips came off the schedule") end
  t:eq(st.runs, 2)
end

function TestOverlapQueueRunsRightAfter(t)
  local start = time.now()
  local runs, ends = {}, {}
  local s = schedule.every(1, function(s)
    runs[#runs + 1] = time.now()
    if #runs == 1 then sleep(1.5) end -- due at 2 s is queued, runs at 2.5 s
    ends[#ends + 1] = time.now()
    if #runs == 2 then s:stop() end
  end, {overlap = "queue"})
  waitFor(function() return #runs == 2 end, "2 runs")
  if runs[2] < ends[1] then t:error("the queued run overlapped the first") end
  -- Under "forbid" the second run would wait for the due time at 3 s.
  if runs[2] >= start + 3 then
    t:error(string.format("the queued run started at %.2f s, not right after the first ended (%.2f s)",
      runs[2] - start, ends[1] - start))
  end
  t:eq(s:stats().skips, 0)
end

function TestTimeoutCancelsTheRunAndTheScheduleGoesOn(t)
  local started, finished = 0, 0
  local t0 = time.now()
  local s = schedule.every(0.2, function(s)
    started = started + 1
    if started == 1 then sleep(30) end
    finished = finished + 1
    s:stop()
  end, {timeout = 0.5})
  waitFor(function() return finished == 1 end, "the run after the timed-out one")
  t:eq(started, 2)
  if time.now() - t0 > 20 then t:error("the first run was not cancelled") end
  local st = s:stats()
  t:eq({st.runs, st.timeouts, st.failures}, {2, 1, 0})
end

function TestFailingRunIsCountedAndTheScheduleGoesOn(t)
  local n = 0
  local s = schedule.every(0.05, function(s)
    n = n + 1
    if n <= 2 then error("run " .. n .. " fails") end
    s:stop()
  end)
  waitFor(function() return n == 3 end, "3 runs")
  t:eq(s:stats().failures, 2)
end

function TestJitterDelaysButNeverAdvances(t)
  local start = time.now()
  local at = {}
  local s = schedule.every(0.1, function(s)
    at[#at + 1] = time.now()
    if #at == 3 then s:stop() end
  end, {jitter = 0.05})
  waitFor(function() return #at == 3 end, "3 runs")
  for k, when in ipairs(at) do
    if when < start + k * 0.1 - eps then t:error("run " .. k .. " came before its due time") end
  end
end

function TestHandleIsPassedAndStopsFromOutside(t)
  local got
  local s = schedule.every(0.05, function(h) got = h end)
  waitFor(function() return got ~= nil end, "a run")
  s:stop()
  s:stop() -- twice is fine
  t:eq(got == s, true)
end

function TestBadArguments(t)
  local cases = {
    {function() schedule.every(0, print) end, "schedule.every: bad argument #1 (the interval must be more than 0)"},
    {function() schedule.every("soon", print) end, [[schedule.every: bad argument #1 (duration "soon": want seconds or a string like "30s", "5m", "1h30m")]]},
    {function() schedule.every(1) end, "schedule.every: bad argument #2 (function expected, got nil)"},
    {function() schedule.every(1, print, {overlap = "allow"}) end, [[schedule.every: bad argument #3 (option "overlap": "allow" is not allowed (want "forbid" or "queue"))]]},
    {function() schedule.every(1, print, {timezone = "UTC"}) end, [[schedule.every: bad argument #3 (unknown option "timezone"; allowed: jitter, name, overlap, runNow, timeout)]]},
    {function() schedule.cron("* * *", print) end, [[schedule.cron: bad argument #1 (cron spec "* * *": expected 5 to 6 fields, found 3: [* * *])]]},
    {function() schedule.cron("0 * * * *", print, {timezone = "Nowhere/Land"}) end, [[schedule.cron: bad argument #1 (timezone "Nowhere/Land": not an IANA timezone name such as "Europe/Paris")]]},
    {function() local s = schedule.every(1, print); pcall(s.stop); s.stop() end, "handle:stop: called without a schedule (use s:stop(), not s.stop())"},
  }
  for _, c in ipairs(cases) do
    local ok, err = pcall(c[1])
    t:eq(ok, false)
    local msg = tostring(err):gsub("^[^:]+:%d+: ", "")
    t:eq(msg, c[2])
  end
end
