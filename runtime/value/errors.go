package value

import (
	"strconv"
	"unicode/utf8"
)

// SyntaxError is input that does not decode, with where it went wrong.
type SyntaxError struct {
	// Format is "json" or "yaml".
	Format string
	// Line and Column are 1-based; Column counts characters. Either is 0
	// when unknown.
	Line, Column int
	// Msg says what is wrong.
	Msg string
}

// Error returns e as "json: line 3, column 14: invalid character ...".
func (e *SyntaxError) Error() string {
	return e.Format + ": " + e.Message()
}

// Message returns e without the format name, for callers that name
// themselves instead: "json.decode: line 3, column 14: ...".
func (e *SyntaxError) Message() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column) + ": " + e.Msg
	case e.Line > 0:
		return "line " + strconv.Itoa(e.Line) + ": " + e.Msg
	}
	return e.Msg
}

// position converts a byte offset in data into a 1-based line and column,
// counting characters rather than bytes so the column matches an editor's.
// It runs only on error, so it can afford to rescan.
func position(data []byte, offset int) (line, column int) {
	offset = min(offset, len(data))
	line, lineStart := 1, 0
	for i, c := range data[:offset] {
		if c == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, utf8.RuneCount(data[lineStart:offset]) + 1
}
