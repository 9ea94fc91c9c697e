package kube

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/restmapper"
)

// Resource is an API resource resolved through discovery.
type Resource struct {
	Group      string
	Version    string
	Name       string // the plural, as in URLs: "deployments"
	Kind       string
	Namespaced bool
}

// String names the resource as kubectl does: "pods", "deployments.apps".
func (r Resource) String() string {
	if r.Group == "" {
		return r.Name
	}
	return r.Name + "." + r.Group
}

// APIVersion is the group/version objects of this resource carry.
func (r Resource) APIVersion() string {
	return schema.GroupVersion{Group: r.Group, Version: r.Version}.String()
}

// Path is the URL path of a collection (name "") or an object, optionally
// in a namespace and with a subresource.
func (r Resource) Path(namespace, name, subresource string) string {
	var b strings.Builder
	if r.Group == "" {
		b.WriteString("/api/" + r.Version)
	} else {
		b.WriteString("/apis/" + r.Group + "/" + r.Version)
	}
	if r.Namespaced && namespace != "" {
		b.WriteString("/namespaces/" + namespace)
	}
	b.WriteString("/" + r.Name)
	if name != "" {
		b.WriteString("/" + name)
		if subresource != "" {
			b.WriteString("/" + subresource)
		}
	}
	return b.String()
}

// resolver maps what users type to resources, the way kubectl does:
// plurals, singulars, short names, kinds, and group-qualified forms, all
// through client-go's cached discovery (a warm cache costs no request).
type resolver struct {
	mu    sync.Mutex
	cache map[string]Resource
}

func (c *Client) restMapper() (meta.RESTMapper, error) {
	c.discoOnce.Do(func() {
		if err := c.init(); err != nil {
			c.discoErr = err
			return
		}
		c.disco, c.discoErr = c.cfg.Flags.ToDiscoveryClient()
		if c.discoErr != nil {
			return
		}
		c.deferred = restmapper.NewDeferredDiscoveryRESTMapper(c.disco)
		c.mapper = restmapper.NewShortcutExpander(c.deferred, c.disco, func(string) {})
	})
	return c.mapper, c.discoErr
}

// rediscover drops the discovery it holds, at most once a second, so that
// an unknown name is looked up again on the server: client-go's deferred
// mapper does so by itself only when its discovery came from the disk
// cache, so a CRD created after this process fetched discovery stayed
// unknown to it (a script creating a CRD and then its objects).
func (c *Client) rediscover() bool {
	now, last := time.Now().UnixNano(), c.rediscovered.Load()
	if now-last < int64(time.Second) || !c.rediscovered.CompareAndSwap(last, now) {
		return false
	}
	c.deferred.Reset() // invalidates the discovery client too
	return true
}

// Resolve finds the resource that name means: "pods", "pod", "po",
// "Deployment", "deployments.apps", "deployments.v1.apps", or a CRD's
// names. An unknown name is an error that lists the closest known names.
func (c *Client) Resolve(ctx context.Context, name string) (Resource, error) {
	name, err := normalizeResourceArg(name)
	if err != nil {
		return Resource{}, err
	}
	if r, ok := builtinResource(name); ok {
		return r, nil
	}
	return c.discover(ctx, name)
}

// discover resolves name through discovery alone.
func (c *Client) discover(ctx context.Context, name string) (Resource, error) {
	if r, ok := c.resolved.get(name); ok {
		return r, nil
	}
	mapper, err := c.restMapper()
	if err != nil {
		return Resource{}, err
	}
	mapping, err := mappingFor(mapper, name)
	if meta.IsNoMatchError(err) && c.rediscover() {
		mapping, err = mappingFor(mapper, name)
	}
	if err != nil {
		if meta.IsNoMatchError(err) {
			return Resource{}, c.unknownResource(name)
		}
		return Resource{}, fmt.Errorf("resolving resource %q: %w", name, c.discoveryError(ctx, err))
	}
	r := resourceOf(mapping)
	c.resolved.put(name, r)
	return r, nil
}

// ResolveKind finds the resource that holds objects of apiVersion and kind.
func (c *Client) ResolveKind(ctx context.Context, apiVersion, kind string) (Resource, error) {
	if r, ok := builtinKind(apiVersion, kind); ok {
		return r, nil
	}
	return c.discoverKind(ctx, apiVersion, kind)
}

// discoverKind resolves a kind through discovery alone.
func (c *Client) discoverKind(ctx context.Context, apiVersion, kind string) (Resource, error) {
	key := kindKey(apiVersion, kind)
	if r, ok := c.resolved.get(key); ok {
		return r, nil
	}
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return Resource{}, fmt.Errorf("apiVersion %q: %w", apiVersion, err)
	}
	mapper, err := c.restMapper()
	if err != nil {
		return Resource{}, err
	}
	mapping, err := mapper.RESTMapping(schema.GroupKind{Group: gv.Group, Kind: kind}, gv.Version)
	if meta.IsNoMatchError(err) && c.rediscover() {
		mapping, err = mapper.RESTMapping(schema.GroupKind{Group: gv.Group, Kind: kind}, gv.Version)
	}
	if err != nil {
		if meta.IsNoMatchError(err) {
			return Resource{}, fmt.Errorf("no resource of kind %q in %q on the server: %w", kind, apiVersion, c.unknownResource(kind))
		}
		return Resource{}, fmt.Errorf("resolving kind %q in %q: %w", kind, apiVersion, c.discoveryError(ctx, err))
	}
	r := resourceOf(mapping)
	c.resolved.put(key, r)
	return r, nil
}

func resourceOf(m *meta.RESTMapping) Resource {
	return Resource{
		Group:      m.Resource.Group,
		Version:    m.Resource.Version,
		Name:       m.Resource.Resource,
		Kind:       m.GroupVersionKind.Kind,
		Namespaced: m.Scope.Name() == meta.RESTScopeNameNamespace,
	}
}

// mappingFor is kubectl's resource builder lookup: first as a resource
// (plural, singular, short name; optionally .version.group), then as a kind.
func mappingFor(mapper meta.RESTMapper, arg string) (*meta.RESTMapping, error) {
	fullGVR, groupResource := schema.ParseResourceArg(arg)
	var gvk schema.GroupVersionKind
	if fullGVR != nil {
		gvk, _ = mapper.KindFor(*fullGVR)
	}
	if gvk.Empty() {
		gvk, _ = mapper.KindFor(groupResource.WithVersion(""))
	}
	if !gvk.Empty() {
		return mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
	}
	fullGVK, groupKind := schema.ParseKindArg(arg)
	if fullGVK != nil {
		if m, err := mapper.RESTMapping(fullGVK.GroupKind(), fullGVK.Version); err == nil {
			return m, nil
		}
	}
	return mapper.RESTMapping(groupKind)
}

func (r *resolver) get(name string) (Resource, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	res, ok := r.cache[name]
	return res, ok
}

func (r *resolver) put(name string, res Resource) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cache == nil {
		r.cache = map[string]Resource{}
	}
	r.cache[name] = res
}

// Resources lists every resource the server serves (preferred versions),
// from the discovery cache. Subresources are left out.
func (c *Client) Resources(ctx context.Context) ([]ResourceInfo, error) {
	if _, err := c.restMapper(); err != nil {
		return nil, err
	}
	lists, err := c.disco.ServerPreferredResources()
	if err != nil && len(lists) == 0 {
		return nil, fmt.Errorf("discovering the server's resources: %w", err)
	}
	var out []ResourceInfo
	for _, l := range lists {
		gv, _ := schema.ParseGroupVersion(l.GroupVersion)
		for _, ar := range l.APIResources {
			if strings.Contains(ar.Name, "/") {
				continue
			}
			out = append(out, ResourceInfo{
				Resource: Resource{Group: gv.Group, Version: gv.Version, Name: ar.Name,
					Kind: ar.Kind, Namespaced: ar.Namespaced},
				Singular: ar.SingularName, ShortNames: ar.ShortNames, Verbs: ar.Verbs,
			})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}

// ResourceInfo is a resource with the other names users may call it by.
type ResourceInfo struct {
	Resource
	Singular   string
	ShortNames []string
	Verbs      []string
}

// Names are every name that resolves to this resource.
func (ri ResourceInfo) Names() []string {
	names := []string{ri.Name, ri.String(), strings.ToLower(ri.Kind)}
	if ri.Singular != "" {
		names = append(names, ri.Singular)
	}
	return append(names, ri.ShortNames...)
}
