package kube

import (
	"strings"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/restmapper"
)

// fixtureResources is a small server's resources as discovery describes
// them: enough for the resolver's string handling to be tested, and
// fuzzed, without a server. Two groups serve "events", and a CRD group
// serves two versions, as real clusters do.
var fixtureResources = []*restmapper.APIGroupResources{
	group("", []string{"v1"},
		res("pods", "pod", "Pod", true, "po"),
		res("configmaps", "configmap", "ConfigMap", true, "cm"),
		res("services", "service", "Service", true, "svc"),
		res("secrets", "secret", "Secret", true),
		res("events", "event", "Event", true, "ev"),
		res("namespaces", "namespace", "Namespace", false, "ns"),
		res("nodes", "node", "Node", false, "no"),
		res("pods/log", "", "Pod", true)),
	group("apps", []string{"v1"},
		res("deployments", "deployment", "Deployment", true, "deploy"),
		res("statefulsets", "statefulset", "StatefulSet", true, "sts"),
		res("deployments/scale", "", "Scale", true)),
	group("events.k8s.io", []string{"v1"},
		res("events", "event", "Event", true, "ev")),
	group("example.com", []string{"v1", "v1beta1"},
		res("widgets", "widget", "Widget", true, "wg")),
}

func group(name string, versions []string, resources ...metav1.APIResource) *restmapper.APIGroupResources {
	g := &restmapper.APIGroupResources{
		Group:              metav1.APIGroup{Name: name},
		VersionedResources: map[string][]metav1.APIResource{},
	}
	for _, v := range versions {
		gv := metav1.GroupVersionForDiscovery{GroupVersion: strings.TrimPrefix(name+"/"+v, "/"), Version: v}
		g.Group.Versions = append(g.Group.Versions, gv)
		g.VersionedResources[v] = resources
	}
	g.Group.PreferredVersion = g.Group.Versions[0]
	return g
}

func res(name, singular, kind string, namespaced bool, short ...string) metav1.APIResource {
	return metav1.APIResource{Name: name, SingularName: singular, Kind: kind, Namespaced: namespaced,
		ShortNames: short, Verbs: metav1.Verbs{"get", "list"}}
}

// fixtureMapper is the mapper the resolver builds over discovery, minus
// the short-name expander (which needs a discovery client).
func fixtureMapper() meta.RESTMapper {
	return restmapper.NewDiscoveryRESTMapper(fixtureResources)
}

// fixtureInfos lists the fixture as Client.Resources does.
func fixtureInfos() []ResourceInfo {
	var out []ResourceInfo
	for _, g := range fixtureResources {
		v := g.Group.PreferredVersion.Version
		for _, ar := range g.VersionedResources[v] {
			if strings.Contains(ar.Name, "/") {
				continue
			}
			out = append(out, ResourceInfo{
				Resource: Resource{Group: g.Group.Name, Version: v, Name: ar.Name, Kind: ar.Kind, Namespaced: ar.Namespaced},
				Singular: ar.SingularName, ShortNames: ar.ShortNames, Verbs: ar.Verbs,
			})
		}
	}
	return out
}
