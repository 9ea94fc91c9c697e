package value

import (
	"strconv"
	"strings"
)

// EncodeError is a value that cannot be encoded, with the path to it.
type EncodeError struct {
	// Path locates the value, e.g. `spec.containers[0].image`; it is empty
	// for the top-level value.
	Path string
	// Msg says what is wrong, e.g. "cannot encode a function".
	Msg string
}

func (e *EncodeError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// pathElem is one step from a container to a member: an object key, or an
// array index when isIndex is set.
type pathElem struct {
	key     string
	index   int
	isIndex bool
}

// path is the way from the top-level value to the one being converted. It is
// a stack of plain values so that walking costs nothing until an error needs
// the string.
type path []pathElem

func (p path) String() string {
	var b strings.Builder
	for _, e := range p {
		switch {
		case e.isIndex:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.index))
			b.WriteByte(']')
		case isIdentifier(e.key):
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(e.key)
		default:
			b.WriteByte('[')
			b.WriteString(strconv.Quote(e.key))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// isIdentifier reports whether key can be written after a dot without
// ambiguity. Kubernetes field names are identifiers; label keys with dots
// and slashes are not and get quoted.
func isIdentifier(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		letter := c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func (p path) errorf(msg string) error {
	return &EncodeError{Path: p.String(), Msg: msg}
}
