package value

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// TestFastTables guards newObject, which writes lua.LTable's private
// fields. If this fails after a gopher-lua upgrade, decoding still works
// (through the public API) but about twice as slowly: update ltableLayout
// and newObject to the new LTable, or delete them.
func TestFastTables(t *testing.T) {
	if !fastTables {
		t.Fatal("lua.LTable no longer matches ltableLayout; the fast table builder is off")
	}
	keys := []string{"b", "a", "c", "a"} // a repeated key keeps its last value
	// dump lists the pairs; the cap turns a broken iteration into a failure
	// rather than an endless loop.
	const dump = `local function dump(t)
		local out, n = {}, 0
		for k, v in pairs(t) do
			n = n + 1
			if n > 20 then return "endless pairs()" end
			out[#out+1] = k .. "=" .. v
		end
		return table.concat(out, ",")
	end
	`
	for _, script := range []string{
		`return dump(t)`,
		`t.d = 9 t.a = nil return dump(t)`,
		`t.a = nil t.a = 7 return dump(t)`,
		`t[1] = "x" t[2] = "y" return #t .. ":" .. dump(t)`,
		`return tostring(rawget(t, "a")) .. tostring(rawget(t, "zz")) .. tostring(next({}))`,
	} {
		script = dump + script
		fast := runOnObject(t, script, keys, func(L *lua.LState, k, v []lua.LValue) *lua.LTable {
			return newObject(L, lua.LNil, k, v)
		})
		slow := runOnObject(t, script, keys, func(L *lua.LState, k, v []lua.LValue) *lua.LTable {
			return newObjectSlow(L, lua.LNil, k, v)
		})
		if fast != slow {
			t.Errorf("%s\nfast table: %s\npublic API: %s", script, fast, slow)
		}
	}
}

func runOnObject(t *testing.T, script string, keys []string, build func(*lua.LState, []lua.LValue, []lua.LValue) *lua.LTable) string {
	L := newState(t)
	var k, v []lua.LValue
	for i, name := range keys {
		k = append(k, lua.LString(name))
		v = append(v, lua.LNumber(i))
	}
	L.SetGlobal("t", build(L, k, v))
	return eval(t, L, script).String()
}

func TestLayoutMatches(t *testing.T) {
	type other struct {
		Metatable lua.LValue
		array     []lua.LValue
	}
	if layoutMatches(reflect.TypeFor[other](), reflect.TypeFor[ltableLayout]()) {
		t.Error("a different struct counts as the same layout")
	}
}

func TestDecodeJSONManyKeys(t *testing.T) {
	// More distinct keys and values than the intern caches hold.
	var b strings.Builder
	b.WriteString("{")
	for i := range maxInterned + 100 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d":"v%d"`, i, i)
	}
	b.WriteString("}")
	L := newState(t)
	for range 2 {
		v := mustDecodeJSON(t, L, b.String())
		if got := v.(*lua.LTable).RawGetString("k4100"); got.String() != "v4100" {
			t.Fatalf("k4100 = %v", got)
		}
	}
}
