local json = require("json")

local function is_array(t) return getmetatable(t) == getmetatable(json.array()) end
local function is_object(t) return getmetatable(t) == getmetatable(json.object()) end

-- expect_error calls fn and checks that it fails with a message containing
-- want. Misuse errors name the function as called ("to decode"), so those
-- cases wrap the call in a closure: pcall(json.decode) would say "(anonymous)".
local function expect_error(t, want, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then
    t:error("no error, want one containing: " .. want)
  elseif not string.find(err, want, 1, true) then
    t:error("error: " .. err .. "\nwant it to contain: " .. want)
  end
end

function TestDecodeKeepsEmptyObjectsAndArrays(t)
  local pod = json.decode('{"spec":{"volumes":[{"name":"cache","emptyDir":{}}],"args":[]}}')
  assert(is_object(pod.spec.volumes[1].emptyDir))
  assert(is_array(pod.spec.args))
  t:eq(json.encode(pod), '{"spec":{"args":[],"volumes":[{"emptyDir":{},"name":"cache"}]}}')
end

function TestNull(t)
  local v = json.decode('[1,null,3]')
  t:eq(#v, 3)
  assert(v[2] == json.null)
  t:eq(tostring(json.null), "null")
  t:eq(json.encode({a = json.null}), '{"a":null}')
  t:eq(json.encode(nil), "null")
end

function TestMergePatchDeletesWithNull(t)
  t:eq(json.encode({metadata = {labels = {app = json.null}}}), '{"metadata":{"labels":{"app":null}}}')
end

function TestPlainTables(t)
  t:eq(json.encode({}), "{}")
  t:eq(json.encode({1, 2, 3}), "[1,2,3]")
  t:eq(json.encode({[1] = "a", [3] = "c"}), '{"1":"a","3":"c"}')
  t:eq(json.encode({b = 1, a = 2}), '{"a":2,"b":1}')
end

function TestMarkers(t)
  local a = {}
  t:eq(json.array(a), a, "array returns its argument")
  t:eq(json.encode(a), "[]")
  t:eq(json.encode(json.array()), "[]")
  t:eq(json.encode(json.object({"x"})), '{"1":"x"}')
  t:eq(json.encode(json.object()), "{}")
end

function TestIntegers(t)
  t:eq(json.encode({replicas = 3}), '{"replicas":3}')
  t:eq(json.encode(3.0), "3")
  t:eq(json.encode(0.5), "0.5")
  t:eq(json.decode("42"), 42)
end

function TestIndent(t)
  t:eq(json.encode({a = {1, 2}, b = {}}, {indent = 2}), '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}')
  t:eq(json.encode({a = 1}, {indent = 0}), '{"a":1}')
end

function TestRoundTrip(t)
  local src = '{"apiVersion":"v1","data":{"empty":"","list":"[1,2]"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app.kubernetes.io/name":"web"},"name":"x"}}'
  t:eq(json.encode(json.decode(src)), src)
end

function TestDecodeErrors(t)
  expect_error(t, "json.decode: line 1, column 8: invalid character '}' looking for beginning of object key string", json.decode, '{"a":1,}')
  expect_error(t, "json.decode: line 2, column 1: unexpected end of JSON input", json.decode, '[\n')
  expect_error(t, "json.decode: bad argument #1 (string expected, got nil)", function() json.decode() end)
  expect_error(t, "json.decode: bad argument #1 (string expected, got table)", function() json.decode({}) end)
end

function TestEncodeErrors(t)
  expect_error(t, "json.encode: spec.containers[1].image: cannot encode a function",
    json.encode, {spec = {containers = {{image = "a"}, {image = print}}}})
  local t1 = {metadata = {}}
  t1.metadata.labels = t1
  expect_error(t, "json.encode: metadata.labels: cycle (a table that contains itself)", json.encode, t1)
  expect_error(t, "json.encode: replicas: cannot encode NaN", json.encode, {replicas = 0/0})
  expect_error(t, "json.encode: cannot use a boolean as an object key", json.encode, {[true] = 1})
  expect_error(t, 'json.encode: items: array-marked table has key "x"', json.encode, {items = json.array({x = 1})})
  expect_error(t, "json.encode: bad argument #1 (value expected)", function() json.encode() end)
  expect_error(t, 'json.encode: bad argument #2 (unknown option "indnet"; allowed: indent)', function() json.encode({}, {indnet = 2}) end)
  expect_error(t, 'json.encode: bad argument #2 (option "indent": whole number expected, got string)', function() json.encode({}, {indent = "2"}) end)
  expect_error(t, "json.array: bad argument #1 (table expected, got string)", function() json.array("x") end)
end

function TestErrorsNameTheScriptLine(t)
  local ok, err = pcall(function() return json.decode("{") end)
  assert(not ok)
  assert(err:match("^testdata/json_test.lua:%d+: json.decode: "), err)
end

function TestDecodedTablesAreOrdinaryTables(t)
  local v = json.decode('{"items":[3,1,2],"labels":{"a":"1"}}')
  table.sort(v.items)
  table.insert(v.items, 4)
  table.remove(v.items, 1)
  v.labels.b = "2"
  v.labels.a = nil
  local n = 0
  for _, x in ipairs(v.items) do n = n + x end
  t:eq(n, 9)
  local keys = {}
  for k in pairs(v.labels) do keys[#keys + 1] = k end
  t:eq(keys, {"b"})
  t:eq(json.encode(v), '{"items":[2,3,4],"labels":{"b":"2"}}')
  v.items = {}
  t:eq(json.encode(v), '{"items":{},"labels":{"b":"2"}}', "a new plain {} is an object")
end
