package repl

import (
	"strings"
)

// What the cursor is in, for completion. The text before the cursor is
// lexed as Lua, keeping track of open calls (which function, which
// argument) and tables (which key), so that completion knows a resource
// name goes in kube.get's first argument and a namespace after
// namespace=.

type contextKind int

const (
	inNothing contextKind = iota
	inName                // a name or a field: pod.spec.con, kube.ge, s:up
	inString              // a string argument or option value, or where one goes
)

type segment struct {
	name  string
	sep   byte // what came before it: 0, '.', ':' or '[' (an index)
	index bool // [1] or ["key"]
}

type cursorContext struct {
	kind contextKind
	word string // what the candidate replaces

	// inName: the path before the word, and the separator before the word.
	base []segment
	sep  byte

	// inString: the call and argument, or the table key, it belongs to.
	fn     string // "kube.get", "c:get"
	arg    int    // 1-based
	first  string // the call's first argument, when a string literal
	key    string // "namespace" in {namespace = "..."}
	quoted bool   // false: no quote typed yet; the candidate brings its own
}

type frame struct {
	open   byte
	fn     string
	arg    int
	first  string
	key    string
	tokens int    // tokens in the current argument or table item
	ident  string // the item's first token, when a name (a key if = follows)
}

type lexer struct {
	s      string
	i      int
	frames []frame
	path   []segment
	sep    byte // a '.' or ':' just after path, waiting for a name
	last   byte // the last token's kind: 'n' name, 's' string, or the character
}

// completionContext finds what the cursor at the end of before is in.
func completionContext(before string) cursorContext {
	lx := &lexer{s: before}
	if c, done := lx.run(); done {
		return c
	}
	return lx.atEnd()
}

func (lx *lexer) top() *frame {
	if len(lx.frames) == 0 {
		return &frame{}
	}
	return &lx.frames[len(lx.frames)-1]
}

// run lexes to the end; done is true when the end is inside a string or
// comment, with the context to complete there.
func (lx *lexer) run() (cursorContext, bool) {
	for lx.i < len(lx.s) {
		c := lx.s[lx.i]
		switch {
		case c == '-' && strings.HasPrefix(lx.s[lx.i:], "--"):
			if !lx.comment() {
				return cursorContext{}, true
			}
		case c == '"' || c == '\'':
			if word, open := lx.quoted(c); open {
				return lx.stringContext(word, true), true
			}
		case c == '[' && longBracket(lx.s[lx.i:]) >= 0:
			if word, open := lx.long(); open {
				return lx.stringContext(word, true), true
			}
		case isNameStart(c):
			lx.name()
		case c >= '0' && c <= '9':
			lx.number()
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			lx.i++
		default:
			lx.punct(c)
		}
	}
	return cursorContext{}, false
}

func (lx *lexer) comment() bool {
	rest := lx.s[lx.i+2:]
	if n := longBracket(rest); n >= 0 {
		end := strings.Index(rest, "]"+strings.Repeat("=", n)+"]")
		if end < 0 {
			return false
		}
		lx.i += 2 + end + n + 2
		return true
	}
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		return false
	}
	lx.i += 2 + nl + 1
	return true
}

// longBracket returns the level of a long bracket opening s ("[[" 0,
// "[==[" 2), or -1.
func longBracket(s string) int {
	if !strings.HasPrefix(s, "[") {
		return -1
	}
	n := 1
	for n < len(s) && s[n] == '=' {
		n++
	}
	if n < len(s) && s[n] == '[' {
		return n - 1
	}
	return -1
}

// quoted reads a quoted string; open is true when it is not closed.
func (lx *lexer) quoted(q byte) (string, bool) {
	var b strings.Builder
	for j := lx.i + 1; j < len(lx.s); j++ {
		switch c := lx.s[j]; {
		case c == '\\' && j+1 < len(lx.s):
			j++
			b.WriteByte(lx.s[j])
		case c == q:
			lx.i = j + 1
			lx.stringToken(b.String())
			return "", false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

func (lx *lexer) long() (string, bool) {
	n := longBracket(lx.s[lx.i:])
	body := lx.s[lx.i+n+2:]
	end := strings.Index(body, "]"+strings.Repeat("=", n)+"]")
	if end < 0 {
		return body, true
	}
	lx.i += n + 2 + end + n + 2
	lx.stringToken(body[:end])
	return "", false
}

func (lx *lexer) stringToken(s string) {
	f := lx.top()
	if f.open == '(' && f.arg == 0 && f.tokens == 0 {
		f.first = s
	}
	lx.token('s')
}

func (lx *lexer) token(kind byte) {
	f := lx.top()
	f.tokens++
	lx.last = kind
	if kind != 'n' {
		lx.path, lx.sep = nil, 0
	}
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }

func (lx *lexer) name() {
	start := lx.i
	for lx.i < len(lx.s) && isNameChar(lx.s[lx.i]) {
		lx.i++
	}
	word := lx.s[start:lx.i]
	if lx.sep != 0 && len(lx.path) > 0 {
		lx.path = append(lx.path, segment{name: word, sep: lx.sep})
	} else {
		lx.path = []segment{{name: word}}
	}
	lx.sep = 0
	if f := lx.top(); f.open == '{' && f.tokens == 0 {
		f.ident = word
	}
	if keywords[word] {
		lx.token('k')
		return
	}
	lx.token('n')
}

func (lx *lexer) number() {
	for lx.i < len(lx.s) && (isNameChar(lx.s[lx.i]) || lx.s[lx.i] == '.') {
		lx.i++
	}
	lx.token('0')
}

func (lx *lexer) punct(c byte) {
	lx.i++
	switch c {
	case '.', ':':
		if lx.i < len(lx.s) && lx.s[lx.i] == c {
			lx.i++
			lx.token(c)
			return
		}
		if lx.last == 'n' || lx.last == ']' && len(lx.path) > 0 {
			lx.sep = c
			return
		}
	case '[':
		if lx.index() {
			return
		}
		lx.frames = append(lx.frames, frame{open: '['})
	case '(':
		fn := joinPath(lx.path)
		lx.token('(')
		lx.frames = append(lx.frames, frame{open: '(', fn: fn})
		lx.last = '('
		return
	case '{':
		lx.token('{')
		lx.frames = append(lx.frames, frame{open: '{'})
		lx.last = '{'
		return
	case ')', '}', ']':
		if len(lx.frames) > 0 {
			lx.frames = lx.frames[:len(lx.frames)-1]
		}
	case ',', ';':
		f := lx.top()
		f.arg++
		f.tokens, f.key, f.ident = 0, "", ""
		lx.path, lx.sep, lx.last = nil, 0, c
		return
	case '=':
		if lx.i < len(lx.s) && lx.s[lx.i] == '=' {
			lx.i++
		} else if f := lx.top(); f.open == '{' && f.tokens == 1 && f.ident != "" {
			f.key = f.ident
		}
	}
	lx.token(c)
}

// index reads [1] or ["key"] after a path, which goes on through it.
func (lx *lexer) index() bool {
	if len(lx.path) == 0 || lx.last != 'n' && lx.last != ']' {
		return false
	}
	end := strings.IndexByte(lx.s[lx.i:], ']')
	if end < 0 {
		return false
	}
	inner := strings.TrimSpace(lx.s[lx.i : lx.i+end])
	if len(inner) >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner[len(inner)-1] == inner[0] {
		inner = inner[1 : len(inner)-1]
	} else if strings.Trim(inner, "0123456789") != "" || inner == "" {
		return false
	}
	lx.path = append(lx.path, segment{name: inner, sep: '[', index: true})
	lx.i += end + 1
	lx.last = ']'
	return true
}

func joinPath(path []segment) string {
	var b strings.Builder
	for _, s := range path {
		if s.index {
			return "" // a call on t[1].f: not one completion knows
		}
		if s.sep != 0 {
			b.WriteByte(s.sep)
		}
		b.WriteString(s.name)
	}
	return b.String()
}

// stringContext is a string (typed or still to type) in the innermost
// call or table.
func (lx *lexer) stringContext(word string, quoted bool) cursorContext {
	c := cursorContext{kind: inString, word: word, quoted: quoted}
	f := lx.top()
	if f.open == '{' {
		c.key = f.key
		return c
	}
	if f.open == '(' {
		c.fn, c.arg, c.first = f.fn, f.arg+1, f.first
	}
	return c
}

// atEnd is the context when the text does not end inside a string.
func (lx *lexer) atEnd() cursorContext {
	endsInSpace := strings.HasSuffix(lx.s, " ") || strings.HasSuffix(lx.s, "\t")
	switch {
	case lx.sep != 0:
		return cursorContext{kind: inName, base: lx.path, sep: lx.sep}
	case lx.last == 'n' && !endsInSpace:
		n := len(lx.path) - 1
		c := cursorContext{kind: inName, sep: lx.path[n].sep, word: lx.path[n].name}
		if n > 0 {
			c.base = lx.path[:n]
		}
		return c
	case lx.last == 'k' && !endsInSpace:
		return cursorContext{kind: inName, word: lx.path[len(lx.path)-1].name}
	case lx.last == '(' || lx.last == ',' || lx.last == '=':
		return lx.stringContext("", false)
	}
	return cursorContext{}
}

var keywords = map[string]bool{
	"and": true, "break": true, "do": true, "else": true, "elseif": true, "end": true,
	"false": true, "for": true, "function": true, "goto": true, "if": true, "in": true,
	"local": true, "nil": true, "not": true, "or": true, "repeat": true, "return": true,
	"then": true, "true": true, "until": true, "while": true,
}
