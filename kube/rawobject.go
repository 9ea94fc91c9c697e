package kube

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
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

	// meta holds name, namespace, uid and resourceVersion end to end, cut
	// at ends: one allocation instead of four, for every object held.
	meta string
	ends [3]uint32
	// initialEventsEnd marks the bookmark that ends a watch-list's initial
	// events (the only annotation the reflector reads).
	initialEventsEnd bool
}

func (o *RawObject) name() string            { return o.meta[:o.ends[0]] }
func (o *RawObject) namespace() string       { return o.meta[o.ends[0]:o.ends[1]] }
func (o *RawObject) uid() string             { return o.meta[o.ends[1]:o.ends[2]] }
func (o *RawObject) resourceVersion() string { return o.meta[o.ends[2]:] }

// setMeta sets the metadata fields that RawObject keeps.
func (o *RawObject) setMeta(name, namespace, uid, resourceVersion string) {
	o.meta = name + namespace + uid + resourceVersion
	o.ends[0] = uint32(len(name))
	o.ends[1] = o.ends[0] + uint32(len(namespace))
	o.ends[2] = o.ends[1] + uint32(len(uid))
}

// Key is the object's key in a watch: "namespace/name", or "name" for
// cluster-scoped objects (client-go's MetaNamespaceKeyFunc).
func (o *RawObject) Key() string {
	if o.ends[0] == o.ends[1] {
		return o.name()
	}
	return o.namespace() + "/" + o.name()
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
