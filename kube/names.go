package kube

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
)

// metadataAccept asks for a list's metadata only (PartialObjectMetadataList),
// a fraction of the bytes of the objects, falling back to plain JSON for
// servers (aggregated APIs) that cannot.
const metadataAccept = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json"

// namesPage is the page size of Names.
const namesPage = 1000

// Names lists the names of r's objects (in o's namespace, sorted), for
// completion: at most max of them (pages of 1,000 until then).
func (c *Client) Names(ctx context.Context, r Resource, o Options, max int) ([]string, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	o.Limit, o.Continue = namesPage, ""
	var names []string
	for {
		page, cont, err := c.namesPage(ctx, r, o)
		if err != nil {
			return nil, err
		}
		names = append(names, page...)
		if o.Continue = cont; cont == "" || len(names) >= max {
			break
		}
	}
	if len(names) > max {
		names = names[:max]
	}
	sort.Strings(names)
	return names, nil
}

func (c *Client) namesPage(ctx context.Context, r Resource, o Options) ([]string, string, error) {
	body, err := c.call(ctx, Request{Verb: "list", Method: http.MethodGet,
		Path: r.Path(c.namespaceFor(r, o), "", ""), Query: o.listQuery(),
		Headers: http.Header{"Accept": {metadataAccept}}}, r.String())
	if err != nil {
		return nil, "", err
	}
	var list struct {
		Metadata struct {
			Continue string `json:"continue"`
		} `json:"metadata"`
		Items []struct {
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, "", fmt.Errorf("the server's list of %s: %w", r, err)
	}
	names := make([]string, 0, len(list.Items))
	for _, it := range list.Items {
		names = append(names, it.Metadata.Name)
	}
	return names, list.Metadata.Continue, nil
}
