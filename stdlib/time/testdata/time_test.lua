local time = require("time")

function TestParseAndFormat(t)
  t:eq(time.parse("1970-01-01T00:01:40Z"), 100)
  t:eq(time.parse("2026-12-04T15:04:05.5+01:00"), time.parse("2026-12-04T14:04:05Z") + 0.5)
  t:eq(time.format(100), "1970-01-01T00:01:40Z")
  t:eq(time.format(time.parse("2026-12-04T15:04:05Z")), "2026-12-04T15:04:05Z")
end

function TestNowAndSince(t)
  local a = time.now()
  assert(a > 1.7e9, a)
  assert(time.since(a) >= 0 and time.since(a) < 5)
  assert(time.since("2000-01-01T00:00:00Z") > 26 * 365 * 86400)
end

function TestBadTimestamp(t)
  local ok, err = pcall(time.parse, "yesterday")
  assert(not ok)
  assert(err:find('time.parse: bad argument #1 %("yesterday" is not an RFC 3339 timestamp'), err)
  ok, err = pcall(time.since, {})
  assert(not ok and err:find("number or timestamp string expected, got table"), err)
end
