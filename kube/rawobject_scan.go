package kube

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// A small JSON scanner over bytes. It finds members and values without
// decoding them, so that a watch can read an object's metadata and cut
// its managedFields at a few hundred MB/s without building a map. It
// relies on the input being valid JSON (the server's output): it checks
// the structure it walks, not every escape or number.

// errTruncated says the input ended inside a value: a stream reader may
// read more and try again.
var errTruncated = errors.New("unexpected end of JSON input")

func syntaxError(b []byte, i int, want string) error {
	if i >= len(b) {
		return errTruncated
	}
	return fmt.Errorf("invalid JSON at offset %d: %s expected, found %q", i, want, b[i])
}

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the end of the string that starts at b[i] (a quote),
// and whether it holds escapes.
func skipString(b []byte, i int) (end int, escaped bool, err error) {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '"':
			return i + 1, escaped, nil
		case '\\':
			escaped = true
			i++
		}
	}
	return 0, false, errTruncated
}

// skipValue returns the end of the value that starts at b[i].
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errTruncated
	}
	switch b[i] {
	case '"':
		end, _, err := skipString(b, i)
		return end, err
	case '{', '[':
		return skipNested(b, i)
	case ',', ':', '}', ']':
		return 0, syntaxError(b, i, "value")
	}
	j := i
	for j < len(b) && !isDelimiter(b[j]) {
		j++
	}
	return j, nil
}

func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ':', '"', '{', '[', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// skipNested returns the end of the object or array that starts at b[i].
func skipNested(b []byte, i int) (int, error) {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			end, _, err := skipString(b, i)
			if err != nil {
				return 0, err
			}
			i = end
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		}
		i++
	}
	return 0, errTruncated
}

// member is one "key": value of an object, by offsets into the input.
type member struct {
	keyStart, keyEnd int // the key with its quotes
	keyEscaped       bool
	valStart, valEnd int
	next             int // where the next member's key starts, or -1 if this is the last
}

// eachMember calls fn for each member of the object that starts at b[i],
// and returns the end of the object.
func eachMember(b []byte, i int, fn func(m member) error) (int, error) {
	if i >= len(b) || b[i] != '{' {
		return 0, syntaxError(b, i, "object")
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		m, end, err := nextMember(b, i)
		if err != nil {
			return 0, err
		}
		if err := fn(m); err != nil {
			return 0, err
		}
		if m.next < 0 {
			return end, nil
		}
		i = m.next
	}
}

// nextMember reads the member whose key starts at b[i]. end is the end of
// the object when it is the last member.
func nextMember(b []byte, i int) (m member, end int, err error) {
	if i >= len(b) || b[i] != '"' {
		return m, 0, syntaxError(b, i, "object key")
	}
	m.keyStart = i
	if m.keyEnd, m.keyEscaped, err = skipString(b, i); err != nil {
		return m, 0, err
	}
	i = skipSpace(b, m.keyEnd)
	if i >= len(b) || b[i] != ':' {
		return m, 0, syntaxError(b, i, "':'")
	}
	m.valStart = skipSpace(b, i+1)
	if m.valEnd, err = skipValue(b, m.valStart); err != nil {
		return m, 0, err
	}
	i = skipSpace(b, m.valEnd)
	switch {
	case i >= len(b):
		return m, 0, errTruncated
	case b[i] == ',':
		m.next = skipSpace(b, i+1)
		return m, 0, nil
	case b[i] == '}':
		m.next = -1
		return m, i + 1, nil
	}
	return m, 0, syntaxError(b, i, "',' or '}'")
}

// keyIs reports whether the member's key is name.
func (m member) keyIs(b []byte, name string) bool {
	if !m.keyEscaped {
		return string(b[m.keyStart+1:m.keyEnd-1]) == name
	}
	var key string
	return json.Unmarshal(b[m.keyStart:m.keyEnd], &key) == nil && key == name
}

// stringValue returns the member's value if it is a string, else "".
func (m member) stringValue(b []byte) string {
	if m.valEnd-m.valStart < 2 || b[m.valStart] != '"' {
		return ""
	}
	raw := b[m.valStart+1 : m.valEnd-1]
	if !needsDecoding(raw) {
		return string(raw)
	}
	var s string
	if json.Unmarshal(b[m.valStart:m.valEnd], &s) != nil {
		return ""
	}
	return s
}

// needsDecoding says whether raw (a string's bytes between its quotes)
// holds escapes, or bytes that encoding/json would replace.
func needsDecoding(raw []byte) bool {
	ascii := true
	for _, c := range raw {
		if c == '\\' {
			return true
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	return !ascii && !utf8.Valid(raw)
}

// endOfInput checks that only white space follows a value that ended at i.
func endOfInput(b []byte, i int) error {
	if j := skipSpace(b, i); j != len(b) {
		return fmt.Errorf("invalid JSON at offset %d: unexpected %q after the value", j, b[j])
	}
	return nil
}
