package repl

import "sort"

// Key order. Objects print with their keys in the order the API reference
// and kubectl show them (apiVersion, kind, metadata, spec, status), not
// alphabetically; keys this table does not know follow, sorted. The table
// is data, not logic, and says so by its length.

// keyOrder maps the key a table is found under ("" for a value printed
// on its own; an array's key for its items) to the keys that come first.
var keyOrder = map[string][]string{
	"": {"apiVersion", "kind", "metadata", "name", "type", "immutable", "spec", "data", "binaryData",
		"stringData", "rules", "roleRef", "subjects", "webhooks", "items", "status"},
	"metadata": {"name", "generateName", "namespace", "uid", "resourceVersion", "generation",
		"creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
		"annotations", "ownerReferences", "finalizers", "managedFields"},
	"spec": {"replicas", "selector", "serviceName", "template", "strategy", "type",
		"clusterIP", "ports", "nodeName", "serviceAccountName", "initContainers", "containers",
		"volumes"},
	"template":       {"metadata", "spec"},
	"containers":     containerOrder,
	"initContainers": containerOrder,
	"conditions":     {"type", "status", "reason", "message", "lastProbeTime", "lastUpdateTime", "lastTransitionTime"},
	"ports":          {"name", "containerPort", "port", "targetPort", "nodePort", "protocol"},
	"env":            {"name", "value", "valueFrom"},
	"status":         {"phase", "observedGeneration", "replicas", "readyReplicas", "availableReplicas", "conditions"},
}

var containerOrder = []string{"name", "image", "command", "args", "workingDir", "ports", "env",
	"envFrom", "resources", "volumeMounts"}

// sortKeys orders the keys of a table found under parent.
func sortKeys(parent string, keys []string) {
	first, ok := keyOrder[parent]
	if !ok {
		first = []string{"name"}
	}
	rank := func(k string) int {
		for i, f := range first {
			if f == k {
				return i
			}
		}
		return len(first)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		ri, rj := rank(keys[i]), rank(keys[j])
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
}
