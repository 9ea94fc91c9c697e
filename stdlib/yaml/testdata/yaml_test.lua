local yaml = require("yaml")
local json = require("json")

local function expect_error(t, want, fn)
  local ok, err = pcall(fn)
  if ok then
    t:error("no error, want one containing: " .. want)
  elseif not string.find(err, want, 1, true) then
    t:error("error: " .. err .. "\nwant it to contain: " .. want)
  end
end

function TestDecode(t)
  local v = yaml.decode("a: {}\nb: []\nc: ~\nd: yes\ne: 3\nf: '3'\n")
  t:eq(json.encode(v), '{"a":{},"b":[],"c":null,"d":"yes","e":3,"f":"3"}')
  assert(v.c == json.null)
end

function TestDecodeFirstDocument(t)
  t:eq(yaml.decode("a: 1\n---\na: 2\n"), {a = 1})
  t:eq(yaml.decode(""), nil)
  t:eq(yaml.decode("# just a comment\n"), nil)
end

function TestDecodeAll(t)
  local docs = yaml.decode_all("a: 1\n---\n---\n- x\n")
  t:eq(docs, {{a = 1}, {"x"}})
  t:eq(json.encode(yaml.decode_all("")), "[]")
end

function TestEncode(t)
  local out = yaml.encode({kind = "ConfigMap", data = {enabled = "yes", count = "3", text = "a\nb\n"}, metadata = {labels = {}}})
  t:eq(out, 'data:\n  count: "3"\n  enabled: "yes"\n  text: |\n    a\n    b\nkind: ConfigMap\nmetadata:\n  labels: {}\n')
end

function TestRoundTripThroughJSON(t)
  local src = '{"a":[{},[],null,1,0.5,"x"],"b":{"c":true}}'
  t:eq(json.encode(yaml.decode(yaml.encode(json.decode(src)))), src)
end

function TestLoadFile(t)
  local docs = yaml.load_file("testdata/deploy.yaml")
  t:eq(#docs, 2)
  local deploy, svc = docs[1], docs[2]
  t:eq(deploy.spec.replicas, 3)
  t:eq(deploy.spec.selector.matchLabels, {app = "web"})
  t:eq(json.encode(deploy.spec.template.spec.volumes[1].emptyDir), "{}")
  t:eq(json.encode(deploy.spec.template.spec.containers[1].args), "[]")
  t:eq(svc.kind, "Service")
end

function TestLoadFileErrors(t)
  expect_error(t, "yaml.load_file: testdata/missing.yaml: no such file or directory",
    function() yaml.load_file("testdata/missing.yaml") end)
  expect_error(t, "yaml.load_file: testdata/broken.yaml: line 5, column 1: did not find expected node content",
    function() yaml.load_file("testdata/broken.yaml") end)
end

function TestErrors(t)
  expect_error(t, 'yaml.decode: line 2, column 1: mapping key "a" already defined', function() yaml.decode("a: 1\na: 2\n") end)
  expect_error(t, "yaml.decode_all: line 2, column 4: mapping values are not allowed in this context", function() yaml.decode_all("x: 1\n  y: 2\n") end)
  expect_error(t, "yaml.encode: spec.containers[0].image: cannot encode a function",
    function() yaml.encode({spec = {containers = {{image = print}}}}) end)
  expect_error(t, "yaml.decode: bad argument #1 (string expected, got nil)", function() yaml.decode() end)
  expect_error(t, "yaml.load_file: bad argument #1 (string expected, got nil)", function() yaml.load_file() end)
end
