package value

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
	"go.yaml.in/yaml/v3"
)

// EncodeYAML returns v as one YAML document, following the same value rules
// as EncodeJSON (keys sorted, integers without fractions, Null as null).
// The layout is kubectl's: block style, two-space indent, sequences not
// indented under their key. Errors are *EncodeError naming the path.
func EncodeYAML(L *lua.LState, v lua.LValue) ([]byte, error) {
	e := yamlEncoder{walker: newWalker(L)}
	n, err := e.node(v)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	enc.CompactSeqIndent()
	if err := enc.Encode(n); err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	return buf.Bytes(), nil
}

// yamlEncoder builds a yaml.Node tree, leaving layout and quoting to
// yaml/v3's emitter.
type yamlEncoder struct {
	walker
}

func (e *yamlEncoder) node(v lua.LValue) (*yaml.Node, error) {
	switch v := v.(type) {
	case *lua.LNilType:
		return scalarNode("!!null", "null"), nil
	case lua.LBool:
		if v {
			return scalarNode("!!bool", "true"), nil
		}
		return scalarNode("!!bool", "false"), nil
	case lua.LNumber:
		if b, ok := appendNumber(nil, float64(v)); ok {
			if isInteger(float64(v)) {
				return scalarNode("!!int", string(b)), nil
			}
			return scalarNode("!!float", string(b)), nil
		}
	case lua.LString:
		if utf8.ValidString(string(v)) {
			return stringNode(string(v)), nil
		}
	case *lua.LTable:
		return e.table(v)
	case *lua.LUserData:
		if v == e.m.null {
			return scalarNode("!!null", "null"), nil
		}
	}
	return nil, e.scalarError(v)
}

func (e *yamlEncoder) table(t *lua.LTable) (*yaml.Node, error) {
	if err := e.enter(t); err != nil {
		return nil, err
	}
	start := len(e.members)
	isArray, err := e.collect(t)
	if err != nil {
		return nil, err
	}
	n := len(e.members) - start
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: make([]*yaml.Node, 0, 2*n)}
	if isArray {
		out = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: make([]*yaml.Node, 0, n)}
	}
	for i := range n {
		m := e.members[start+i] // re-read: children may move the slice
		if isArray {
			e.path = append(e.path, pathElem{index: i, isIndex: true})
		} else {
			e.path = append(e.path, pathElem{key: m.key})
			if !utf8.ValidString(m.key) {
				return nil, e.path.errorf("invalid UTF-8 in key")
			}
			out.Content = append(out.Content, stringNode(m.key))
		}
		child, err := e.node(m.value)
		if err != nil {
			return nil, err
		}
		out.Content = append(out.Content, child)
		e.path = e.path[:len(e.path)-1]
	}
	e.leave(start)
	return out, nil
}

func scalarNode(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

// stringNode makes a string scalar. The emitter quotes strings that YAML
// 1.2 would read as something else ("true", "1", "null"); we also quote
// those that YAML 1.1 would, as kubectl still reads YAML 1.1: unquoted, a
// ConfigMap value "yes" would come back as a boolean. yaml/v3 does this for
// Go strings but not for nodes.
func stringNode(s string) *yaml.Node {
	n := scalarNode("!!str", s)
	if isOldBool(s) || isBase60Float(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

func isOldBool(s string) bool {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
		"n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return true
	}
	return false
}

// base60Float is yaml/v3's pattern for YAML 1.1 sexagesimal numbers (1:30).
var base60Float = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)

func isBase60Float(s string) bool {
	if s == "" || !strings.Contains(s, ":") {
		return false
	}
	c := s[0]
	return (c == '+' || c == '-' || '0' <= c && c <= '9') && base60Float.MatchString(s)
}
