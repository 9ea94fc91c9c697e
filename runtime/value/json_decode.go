package value

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
)

// DecodeJSON decodes one JSON value (with nothing but whitespace after it)
// into Lua values: objects and arrays become marked tables, null becomes
// the Null sentinel. Errors are *SyntaxError with line and column.
func DecodeJSON(L *lua.LState, data []byte) (lua.LValue, error) {
	return markersOf(L).jsonDecoder().decode(L, data)
}

// jsonDecoder is a single-pass parser that builds Lua tables directly from
// the bytes. Members of the objects and arrays being parsed wait on two
// stacks (names, vals) until the closing bracket, so that every table is
// created once at its final size. A state keeps one decoder so that the
// stacks and the key cache are reused across calls.
type jsonDecoder struct {
	L     *lua.LState
	m     *markers
	data  []byte
	pos   int
	depth int
	names []lua.LValue // object keys, each an LString
	vals  []lua.LValue
	keys  internCache // object keys
	strs  internCache // short string values
	buf   []byte      // unescaped string scratch
}

// jsonDecoder returns the state's decoder, or a fresh one if it is in use,
// which can only happen if a decode is started from within another.
func (m *markers) jsonDecoder() *jsonDecoder {
	if m.json == nil || m.json.data != nil {
		m.json = &jsonDecoder{m: m}
	}
	return m.json
}

func (d *jsonDecoder) decode(L *lua.LState, data []byte) (lua.LValue, error) {
	d.L, d.data, d.pos, d.depth = L, data, 0, 0
	defer d.reset()
	d.skipSpace()
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos < len(d.data) {
		return nil, d.unexpected("after top-level value")
	}
	return v, nil
}

// reset drops references to the input and decoded values, so that a kept
// decoder does not keep them alive.
func (d *jsonDecoder) reset() {
	d.L, d.data = nil, nil
	clear(d.vals[:cap(d.vals)])
	clear(d.names[:cap(d.names)])
	d.vals, d.names = d.vals[:0], d.names[:0]
	d.keys.trim()
	d.strs.trim()
}

func (d *jsonDecoder) value() (lua.LValue, error) {
	if d.pos >= len(d.data) {
		return nil, d.eof()
	}
	switch c := d.data[d.pos]; c {
	case '{':
		return d.object()
	case '[':
		return d.array()
	case '"':
		b, err := d.stringBytes()
		if err != nil {
			return nil, err
		}
		return d.strs.intern(b), nil
	case 't':
		return lua.LTrue, d.literal("true")
	case 'f':
		return lua.LFalse, d.literal("false")
	case 'n':
		return d.m.null, d.literal("null")
	default:
		if c == '-' || '0' <= c && c <= '9' {
			return d.number()
		}
		return nil, d.unexpected("looking for beginning of value")
	}
}

func (d *jsonDecoder) object() (lua.LValue, error) {
	if err := d.push(); err != nil {
		return nil, err
	}
	base, nbase := len(d.vals), len(d.names)
	if d.skipSpace(); d.peek() == '}' {
		return d.endObject(base, nbase), nil
	}
	for {
		if d.peek() != '"' {
			return nil, d.unexpectedOrEOF("looking for beginning of object key string")
		}
		key, err := d.key()
		if err != nil {
			return nil, err
		}
		if d.skipSpace(); d.peek() != ':' {
			return nil, d.unexpectedOrEOF("after object key")
		}
		d.pos++
		d.skipSpace()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		d.names, d.vals = append(d.names, key), append(d.vals, v)
		d.skipSpace()
		switch d.peek() {
		case ',':
			d.pos++
			d.skipSpace()
		case '}':
			return d.endObject(base, nbase), nil
		default:
			return nil, d.unexpectedOrEOF("after object key:value pair")
		}
	}
}

func (d *jsonDecoder) endObject(base, nbase int) lua.LValue {
	d.pos++
	d.depth--
	vals, names := d.vals[base:], d.names[nbase:]
	t := newObject(d.L, d.m.object, names, vals)
	clear(vals)
	clear(names)
	d.vals, d.names = d.vals[:base], d.names[:nbase]
	return t
}

func (d *jsonDecoder) array() (lua.LValue, error) {
	if err := d.push(); err != nil {
		return nil, err
	}
	base := len(d.vals)
	if d.skipSpace(); d.peek() == ']' {
		return d.endArray(base), nil
	}
	for {
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		d.vals = append(d.vals, v)
		d.skipSpace()
		switch d.peek() {
		case ',':
			d.pos++
			d.skipSpace()
		case ']':
			return d.endArray(base), nil
		default:
			return nil, d.unexpectedOrEOF("after array element")
		}
	}
}

func (d *jsonDecoder) endArray(base int) lua.LValue {
	d.pos++
	d.depth--
	vals := d.vals[base:]
	t := d.L.CreateTable(len(vals), 0)
	for i, v := range vals {
		t.RawSetInt(i+1, v)
	}
	t.Metatable = d.m.array
	clear(vals)
	d.vals = d.vals[:base]
	return t
}

// push enters an object or array, bounding the depth like encoding/json.
func (d *jsonDecoder) push() error {
	d.pos++
	if d.depth++; d.depth > maxDepth {
		return d.errorf(fmt.Sprintf("nested deeper than %d levels", maxDepth))
	}
	return nil
}

func (d *jsonDecoder) literal(word string) error {
	for i := 0; i < len(word); i++ {
		if d.pos >= len(d.data) {
			return d.eof()
		}
		if d.data[d.pos] != word[i] {
			return d.unexpected(fmt.Sprintf("in literal %s (expecting %s)", word, quoteChar(rune(word[i]))))
		}
		d.pos++
	}
	return nil
}

func (d *jsonDecoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\n', '\r', '\t':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the next byte, or 0 at the end (0 is never valid there).
func (d *jsonDecoder) peek() byte {
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

func (d *jsonDecoder) errorf(msg string) error {
	line, col := position(d.data, d.pos)
	return &SyntaxError{Format: "json", Line: line, Column: col, Msg: msg}
}

func (d *jsonDecoder) eof() error {
	return d.errorf("unexpected end of JSON input")
}

// unexpected reports the character at the current position, in the words
// encoding/json uses.
func (d *jsonDecoder) unexpected(context string) error {
	r, _ := utf8.DecodeRune(d.data[d.pos:])
	return d.errorf("invalid character " + quoteChar(r) + " " + context)
}

func (d *jsonDecoder) unexpectedOrEOF(context string) error {
	if d.pos >= len(d.data) {
		return d.eof()
	}
	return d.unexpected(context)
}

func quoteChar(r rune) string {
	switch r {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.QuoteRune(r)
	return "'" + s[1:len(s)-1] + "'"
}
