// Package tabular lays out rows of text in columns as kubectl does:
// upper-case headers, columns three spaces apart, "<none>" for missing
// cells. It is the one formatter behind kube.table, the server's Table
// renderings, and any printer that shows rows to people (the REPL), so
// that klua's tables all look alike and like kubectl's.
package tabular

import (
	"bytes"
	"strings"
	"text/tabwriter"
)

// None is what an empty or missing cell shows, as in kubectl.
const None = "<none>"

// Format lays out header (upper-cased; none when empty) and rows.
// Rows shorter than the header get None cells (cells that are there are
// shown as they are, empty ones too, as kubectl does); tabs and newlines inside
// cells become spaces, since they would break the columns.
func Format(header []string, rows [][]string) string {
	var buf bytes.Buffer
	w := tabwriter.NewWriter(&buf, 6, 4, 3, ' ', 0)
	if len(header) > 0 {
		cells := make([]string, len(header))
		for i, h := range header {
			cells[i] = strings.ToUpper(clean(h))
		}
		w.Write([]byte(strings.Join(cells, "\t") + "\n"))
	}
	for _, row := range rows {
		n := max(len(row), len(header))
		cells := make([]string, n)
		for i := range cells {
			cells[i] = None
			if i < len(row) {
				cells[i] = clean(row[i])
			}
		}
		w.Write([]byte(strings.Join(cells, "\t") + "\n"))
	}
	w.Flush()
	return buf.String()
}

var cleaner = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

func clean(s string) string { return cleaner.Replace(s) }
