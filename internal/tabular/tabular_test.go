package tabular

import "testing"

func TestFormat(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		rows   [][]string
		want   string
	}{
		{"kubectl spacing", []string{"name", "ready"}, [][]string{{"web-1", "1/1"}, {"db", "0/1"}},
			"NAME    READY\nweb-1   1/1\ndb      0/1\n"},
		{"missing and empty cells", []string{"NAME", "IP", "NODE"}, [][]string{{"a", ""}},
			"NAME   IP    NODE\na            <none>\n"},
		{"no header", nil, [][]string{{"a", "b"}, {"ccc", "d"}}, "a     b\nccc   d\n"},
		{"tabs and newlines in cells", []string{"K", "V"}, [][]string{{"a\tb", "x\ny"}}, "K     V\na b   x y\n"},
		{"header only", []string{"NAME"}, nil, "NAME\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format(tt.header, tt.rows); got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
