package value

import (
	lua "github.com/yuin/gopher-lua"
)

// EncodeOptions controls EncodeJSON.
type EncodeOptions struct {
	// Indent is the number of spaces per nesting level. 0 writes compact
	// JSON on one line.
	Indent int
}

// EncodeJSON returns the JSON encoding of v following the package's value
// rules. Errors are *EncodeError and name the path of the offending value.
func EncodeJSON(L *lua.LState, v lua.LValue, opts EncodeOptions) ([]byte, error) {
	return AppendJSON(L, nil, v, opts)
}

// AppendJSON appends the JSON encoding of v to buf, so a caller encoding
// many values can reuse one buffer. On error buf is returned unchanged.
func AppendJSON(L *lua.LState, buf []byte, v lua.LValue, opts EncodeOptions) ([]byte, error) {
	e := jsonEncoder{walker: newWalker(L), buf: buf, indent: max(opts.Indent, 0)}
	if err := e.value(v); err != nil {
		return buf, err
	}
	return e.buf, nil
}

type jsonEncoder struct {
	walker
	buf    []byte
	indent int
}

func (e *jsonEncoder) value(v lua.LValue) error {
	var ok bool
	switch v := v.(type) {
	case *lua.LNilType:
		e.buf = append(e.buf, "null"...)
		return nil
	case lua.LBool:
		if v {
			e.buf = append(e.buf, "true"...)
		} else {
			e.buf = append(e.buf, "false"...)
		}
		return nil
	case lua.LNumber:
		e.buf, ok = appendNumber(e.buf, float64(v))
	case lua.LString:
		e.buf, ok = appendString(e.buf, string(v))
	case *lua.LTable:
		return e.table(v)
	case *lua.LUserData:
		if v == e.m.null {
			e.buf = append(e.buf, "null"...)
			return nil
		}
	}
	if !ok {
		return e.scalarError(v)
	}
	return nil
}

func (e *jsonEncoder) table(t *lua.LTable) error {
	if err := e.enter(t); err != nil {
		return err
	}
	start := len(e.members)
	isArray, err := e.collect(t)
	if err != nil {
		return err
	}
	open, close := byte('{'), byte('}')
	if isArray {
		open, close = '[', ']'
	}
	e.buf = append(e.buf, open)
	n := len(e.members) - start
	for i := range n {
		// Re-read the member each time: encoding a child may grow (and
		// move) the shared members slice.
		m := e.members[start+i]
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.newline()
		if isArray {
			e.path = append(e.path, pathElem{index: i, isIndex: true})
		} else {
			e.path = append(e.path, pathElem{key: m.key})
			if err := e.key(m.key); err != nil {
				return err
			}
		}
		if err := e.value(m.value); err != nil {
			return err
		}
		e.path = e.path[:len(e.path)-1]
	}
	e.leave(start)
	if n > 0 {
		e.newline()
	}
	e.buf = append(e.buf, close)
	return nil
}

func (e *jsonEncoder) key(k string) error {
	var ok bool
	e.buf, ok = appendString(e.buf, k)
	if !ok {
		return e.path.errorf("invalid UTF-8 in key")
	}
	e.buf = append(e.buf, ':')
	if e.indent > 0 {
		e.buf = append(e.buf, ' ')
	}
	return nil
}

// newline starts a line indented for the current depth, when indenting.
func (e *jsonEncoder) newline() {
	if e.indent == 0 {
		return
	}
	e.buf = append(e.buf, '\n')
	for range len(e.parents) * e.indent {
		e.buf = append(e.buf, ' ')
	}
}
