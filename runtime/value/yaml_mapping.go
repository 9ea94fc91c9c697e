package value

import (
	"fmt"
	"strconv"

	lua "github.com/yuin/gopher-lua"
	"go.yaml.in/yaml/v3"
)

// mapping converts a mapping to an object-marked table. Merge keys (<<)
// are applied after the mapping's own keys, and only where those are
// absent, so that explicit keys win wherever they appear, as the merge key
// spec says.
func (d *yamlDecoder) mapping(n *yaml.Node) (lua.LValue, error) {
	t := d.L.CreateTable(0, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if isMergeKey(kn) {
			merges = append(merges, vn)
			continue
		}
		key, err := d.key(kn)
		if err != nil {
			return nil, err
		}
		if t.RawGetString(key) != lua.LNil {
			return nil, nodeError(kn, fmt.Sprintf("mapping key %q already defined", key))
		}
		v, err := d.node(vn)
		if err != nil {
			return nil, err
		}
		t.RawSetString(key, v)
	}
	for _, m := range merges {
		if err := d.merge(t, m); err != nil {
			return nil, err
		}
	}
	t.Metatable = d.m.object
	return t, nil
}

func isMergeKey(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Value == "<<" && n.ShortTag() == "!!merge"
}

// merge adds the keys of the mapping m (or of each mapping in the sequence
// m, earlier ones first) that t does not have yet.
func (d *yamlDecoder) merge(t *lua.LTable, m *yaml.Node) error {
	sources := []*yaml.Node{m}
	if resolveAlias(m).Kind == yaml.SequenceNode {
		sources = resolveAlias(m).Content
	}
	for _, s := range sources {
		if resolveAlias(s).Kind != yaml.MappingNode {
			return nodeError(s, "map merge requires map or sequence of maps as the value")
		}
		v, err := d.node(s)
		if err != nil {
			return err
		}
		if src, ok := v.(*lua.LTable); ok {
			src.ForEach(func(k, v lua.LValue) {
				if t.RawGet(k) == lua.LNil {
					t.RawSet(k, v)
				}
			})
		}
	}
	return nil
}

// resolveAlias follows n to the node it stands for.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// key converts a mapping key to a string, as JSON (and so Kubernetes) has
// only string keys: 1 becomes "1", true "true", ~ "null". A mapping or
// sequence key has no such form and is an error.
func (d *yamlDecoder) key(n *yaml.Node) (string, error) {
	n = resolveAlias(n)
	if n.Kind != yaml.ScalarNode {
		return "", nodeError(n, "mapping key must be a scalar")
	}
	v, err := d.scalar(n)
	if err != nil {
		return "", err
	}
	switch v := v.(type) {
	case lua.LString:
		return string(v), nil
	case lua.LNumber:
		if b, ok := appendNumber(nil, float64(v)); ok {
			return string(b), nil
		}
		return strconv.FormatFloat(float64(v), 'g', -1, 64), nil
	case lua.LBool:
		return strconv.FormatBool(bool(v)), nil
	}
	return "null", nil
}

// scalar converts a scalar by its resolved tag. Timestamps, binary and
// custom tags stay the text they are written as: the Kubernetes API
// carries them as strings.
func (d *yamlDecoder) scalar(n *yaml.Node) (lua.LValue, error) {
	switch n.ShortTag() {
	case "!!null":
		return d.m.null, nil
	case "!!bool":
		switch n.Value {
		case "true", "True", "TRUE":
			return lua.LTrue, nil
		case "false", "False", "FALSE":
			return lua.LFalse, nil
		}
	case "!!int":
		if isPlainDecimal(n.Value) {
			if i, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
				return lua.LNumber(i), nil
			}
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return lua.LNumber(f), nil
		}
	default:
		return lua.LString(n.Value), nil
	}
	return d.slowScalar(n)
}

// slowScalar leaves the rarer spellings (0x1F, 1_000, .inf, explicit tags)
// to yaml/v3 so that they mean exactly what they mean there.
func (d *yamlDecoder) slowScalar(n *yaml.Node) (lua.LValue, error) {
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, nodeError(n, yamlMessage(err).Msg)
	}
	switch v := v.(type) {
	case bool:
		return lua.LBool(v), nil
	case int:
		return lua.LNumber(v), nil
	case int64:
		return lua.LNumber(v), nil
	case uint64:
		return lua.LNumber(v), nil
	case float64:
		return lua.LNumber(v), nil
	case string:
		return lua.LString(v), nil
	case nil:
		return d.m.null, nil
	}
	return lua.LString(n.Value), nil
}

// isPlainDecimal reports whether s is an integer that means the same in
// base 10 as under yaml/v3's rules, which read a leading 0 as octal.
func isPlainDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" || s[0] == '0' && len(s) > 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
