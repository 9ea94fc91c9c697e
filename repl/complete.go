package repl

import (
	"context"
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// completer is the line editor's Tab. It runs on the editor's goroutine:
// Lua names are read on the Lua goroutine through Host.Run (it waits in
// Block while the prompt shows), cluster names from the server directly.
type completer struct{ s *session }

// Do returns the rest of each candidate after what is typed, and how
// many runes before the cursor the candidates share.
func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	word, cands := c.s.candidates(string(line[:pos]))
	var out [][]rune
	for _, cand := range cands {
		out = append(out, []rune(strings.TrimPrefix(cand, word)))
	}
	return out, len([]rune(word))
}

// candidates returns what is typed of the word at the cursor and the
// words that may complete it, sorted.
func (s *session) candidates(before string) (string, []string) {
	if strings.HasPrefix(strings.TrimLeft(before, " \t"), ":") {
		return s.commandCandidates(strings.TrimLeft(before, " \t"))
	}
	cc := completionContext(before)
	var all []string
	switch cc.kind {
	case inName:
		all = s.luaNames(cc)
	case inString:
		all = s.stringCandidates(cc)
		if !cc.quoted {
			for i, a := range all {
				all[i] = `"` + a + `"`
			}
		}
	}
	return cc.word, matching(cc.word, all)
}

func matching(prefix string, all []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range all {
		if strings.HasPrefix(a, prefix) && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

// Functions of the kube module whose first argument is a resource, and
// those whose second is an object's name.
var (
	resourceFirst = map[string]bool{"get": true, "list": true, "each": true, "watch": true,
		"reconcile": true, "wait": true, "table": true, "patch": true, "delete": true}
	nameSecond = map[string]bool{"get": true, "patch": true, "delete": true, "wait": true}
)

// stringCandidates: resources, object names and namespaces, from the
// cluster.
func (s *session) stringCandidates(cc cursorContext) []string {
	ctx, cancel := context.WithTimeout(context.Background(), completionTimeout)
	defer cancel()
	if cc.key == "namespace" {
		return s.kube.objectNames(ctx, "namespaces")
	}
	fn, ok := kubeFunction(cc.fn)
	switch {
	case !ok:
		return nil
	case cc.arg == 1 && resourceFirst[fn]:
		return s.kube.resourceNames(ctx)
	case cc.arg == 2 && nameSecond[fn] && cc.first != "":
		return s.kube.objectNames(ctx, cc.first)
	}
	return nil
}

// kubeFunction returns the kube function a call names: kube.get, or a
// client's c:get.
func kubeFunction(fn string) (string, bool) {
	if name, ok := strings.CutPrefix(fn, "kube."); ok && !strings.ContainsAny(name, ".:") {
		return name, true
	}
	if i := strings.LastIndexByte(fn, ':'); i > 0 {
		return fn[i+1:], true
	}
	return "", false
}

// luaNames lists the names that may follow: keywords and globals, or the
// fields (after ".") or methods (after ":") of the value the path names.
func (s *session) luaNames(cc cursorContext) []string {
	var names []string
	err := s.h.Run(func() {
		L := s.h.L
		if len(cc.base) == 0 && cc.sep == 0 {
			names = append(keywordList(), tableNames(L.G.Global, false)...)
			return
		}
		names = fieldNames(L, lookup(L, cc.base), cc.sep == ':')
	})
	if err != nil {
		return nil
	}
	return names
}

func keywordList() []string {
	out := make([]string, 0, len(keywords))
	for k := range keywords {
		out = append(out, k)
	}
	return out
}

// lookup follows a path from the globals with raw reads: completing must
// not run a script's __index.
func lookup(L *lua.LState, path []segment) lua.LValue {
	var v lua.LValue = L.G.Global
	for _, seg := range path {
		t, ok := v.(*lua.LTable)
		if !ok {
			return lua.LNil
		}
		if seg.index && strings.Trim(seg.name, "0123456789") == "" {
			n := 0
			for _, d := range seg.name {
				n = n*10 + int(d-'0')
			}
			v = t.RawGetInt(n)
			continue
		}
		v = t.RawGetString(seg.name)
	}
	return v
}

// fieldNames are a value's fields and those its metatable's __index
// table lends it (a client's methods, a string's); only functions when
// methods is set.
func fieldNames(L *lua.LState, v lua.LValue, methods bool) []string {
	var names []string
	if t, ok := v.(*lua.LTable); ok {
		names = tableNames(t, methods)
	}
	if idx, ok := L.GetMetaField(v, "__index").(*lua.LTable); ok {
		names = append(names, tableNames(idx, methods)...)
	}
	return names
}

// tableNames are t's string keys that are Lua names.
func tableNames(t *lua.LTable, onlyFunctions bool) []string {
	var names []string
	t.ForEach(func(k, v lua.LValue) {
		s, ok := k.(lua.LString)
		if !ok || !isName(string(s)) {
			return
		}
		if _, isFn := v.(*lua.LFunction); onlyFunctions && !isFn {
			return
		}
		names = append(names, string(s))
	})
	return names
}

func isName(s string) bool {
	if s == "" || !isNameStart(s[0]) || keywords[s] {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}
