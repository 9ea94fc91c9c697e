package value

import (
	"bytes"
	"errors"
	"fmt"

	yaml4 "go.yaml.in/yaml/v4"
)

// yamlPosition finds where data fails to parse, by parsing it again with
// yaml/v4. yaml/v3, which decodes klua's YAML, knows the position of a
// syntax error but puts at most a line in its message (none for most
// errors on line 1, and for an unclosed bracket the line of the key before
// it); yaml/v4, a port of the same libyaml parser, exposes the problem's
// line and column and where the construct it was parsing began. It runs
// only after yaml/v3 failed, so documents that decode pay nothing. ok is
// false when yaml/v4 finds no error with a position (then the caller keeps
// yaml/v3's message).
func yamlPosition(data []byte) (e *SyntaxError, ok bool) {
	loader, err := yaml4.NewLoader(bytes.NewReader(data))
	if err != nil {
		return nil, false
	}
	for {
		var doc yaml4.Node
		err := loader.Load(&doc)
		if err == nil {
			continue
		}
		le, isLoad := errors.AsType[*yaml4.LoadError](err)
		if !isLoad || le.Mark.Line == 0 {
			return nil, false
		}
		return &SyntaxError{Format: "yaml", Line: le.Mark.Line, Column: le.Mark.Column,
			Msg: le.Message + yamlContext(le)}, true
	}
}

// yamlContext says where the construct being parsed began, when that is
// elsewhere: an unclosed "[" is found missing only at the end of the file.
func yamlContext(le *yaml4.LoadError) string {
	c := le.ContextMark
	if le.ContextMsg == "" || c.Line == 0 || c == le.Mark {
		return ""
	}
	if c.Column == 0 {
		return fmt.Sprintf(" (%s that starts on line %d)", le.ContextMsg, c.Line)
	}
	return fmt.Sprintf(" (%s that starts at line %d, column %d)", le.ContextMsg, c.Line, c.Column)
}
