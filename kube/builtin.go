package kube

import (
	"strings"
	"sync"
)

// builtinResources are the stable resources every current API server
// serves, in the versions discovery prefers. Resolving them from this table
// instead of discovery saves a one-shot script the reading and decoding of
// the whole discovery cache (2-3 ms, most of a `kube.get`'s own cost), or
// on a cold cache dozens of requests. Anything else, and any other version,
// goes through discovery as before. The table follows kubectl's priority
// (the core group first, so "events" is core/v1 Events), and a test checks
// every entry against the real server's discovery.
var builtinResources = []struct {
	Resource
	singular string
	short    []string
}{
	{Resource{"", "v1", "configmaps", "ConfigMap", true}, "configmap", []string{"cm"}},
	{Resource{"", "v1", "endpoints", "Endpoints", true}, "endpoints", []string{"ep"}},
	{Resource{"", "v1", "events", "Event", true}, "event", []string{"ev"}},
	{Resource{"", "v1", "limitranges", "LimitRange", true}, "limitrange", []string{"limits"}},
	{Resource{"", "v1", "namespaces", "Namespace", false}, "namespace", []string{"ns"}},
	{Resource{"", "v1", "nodes", "Node", false}, "node", []string{"no"}},
	{Resource{"", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true}, "persistentvolumeclaim", []string{"pvc"}},
	{Resource{"", "v1", "persistentvolumes", "PersistentVolume", false}, "persistentvolume", []string{"pv"}},
	{Resource{"", "v1", "pods", "Pod", true}, "pod", []string{"po"}},
	{Resource{"", "v1", "podtemplates", "PodTemplate", true}, "podtemplate", nil},
	{Resource{"", "v1", "replicationcontrollers", "ReplicationController", true}, "replicationcontroller", []string{"rc"}},
	{Resource{"", "v1", "resourcequotas", "ResourceQuota", true}, "resourcequota", []string{"quota"}},
	{Resource{"", "v1", "secrets", "Secret", true}, "secret", nil},
	{Resource{"", "v1", "serviceaccounts", "ServiceAccount", true}, "serviceaccount", []string{"sa"}},
	{Resource{"", "v1", "services", "Service", true}, "service", []string{"svc"}},
	{Resource{"apps", "v1", "controllerrevisions", "ControllerRevision", true}, "controllerrevision", nil},
	{Resource{"apps", "v1", "daemonsets", "DaemonSet", true}, "daemonset", []string{"ds"}},
	{Resource{"apps", "v1", "deployments", "Deployment", true}, "deployment", []string{"deploy"}},
	{Resource{"apps", "v1", "replicasets", "ReplicaSet", true}, "replicaset", []string{"rs"}},
	{Resource{"apps", "v1", "statefulsets", "StatefulSet", true}, "statefulset", []string{"sts"}},
	{Resource{"batch", "v1", "cronjobs", "CronJob", true}, "cronjob", []string{"cj"}},
	{Resource{"batch", "v1", "jobs", "Job", true}, "job", nil},
	{Resource{"autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true}, "horizontalpodautoscaler", []string{"hpa"}},
	{Resource{"networking.k8s.io", "v1", "ingresses", "Ingress", true}, "ingress", []string{"ing"}},
	{Resource{"networking.k8s.io", "v1", "ingressclasses", "IngressClass", false}, "ingressclass", nil},
	{Resource{"networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true}, "networkpolicy", []string{"netpol"}},
	{Resource{"rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false}, "clusterrolebinding", nil},
	{Resource{"rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false}, "clusterrole", nil},
	{Resource{"rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true}, "rolebinding", nil},
	{Resource{"rbac.authorization.k8s.io", "v1", "roles", "Role", true}, "role", nil},
	{Resource{"coordination.k8s.io", "v1", "leases", "Lease", true}, "lease", nil},
	{Resource{"policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true}, "poddisruptionbudget", []string{"pdb"}},
	{Resource{"storage.k8s.io", "v1", "storageclasses", "StorageClass", false}, "storageclass", []string{"sc"}},
	{Resource{"apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false}, "customresourcedefinition", []string{"crd", "crds"}},
	{Resource{"scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false}, "priorityclass", []string{"pc"}},
	{Resource{"discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true}, "endpointslice", nil},
	{Resource{"events.k8s.io", "v1", "events", "Event", true}, "event", []string{"ev"}},
}

// builtinNames maps what users type (lower-cased: plural, singular, short
// name, each alone, with its group, or with version and group) and
// "apiVersion/Kind" to the resources above. The first entry to claim a
// name keeps it, which is kubectl's core-first priority. It is built on
// first use, not at every start.
var builtinNames = sync.OnceValue(func() map[string]Resource {
	m := map[string]Resource{}
	claim := func(key string, r Resource) {
		if _, taken := m[key]; !taken {
			m[key] = r
		}
	}
	for _, b := range builtinResources {
		for _, n := range append([]string{b.Name, b.singular}, b.short...) {
			claim(n, b.Resource)
			if b.Group != "" {
				claim(n+"."+b.Group, b.Resource)
				claim(n+"."+b.Version+"."+b.Group, b.Resource)
			}
		}
		claim(kindKey(b.APIVersion(), b.Kind), b.Resource)
	}
	return m
})

// builtinResource is the table's resource for name, as typed by a user.
func builtinResource(name string) (Resource, bool) {
	r, ok := builtinNames()[strings.ToLower(name)]
	return r, ok
}

// builtinKind is the table's resource for objects of apiVersion and kind.
func builtinKind(apiVersion, kind string) (Resource, bool) {
	r, ok := builtinNames()[kindKey(apiVersion, kind)]
	return r, ok
}

// kindKey cannot collide with a typed name: those have no "/".
func kindKey(apiVersion, kind string) string { return apiVersion + "/" + kind }
