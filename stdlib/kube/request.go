package kube

import (
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
)

// kube.request{method=, path=, query=, body=, headers=} -> {status=, headers=, body=}
//
// Any request on the API server. Whatever the status, the answer comes
// back (it does not raise on 404); a JSON body is decoded, any other
// comes back as a string.
func (m *Module) request(L *lua.LState) int {
	a := args.New(L, "kube.request")
	o := a.OptionsOf(1, a.Table(1), "method", "path", "query", "body", "headers")
	method := strings.ToUpper(o.String("method"))
	if method == "" {
		method = http.MethodGet
	}
	path, query := splitPath(a, o.String("path"))
	addQuery(a, query, o.Table("query"))
	headers := readHeaders(a, o.Table("headers"))
	body := requestBody(a, o.Value("body"), headers)
	resp, err := m.client.Raw(ctx(L), method, path, query, headers, body)
	if err != nil {
		raise(L, a.Fn, err)
	}
	L.Push(responseTable(L, resp))
	return 1
}

func splitPath(a args.Args, p string) (string, url.Values) {
	if p == "" || p[0] != '/' {
		a.Bad(1, "field \"path\": an absolute path such as \"/api/v1/nodes\" expected, got %q", p)
	}
	path, rawQuery, _ := strings.Cut(p, "?")
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		a.Bad(1, "field \"path\": query %q: %s", rawQuery, err)
	}
	return path, q
}

// addQuery adds query parameters: strings, numbers, booleans, or lists of them.
func addQuery(a args.Args, q url.Values, t *lua.LTable) {
	if t == nil {
		return
	}
	t.ForEach(func(k, v lua.LValue) {
		key := lua.LVAsString(k)
		if list, ok := v.(*lua.LTable); ok {
			for i := 1; i <= list.Len(); i++ {
				q.Add(key, scalarString(a, key, list.RawGetInt(i)))
			}
			return
		}
		q.Add(key, scalarString(a, key, v))
	})
}

func scalarString(a args.Args, key string, v lua.LValue) string {
	switch v.(type) {
	case lua.LString, lua.LNumber, lua.LBool:
		return v.String()
	}
	a.Bad(1, "query %q: string, number or boolean expected, got %s", key, v.Type())
	return ""
}

func readHeaders(a args.Args, t *lua.LTable) http.Header {
	h := http.Header{}
	if t == nil {
		return h
	}
	t.ForEach(func(k, v lua.LValue) {
		h.Set(lua.LVAsString(k), scalarString(a, lua.LVAsString(k), v))
	})
	return h
}

// requestBody sends a string as is and encodes a table as JSON.
func requestBody(a args.Args, v lua.LValue, headers http.Header) []byte {
	switch v := v.(type) {
	case *lua.LNilType:
		return nil
	case lua.LString:
		return []byte(v)
	case *lua.LTable:
		if headers.Get("Content-Type") == "" {
			headers.Set("Content-Type", "application/json")
		}
		body, err := value.EncodeJSON(a.L, v, value.EncodeOptions{})
		if err != nil {
			a.Bad(1, "field \"body\": %s", err)
		}
		return body
	}
	a.Bad(1, "field \"body\": string or table expected, got %s", v.Type())
	return nil
}

func responseTable(L *lua.LState, resp *kube.Response) *lua.LTable {
	t := L.NewTable()
	t.RawSetString("status", lua.LNumber(resp.Status))
	headers := L.NewTable()
	names := make([]string, 0, len(resp.Headers))
	for name := range resp.Headers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		headers.RawSetString(strings.ToLower(name), lua.LString(strings.Join(resp.Headers[name], ", ")))
	}
	t.RawSetString("headers", headers)
	t.RawSetString("body", responseBody(L, resp))
	return t
}

func responseBody(L *lua.LState, resp *kube.Response) lua.LValue {
	ct, _, _ := mime.ParseMediaType(resp.Headers.Get("Content-Type"))
	if ct == "application/json" || strings.HasSuffix(ct, "+json") {
		if v, err := value.DecodeJSON(L, resp.Body); err == nil {
			return v
		}
	}
	return lua.LString(resp.Body)
}
