package kube

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/klua/klua/internal/tabular"
)

// tableAccept asks the server for its Table rendering of a list, the
// columns kubectl prints, falling back to plain JSON for servers
// (aggregated APIs) that have none.
const tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"

// Table is the server's tabular rendering of a list.
type Table struct {
	Columns []TableColumn `json:"columnDefinitions"`
	Rows    []TableRow    `json:"rows"`
}

// TableColumn describes one column; Priority 0 columns are the ones kubectl
// shows without -o wide.
type TableColumn struct {
	Name     string `json:"name"`
	Priority int    `json:"priority"`
}

// TableRow is one object's cells and its metadata.
type TableRow struct {
	Cells  []any `json:"cells"`
	Object struct {
		Metadata struct {
			Namespace string `json:"namespace"`
		} `json:"metadata"`
	} `json:"object"`
}

// Table fetches r as a Table and formats it as kubectl does.
func (c *Client) Table(ctx context.Context, r Resource, o Options) (string, error) {
	if err := c.init(); err != nil {
		return "", err
	}
	q := o.listQuery()
	q.Set("includeObject", "Metadata")
	ns := c.namespaceFor(r, o)
	body, err := c.call(ctx, Request{Verb: "list", Method: http.MethodGet, Path: r.Path(ns, "", ""),
		Query: q, Headers: http.Header{"Accept": {tableAccept}}}, r.String())
	if err != nil {
		return "", err
	}
	t, err := decodeTable(body)
	if err != nil {
		return "", fmt.Errorf("the server's table of %s: %w", r, err)
	}
	if len(t.Rows) == 0 {
		return noResources(r, ns), nil
	}
	return FormatTable(t, r.Namespaced && o.AllNamespaces), nil
}

func decodeTable(body []byte) (Table, error) {
	var t Table
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // print 1234567 as such, not 1.234567e+06
	err := dec.Decode(&t)
	return t, err
}

func noResources(r Resource, ns string) string {
	if ns == "" {
		return "No resources found\n"
	}
	return fmt.Sprintf("No resources found in %s namespace.\n", ns)
}

// FormatTable lays out a table with kubectl's spacing: upper-case headers,
// priority 0 columns, and a NAMESPACE column first when asked.
func FormatTable(t Table, withNamespace bool) string {
	var header []string
	if withNamespace {
		header = append(header, "NAMESPACE")
	}
	for _, col := range t.Columns {
		if col.Priority == 0 {
			header = append(header, col.Name)
		}
	}
	rows := make([][]string, 0, len(t.Rows))
	for _, row := range t.Rows {
		var cells []string
		if withNamespace {
			cells = append(cells, row.Object.Metadata.Namespace)
		}
		for i, col := range t.Columns {
			if col.Priority == 0 && i < len(row.Cells) {
				cells = append(cells, formatCell(row.Cells[i]))
			}
		}
		rows = append(rows, cells)
	}
	return tabular.Format(header, rows)
}

func formatCell(v any) string {
	if v == nil {
		return tabular.None
	}
	return fmt.Sprint(v)
}
