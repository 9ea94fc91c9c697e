package kube

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Object is a whole object to write: the fields klua needs to route it,
// and its JSON encoding.
type Object struct {
	APIVersion   string
	Kind         string
	Name         string
	GenerateName string
	Namespace    string
	Body         []byte
}

func (o Object) describe(r Resource) string {
	if o.Name == "" {
		return r.String()
	}
	return fmt.Sprintf("%s %q", r.String(), o.Name)
}

// Target names one object of a resource, for messages: `pods "web"`.
func Target(r Resource, name string) string {
	if name == "" {
		return r.String()
	}
	return fmt.Sprintf("%s %q", r.String(), name)
}

// Get fetches one object.
func (c *Client) Get(ctx context.Context, r Resource, name string, o Options) ([]byte, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	return c.call(ctx, Request{Verb: "get", Method: http.MethodGet,
		Path: r.Path(c.namespaceFor(r, o), name, o.Subresource), Query: o.getQuery(),
		Sensitive: isSecret(r)}, Target(r, name))
}

// List fetches one page of a collection (all of it when o.Limit is 0:
// the server then sends everything at once).
func (c *Client) List(ctx context.Context, r Resource, o Options) ([]byte, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	return c.call(ctx, Request{Verb: "list", Method: http.MethodGet,
		Path: r.Path(c.namespaceFor(r, o), "", ""), Query: o.listQuery(),
		Sensitive: isSecret(r)}, r.String())
}

// Create POSTs a new object.
func (c *Client) Create(ctx context.Context, obj Object, o Options) ([]byte, error) {
	r, ns, err := c.routeObject(ctx, obj, o, false)
	if err != nil {
		return nil, err
	}
	path := r.Path(ns, "", "")
	if o.Subresource != "" {
		path = r.Path(ns, obj.Name, o.Subresource)
	}
	return c.call(ctx, Request{Verb: "create", Method: http.MethodPost, Path: path,
		Query: c.writeQuery(o), Body: obj.Body, Sensitive: isSecret(r),
		What: obj.describe(r), Namespace: ns}, obj.describe(r))
}

// Update PUTs an object whole; its metadata.resourceVersion, when set,
// makes the server refuse the write if the object changed meanwhile.
func (c *Client) Update(ctx context.Context, obj Object, o Options) ([]byte, error) {
	r, ns, err := c.routeObject(ctx, obj, o, true)
	if err != nil {
		return nil, err
	}
	return c.call(ctx, Request{Verb: "update", Method: http.MethodPut,
		Path: r.Path(ns, obj.Name, o.Subresource), Query: c.writeQuery(o), Body: obj.Body,
		Sensitive: isSecret(r), What: obj.describe(r), Namespace: ns}, obj.describe(r))
}

// Patch types, by the names scripts use.
var patchContentTypes = map[string]string{
	"merge":     "application/merge-patch+json",
	"strategic": "application/strategic-merge-patch+json",
	"json":      "application/json-patch+json",
}

// PatchTypes lists the patch types Patch accepts.
func PatchTypes() []string { return []string{"merge", "strategic", "json"} }

// Patch changes an object with a merge, strategic merge, or JSON patch.
func (c *Client) Patch(ctx context.Context, r Resource, name, patchType string, patch []byte, o Options) ([]byte, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	ct, ok := patchContentTypes[patchType]
	if !ok {
		return nil, fmt.Errorf("unknown patch type %q (want merge, strategic or json)", patchType)
	}
	ns := c.namespaceFor(r, o)
	return c.call(ctx, Request{Verb: "patch", Method: http.MethodPatch,
		Path: r.Path(ns, name, o.Subresource), Query: c.writeQuery(o),
		Headers: http.Header{"Content-Type": {ct}}, Body: patch, Sensitive: isSecret(r),
		What: Target(r, name), Namespace: ns}, Target(r, name))
}

// Apply is server-side apply: the object is the caller's whole intent for
// the fields it names, owned by o.FieldManager ("klua" by default).
func (c *Client) Apply(ctx context.Context, obj Object, o Options) ([]byte, error) {
	r, ns, err := c.routeObject(ctx, obj, o, true)
	if err != nil {
		return nil, err
	}
	if o.FieldManager == "" {
		o.FieldManager = DefaultFieldManager
	}
	q := c.writeQuery(o)
	if o.Force {
		q.Set("force", "true")
	}
	return c.call(ctx, Request{Verb: "apply", Method: http.MethodPatch,
		Path: r.Path(ns, obj.Name, o.Subresource), Query: q,
		Headers: http.Header{"Content-Type": {"application/apply-patch+yaml"}}, Body: obj.Body,
		Sensitive: isSecret(r), What: obj.describe(r), Namespace: ns}, obj.describe(r))
}

// Delete deletes one object. It returns what the server answered: the
// object (still there while finalizers run) or a Status.
func (c *Client) Delete(ctx context.Context, r Resource, name string, o Options) ([]byte, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	body, err := c.deleteOptions(o)
	if err != nil {
		return nil, err
	}
	ns := c.namespaceFor(r, o)
	return c.call(ctx, Request{Verb: "delete", Method: http.MethodDelete,
		Path: r.Path(ns, name, ""), Body: body, What: Target(r, name), Namespace: ns}, Target(r, name))
}

func (c *Client) deleteOptions(o Options) ([]byte, error) {
	opts := struct {
		Kind               string   `json:"kind"`
		APIVersion         string   `json:"apiVersion"`
		PropagationPolicy  string   `json:"propagationPolicy,omitempty"`
		GracePeriodSeconds *int64   `json:"gracePeriodSeconds,omitempty"`
		DryRun             []string `json:"dryRun,omitempty"`
	}{Kind: "DeleteOptions", APIVersion: "v1", PropagationPolicy: o.PropagationPolicy,
		GracePeriodSeconds: o.GracePeriodSeconds}
	if o.DryRun || c.cfg.DryRun {
		opts.DryRun = []string{"All"}
	}
	return json.Marshal(opts)
}

// routeObject resolves an object's resource and namespace, and checks it
// carries what the write needs.
func (c *Client) routeObject(ctx context.Context, obj Object, o Options, needName bool) (Resource, string, error) {
	err := c.init()
	if err != nil {
		return Resource{}, "", err
	}
	if obj.APIVersion == "" {
		return Resource{}, "", &InvalidObjectError{"the object has no apiVersion"}
	}
	if obj.Kind == "" {
		return Resource{}, "", &InvalidObjectError{"the object has no kind"}
	}
	// Create leaves a missing name to the server: virtual resources
	// (SelfSubjectReview, TokenReview) have none, and the server's
	// "name or generateName is required" is clear for the others.
	if obj.Name == "" && needName {
		return Resource{}, "", &InvalidObjectError{fmt.Sprintf("the %s has no metadata.name", obj.Kind)}
	}
	var r Resource
	if o.Resource != nil {
		r = *o.Resource
	} else if r, err = c.ResolveKind(ctx, obj.APIVersion, obj.Kind); err != nil {
		return Resource{}, "", err
	}
	ns, err := c.objectNamespace(r, obj, o)
	return r, ns, err
}

// call sends req and returns the body of a 2xx answer, or an *APIError.
func (c *Client) call(ctx context.Context, req Request, what string) ([]byte, error) {
	resp, err := c.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	if resp.Status/100 != 2 {
		return nil, errorFor(resp, what)
	}
	return resp.Body, nil
}

func isSecret(r Resource) bool { return r.Group == "" && r.Name == "secrets" }

// Raw sends any request to the server (the escape hatch under
// kube.request). Writes honor the client's dry-run setting.
func (c *Client) Raw(ctx context.Context, method, path string, query url.Values, headers http.Header, body []byte) (*Response, error) {
	if query == nil {
		query = url.Values{}
	}
	if c.cfg.DryRun && method != http.MethodGet && method != http.MethodHead {
		query.Set("dryRun", "All")
	}
	return c.Do(ctx, Request{Verb: "request", Method: method, Path: path, Query: query,
		Headers: headers, Body: body})
}
