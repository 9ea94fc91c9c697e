package value

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"go.yaml.in/yaml/v3"
)

// DecodeYAML decodes every document in data, skipping empty ones. Mappings
// and sequences become marked tables, null (~, null or an empty value)
// becomes the Null sentinel, and scalars are resolved as yaml/v3 resolves
// them (YAML 1.2: "yes" and "on" stay strings). Errors are *SyntaxError.
func DecodeYAML(L *lua.LState, data []byte) ([]lua.LValue, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []lua.LValue
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, yamlSyntaxError(data, err)
		}
		if isEmptyDocument(&doc) {
			continue
		}
		d := yamlDecoder{L: L, m: markersOf(L)}
		v, err := d.node(&doc)
		if err != nil {
			return nil, err
		}
		docs = append(docs, v)
	}
}

// isEmptyDocument reports whether doc has no content at all, as between two
// `---` lines; an explicit null is content.
func isEmptyDocument(doc *yaml.Node) bool {
	if len(doc.Content) == 0 {
		return true
	}
	c := doc.Content[0]
	return c.Kind == yaml.ScalarNode && c.Tag == "!!null" && c.Value == "" &&
		c.Style == 0 && c.Anchor == ""
}

// yamlLine matches the position yaml/v3 puts in its messages.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlSyntaxError turns a yaml/v3 parse error into a *SyntaxError with the
// line and column of the problem (see yamlPosition).
func yamlSyntaxError(data []byte, err error) *SyntaxError {
	if e, ok := yamlPosition(data); ok {
		return e
	}
	return yamlMessage(err)
}

// yamlMessage turns a yaml/v3 error into a *SyntaxError with what line
// yaml/v3 names, if any.
func yamlMessage(err error) *SyntaxError {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &SyntaxError{Format: "yaml", Line: line, Msg: msg[len(m[0]):]}
	}
	return &SyntaxError{Format: "yaml", Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// yamlDecoder converts one document's node tree. Aliases are expanded into
// copies, so a script changing one place does not change another; the
// counters bound that expansion the way yaml/v3 does for its own decoding,
// which defuses "billion laughs" documents.
type yamlDecoder struct {
	L           *lua.LState
	m           *markers
	decodeCount int
	aliasCount  int
	expanding   []*yaml.Node // anchors being expanded, innermost last
}

func (d *yamlDecoder) node(n *yaml.Node) (lua.LValue, error) {
	d.decodeCount++
	if len(d.expanding) > 0 {
		d.aliasCount++
	}
	if d.aliasCount > 100 && d.decodeCount > 1000 &&
		float64(d.aliasCount)/float64(d.decodeCount) > allowedAliasRatio(d.decodeCount) {
		return nil, nodeError(n, "document contains excessive aliasing")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return d.m.null, nil
		}
		return d.node(n.Content[0])
	case yaml.AliasNode:
		return d.alias(n)
	case yaml.ScalarNode:
		return d.scalar(n)
	case yaml.MappingNode:
		return d.mapping(n)
	case yaml.SequenceNode:
		return d.sequence(n)
	}
	return nil, nodeError(n, fmt.Sprintf("unknown node kind %d", n.Kind))
}

func (d *yamlDecoder) alias(n *yaml.Node) (lua.LValue, error) {
	if n.Alias == nil {
		return nil, nodeError(n, fmt.Sprintf("unknown anchor %q referenced", n.Value))
	}
	for _, a := range d.expanding {
		if a == n.Alias {
			return nil, nodeError(n, fmt.Sprintf("anchor %q value contains itself", n.Value))
		}
	}
	d.expanding = append(d.expanding, n.Alias)
	v, err := d.node(n.Alias)
	d.expanding = d.expanding[:len(d.expanding)-1]
	return v, err
}

func (d *yamlDecoder) sequence(n *yaml.Node) (lua.LValue, error) {
	t := d.L.CreateTable(len(n.Content), 0)
	for i, c := range n.Content {
		v, err := d.node(c)
		if err != nil {
			return nil, err
		}
		t.RawSetInt(i+1, v)
	}
	t.Metatable = d.m.array
	return t, nil
}

// allowedAliasRatio is yaml/v3's: up to 99% of a small document may come
// from alias expansion, falling to 10% for documents of millions of nodes.
func allowedAliasRatio(decodeCount int) float64 {
	const low, high = 400_000, 4_000_000
	switch {
	case decodeCount <= low:
		return 0.99
	case decodeCount >= high:
		return 0.10
	}
	return 0.99 - 0.89*(float64(decodeCount-low)/float64(high-low))
}

func nodeError(n *yaml.Node, msg string) error {
	return &SyntaxError{Format: "yaml", Line: n.Line, Column: n.Column, Msg: msg}
}
