package value

import (
	lua "github.com/yuin/gopher-lua"
	"unicode/utf16"
	"unicode/utf8"
)

// stringBytes consumes a string literal and returns its content: a slice of
// the input when it needs no unescaping (the common case), else the
// unescaped text in d.buf. Either is valid only until the next call.
func (d *jsonDecoder) stringBytes() ([]byte, error) {
	data := d.data
	start := d.pos + 1
	for i := start; i < len(data); {
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return data[start:i], nil
		case c == '\\':
			return d.unescape(start, i)
		case c < 0x20:
			d.pos = i
			return nil, d.unexpected("in string literal")
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return d.unescape(start, i)
			}
			i += size
		}
	}
	d.pos = len(data)
	return nil, d.eof()
}

// unescape is the slow path of stringBytes: from i on, it copies the string
// into d.buf, decoding escapes and replacing invalid UTF-8 with U+FFFD as
// encoding/json does.
func (d *jsonDecoder) unescape(start, i int) ([]byte, error) {
	data := d.data
	buf := append(d.buf[:0], data[start:i]...)
	defer func() { d.buf = buf[:0] }()
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return buf, nil
		case c == '\\':
			d.pos = i
			r, next, err := d.escape(i)
			if err != nil {
				return nil, err
			}
			buf = utf8.AppendRune(buf, r)
			i = next
		case c < 0x20:
			d.pos = i
			return nil, d.unexpected("in string literal")
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			buf = utf8.AppendRune(buf, r)
			i += size
		}
	}
	d.pos = len(data)
	return nil, d.eof()
}

// escape decodes the escape sequence at data[i] (a backslash) and returns
// the character and the offset after it. A \u escape of a UTF-16 surrogate
// pair yields one character; a lone surrogate yields U+FFFD.
func (d *jsonDecoder) escape(i int) (rune, int, error) {
	data := d.data
	if i+1 >= len(data) {
		d.pos = len(data)
		return 0, 0, d.eof()
	}
	switch c := data[i+1]; c {
	case '"', '\\', '/':
		return rune(c), i + 2, nil
	case 'b':
		return '\b', i + 2, nil
	case 'f':
		return '\f', i + 2, nil
	case 'n':
		return '\n', i + 2, nil
	case 'r':
		return '\r', i + 2, nil
	case 't':
		return '\t', i + 2, nil
	case 'u':
		return d.unicodeEscape(i)
	}
	d.pos = i + 1
	return 0, 0, d.unexpected("in string escape code")
}

func (d *jsonDecoder) unicodeEscape(i int) (rune, int, error) {
	r, err := d.hex4(i + 2)
	if err != nil {
		return 0, 0, err
	}
	next := i + 6
	if !utf16.IsSurrogate(r) {
		return r, next, nil
	}
	// A high surrogate followed by an escaped low one is one character.
	data := d.data
	if next+1 < len(data) && data[next] == '\\' && data[next+1] == 'u' {
		r2, err := d.hex4(next + 2)
		if err != nil {
			return 0, 0, err
		}
		if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
			return pair, next + 6, nil
		}
	}
	return utf8.RuneError, next, nil
}

// hex4 reads the four hex digits of a \u escape starting at data[i].
func (d *jsonDecoder) hex4(i int) (rune, error) {
	var r rune
	for j := i; j < i+4; j++ {
		if j >= len(d.data) {
			d.pos = len(d.data)
			return 0, d.eof()
		}
		c := d.data[j]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			d.pos = j
			return 0, d.unexpected(`in \u hexadecimal character escape`)
		}
		r = r<<4 | rune(c)
	}
	return r, nil
}

// key consumes an object key and returns it interned.
func (d *jsonDecoder) key() (lua.LValue, error) {
	b, err := d.stringBytes()
	if err != nil {
		return nil, err
	}
	return d.keys.intern(b), nil
}

// internCache hands out one boxed LString per distinct short string. A
// Kubernetes list repeats the same few hundred keys (apiVersion, metadata,
// managedFields, ...) and many values ("v1", "Update", "FieldsV1", label
// values) thousands of times; interning stores each once, boxed once,
// instead of allocating twice per occurrence. It is bounded so that data
// with endless distinct strings cannot grow it, and kept across decodes so
// that a stream of watch events shares it.
type internCache struct {
	m map[string]lua.LValue
}

const (
	maxInterned    = 4096
	maxInternedLen = 64
)

func (c *internCache) intern(b []byte) lua.LValue {
	if len(b) > maxInternedLen {
		return lua.LString(b)
	}
	if v, ok := c.m[string(b)]; ok { // this lookup does not allocate
		return v
	}
	s := lua.LString(b)
	if len(c.m) >= maxInterned {
		return s
	}
	if c.m == nil {
		c.m = make(map[string]lua.LValue, 64)
	}
	v := lua.LValue(s)
	c.m[string(s)] = v
	return v
}

// trim empties a full cache between decodes, so that the strings of later
// inputs get their turn.
func (c *internCache) trim() {
	if len(c.m) >= maxInterned {
		clear(c.m)
	}
}
