-- kube.table with a script's own rows: the layout kube.table gives the
-- server's tables, and errors that name the row at fault.

function TestRowsKeyedByColumn(t)
  local out = kube.table({{name = "a", n = 1.5}, {name = "b", ok = true}}, {columns = {"name", "n", "ok"}})
  t:eq(out, "NAME   N        OK\na      1.5      <none>\nb      <none>   true\n")
end

function TestRowsTableCellsAsJSON(t)
  local out = kube.table({{"web", {app = "web", tier = "front"}}, {"db", json.array()}})
  t:eq(out, 'web   {"app":"web","tier":"front"}\ndb    []\n')
end

function TestRowsEmpty(t)
  t:eq(kube.table({}, {columns = {"name"}}), "NAME\n")
end

function TestRowsErrors(t)
  local ok, err = pcall(kube.table, {{"a"}, "b"})
  t:eq(ok, false)
  assert(tostring(err):find("kube.table: bad argument #1 (row 2: table expected, got string)", 1, true), tostring(err))
  ok, err = pcall(kube.table, {{"a"}}, {columns = {"name", 3}})
  assert(tostring(err):find("columns[2]: string expected, got number", 1, true), tostring(err))
  ok, err = pcall(kube.table, {{"a"}}, {colums = {"name"}})
  assert(tostring(err):find('unknown option "colums"', 1, true), tostring(err))
end
