package luatypes

import (
	"fmt"
	"strings"
)

// resource is a kind of the API that has a collection, and the names
// kube's functions accept for it, as discovery would give them.
type resource struct {
	group, kind string
	names       []string
}

// shortNames are the short names the API server gives the resources of
// Groups (kubectl api-resources).
var shortNames = map[string][]string{
	"ComponentStatus": {"cs"}, "ConfigMap": {"cm"}, "Endpoints": {"ep"}, "Event": {"ev"},
	"LimitRange": {"limits"}, "Namespace": {"ns"}, "Node": {"no"},
	"PersistentVolume": {"pv"}, "PersistentVolumeClaim": {"pvc"}, "Pod": {"po"},
	"ReplicationController": {"rc"}, "ResourceQuota": {"quota"}, "Service": {"svc"},
	"ServiceAccount": {"sa"}, "DaemonSet": {"ds"}, "Deployment": {"deploy"},
	"ReplicaSet": {"rs"}, "StatefulSet": {"sts"}, "CronJob": {"cj"}, "Ingress": {"ing"},
	"NetworkPolicy": {"netpol"},
}

func newResource(group, kind string) resource {
	plural := pluralOf(kind)
	var names []string
	seen := map[string]bool{}
	candidates := append([]string{plural, strings.ToLower(kind), kind}, shortNames[kind]...)
	if group != "" {
		candidates = append(candidates, plural+"."+group)
	}
	for _, n := range candidates {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return resource{group: group, kind: kind, names: names}
}

// pluralOf is the API's plural of a kind.
func pluralOf(kind string) string {
	k := strings.ToLower(kind)
	switch {
	case k == "endpoints":
		return k
	case strings.HasSuffix(k, "s"), strings.HasSuffix(k, "x"), strings.HasSuffix(k, "ch"):
		return k + "es"
	case strings.HasSuffix(k, "y") && !strings.HasSuffix(k, "ey"):
		return k[:len(k)-1] + "ies"
	}
	return k + "s"
}

func (r resource) alias() string { return "kube.resource." + r.kind }

// overload is the overload of a kube function that returns this
// resource's objects, or "" for functions that have none.
func (r resource) overload(fn string) string {
	obj := ClassPrefix + r.kind
	var sig string
	switch fn {
	case "get":
		sig = fmt.Sprintf("fun(resource: %s, name: string, opts?: kube.GetOptions): %s", r.alias(), obj)
	case "list":
		sig = fmt.Sprintf("fun(resource: %s, opts?: kube.ListOptions): %sList", r.alias(), obj)
	case "each":
		sig = fmt.Sprintf("fun(resource: %s, opts: kube.ListOptions|nil, fn: fun(object: %s): boolean?)", r.alias(), obj)
	case "patch":
		sig = fmt.Sprintf("fun(resource: %s, name: string, patch: table|string, opts?: kube.PatchOptions): %s", r.alias(), obj)
	case "wait":
		sig = fmt.Sprintf("fun(resource: %s, name: string, predicate: fun(object: %s|nil): boolean?, opts?: kube.WaitOptions): %s|nil", r.alias(), obj, obj)
	default:
		return ""
	}
	return "---@overload " + sig + "\n"
}

// resourceAliases names the resources' names: kube.resource.Pod is
// "pods"|"pod"|"Pod"|"po".
func resourceAliases(resources []resource) string {
	var b strings.Builder
	b.WriteString("---@meta\n-- The names kube's functions accept for each resource, for lua-language-server.\n")
	b.WriteString("-- Written by `klua types`; do not edit.\n\n")
	for _, r := range resources {
		quoted := make([]string, len(r.names))
		for i, n := range r.names {
			quoted[i] = fmt.Sprintf("%q", n)
		}
		fmt.Fprintf(&b, "---@alias %s %s\n", r.alias(), strings.Join(quoted, "|"))
	}
	return b.String()
}
