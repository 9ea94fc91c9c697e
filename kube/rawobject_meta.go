package kube

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// metav1.Object for RawObject, so that meta.Accessor accepts it. This file
// is table-like on purpose. Only the fields the informer machinery reads
// are kept; the other getters return zero values (the real values are in
// Raw), and their setters do nothing, since nothing in a watch writes them.

func (o *RawObject) GetNamespace() string       { return o.namespace() }
func (o *RawObject) GetName() string            { return o.name() }
func (o *RawObject) GetUID() types.UID          { return types.UID(o.uid()) }
func (o *RawObject) GetResourceVersion() string { return o.resourceVersion() }
func (o *RawObject) SetNamespace(ns string)     { o.setMeta(o.name(), ns, o.uid(), o.resourceVersion()) }
func (o *RawObject) SetName(name string) {
	o.setMeta(name, o.namespace(), o.uid(), o.resourceVersion())
}
func (o *RawObject) SetUID(uid types.UID) {
	o.setMeta(o.name(), o.namespace(), string(uid), o.resourceVersion())
}
func (o *RawObject) SetResourceVersion(rv string) {
	o.setMeta(o.name(), o.namespace(), o.uid(), rv)
}

func (o *RawObject) GetGenerateName() string                       { return "" }
func (o *RawObject) SetGenerateName(string)                        {}
func (o *RawObject) GetGeneration() int64                          { return 0 }
func (o *RawObject) SetGeneration(int64)                           {}
func (o *RawObject) GetSelfLink() string                           { return "" }
func (o *RawObject) SetSelfLink(string)                            {}
func (o *RawObject) GetCreationTimestamp() metav1.Time             { return metav1.Time{} }
func (o *RawObject) SetCreationTimestamp(metav1.Time)              {}
func (o *RawObject) GetDeletionTimestamp() *metav1.Time            { return nil }
func (o *RawObject) SetDeletionTimestamp(*metav1.Time)             {}
func (o *RawObject) GetDeletionGracePeriodSeconds() *int64         { return nil }
func (o *RawObject) SetDeletionGracePeriodSeconds(*int64)          {}
func (o *RawObject) GetLabels() map[string]string                  { return nil }
func (o *RawObject) SetLabels(map[string]string)                   {}
func (o *RawObject) GetFinalizers() []string                       { return nil }
func (o *RawObject) SetFinalizers([]string)                        {}
func (o *RawObject) GetOwnerReferences() []metav1.OwnerReference   { return nil }
func (o *RawObject) SetOwnerReferences([]metav1.OwnerReference)    {}
func (o *RawObject) GetManagedFields() []metav1.ManagedFieldsEntry { return nil }
func (o *RawObject) SetManagedFields([]metav1.ManagedFieldsEntry)  {}
func (o *RawObject) SetAnnotations(map[string]string)              {}

// initialEventsEndAnnotations is shared by every end-of-initial-events
// bookmark; the reflector only reads it.
var initialEventsEndAnnotations = map[string]string{metav1.InitialEventsAnnotationKey: "true"}

// GetAnnotations returns only the annotation the reflector looks for on
// bookmarks.
func (o *RawObject) GetAnnotations() map[string]string {
	if o.initialEventsEnd {
		return initialEventsEndAnnotations
	}
	return nil
}
