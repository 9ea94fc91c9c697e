package kube

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

// RawObject is an object as the server sent it, for client-go's informer
// machinery: the JSON bytes, plus the few metadata fields that the
// reflector and the store read (name, namespace, uid, resourceVersion).
//
// It exists so that a watch holds each object once, as bytes, rather than
// as bytes and a decoded map: callers convert Raw straight into their own
// values. Raw is never changed after decoding, so copies share it.
type RawObject struct {
	Raw []byte

	name, namespace, resourceVersion string
	uid                              types.UID
	// initialEventsEnd marks the bookmark that ends a watch-list's initial
	// events (the only annotation the reflector reads).
	initialEventsEnd bool
}

// Key is the object's key in a watch: "namespace/name", or "name" for
// cluster-scoped objects (client-go's MetaNamespaceKeyFunc).
func (o *RawObject) Key() string {
	if o.namespace == "" {
		return o.name
	}
	return o.namespace + "/" + o.name
}

// GetObjectKind says nothing: the kind is in Raw, and the reflector only
// compares Go types.
func (o *RawObject) GetObjectKind() schema.ObjectKind { return schema.EmptyObjectKind }

// DeepCopyObject returns a shallow copy: Raw is immutable, so sharing it
// is safe.
func (o *RawObject) DeepCopyObject() runtime.Object {
	c := *o
	return &c
}

// RawList is a list response: its items and the list's metadata. Items
// is what meta.ExtractList reads.
type RawList struct {
	metav1.ListMeta
	Items []*RawObject
}

// GetObjectKind says nothing, as for RawObject.
func (l *RawList) GetObjectKind() schema.ObjectKind { return schema.EmptyObjectKind }

// DeepCopyObject copies the list's slice; the items are shared (immutable).
func (l *RawList) DeepCopyObject() runtime.Object {
	c := *l
	c.Items = append([]*RawObject(nil), l.Items...)
	return &c
}

var (
	_ runtime.Object       = (*RawObject)(nil)
	_ metav1.Object        = (*RawObject)(nil)
	_ runtime.Object       = (*RawList)(nil)
	_ metav1.ListInterface = (*RawList)(nil)
)
