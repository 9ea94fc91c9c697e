package kube

import (
	"fmt"
	"net/url"
	"strconv"
)

// Options are the per-call options of the verbs, spelled as the API spells
// them. Each verb uses the ones that apply to it.
type Options struct {
	Namespace       string
	AllNamespaces   bool
	LabelSelector   string
	FieldSelector   string
	Limit           int64
	Continue        string
	ResourceVersion string
	Subresource     string
	DryRun          bool
	FieldManager    string
	Force           bool
	// PropagationPolicy is "Orphan", "Background" or "Foreground".
	PropagationPolicy  string
	GracePeriodSeconds *int64
	// Resource, when set, is where an object given in full is written,
	// instead of the resource its kind resolves to. Subresources need it:
	// a deployment's scale is an object of kind Scale.
	Resource *Resource
}

// DefaultPageSize is how many items a paged iteration (kube.each) asks
// for at a time, as kubectl does.
const DefaultPageSize = 500

// DefaultFieldManager names klua's writes in managedFields.
const DefaultFieldManager = "klua"

func (o Options) listQuery() url.Values {
	q := url.Values{}
	set(q, "labelSelector", o.LabelSelector)
	set(q, "fieldSelector", o.FieldSelector)
	set(q, "continue", o.Continue)
	set(q, "resourceVersion", o.ResourceVersion)
	if o.Limit > 0 {
		q.Set("limit", strconv.FormatInt(o.Limit, 10))
	}
	return q
}

func (o Options) getQuery() url.Values {
	q := url.Values{}
	set(q, "resourceVersion", o.ResourceVersion)
	return q
}

func (c *Client) writeQuery(o Options) url.Values {
	q := url.Values{}
	if o.DryRun || c.cfg.DryRun {
		q.Set("dryRun", "All")
	}
	set(q, "fieldManager", o.FieldManager)
	return q
}

func set(q url.Values, key, value string) {
	if value != "" {
		q.Set(key, value)
	}
}

// namespaceFor is the namespace a call on r works in: none for
// cluster-scoped resources and for lists across all namespaces, else the
// option, else the client's default.
func (c *Client) namespaceFor(r Resource, o Options) string {
	if !r.Namespaced || o.AllNamespaces {
		return ""
	}
	if o.Namespace != "" {
		return o.Namespace
	}
	return c.namespace
}

// objectNamespace is where an object given in full goes: its own
// metadata.namespace wins over the default, and contradicting an explicit
// namespace option is an error rather than a guess.
func (c *Client) objectNamespace(r Resource, obj Object, o Options) (string, error) {
	if !r.Namespaced {
		return "", nil
	}
	switch {
	case obj.Namespace != "" && o.Namespace != "" && obj.Namespace != o.Namespace:
		return "", &InvalidObjectError{fmt.Sprintf("%s: the object's namespace %q contradicts the namespace option %q",
			obj.describe(r), obj.Namespace, o.Namespace)}
	case obj.Namespace != "":
		return obj.Namespace, nil
	case o.Namespace != "":
		return o.Namespace, nil
	}
	return c.namespace, nil
}

// ObjectKey is the cache key of the object called name that a call with
// options o on r means: "namespace/name", or "name" for cluster-scoped
// resources. It is the key of WatchEvent and Watcher.Get.
func (c *Client) ObjectKey(r Resource, o Options, name string) (string, error) {
	if err := c.init(); err != nil {
		return "", err
	}
	if ns := c.namespaceFor(r, o); ns != "" {
		return ns + "/" + name, nil
	}
	return name, nil
}
