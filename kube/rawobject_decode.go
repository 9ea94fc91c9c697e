package kube

import (
	"encoding/json"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// span is a range of bytes to drop, [start, end).
type span struct{ start, end int }

// objectMeta is what decodeObject reads of metadata.
type objectMeta struct {
	name, namespace, uid, resourceVersion string
}

// decodeObject makes a RawObject of the JSON object in src. Unless
// keepManagedFields, it drops metadata.managedFields (about half of a
// typical object's bytes, and of no use to a script). Raw is always a
// fresh copy of exactly its size, so that it does not keep a whole list
// response or stream buffer alive.
func decodeObject(src []byte, keepManagedFields bool) (*RawObject, error) {
	var meta objectMeta
	var cuts []span
	start := skipSpace(src, 0)
	end, err := eachMember(src, start, func(m member) error {
		if !m.keyIs(src, "metadata") {
			return nil
		}
		meta = objectMeta{} // the last metadata wins, as in encoding/json
		if src[m.valStart] != '{' {
			return nil
		}
		return scanMetadata(src, m.valStart, keepManagedFields, &meta, &cuts)
	})
	if err != nil {
		return nil, err
	}
	if err := endOfInput(src, end); err != nil {
		return nil, err
	}
	o := &RawObject{Raw: cut(src[:end], start, cuts)}
	o.setMeta(meta.name, meta.namespace, meta.uid, meta.resourceVersion)
	return o, nil
}

// scanMetadata reads the metadata object at src[i], and adds the spans of
// its managedFields members to cuts unless keep.
func scanMetadata(src []byte, i int, keep bool, meta *objectMeta, cuts *[]span) error {
	keptEnd := -1 // where the value of the last member that stays ends
	_, err := eachMember(src, i, func(m member) error {
		switch {
		case !keep && m.keyIs(src, "managedFields"):
			*cuts = addCut(*cuts, memberSpan(m, keptEnd))
			return nil
		case m.keyIs(src, "name"):
			meta.name = m.stringValue(src)
		case m.keyIs(src, "namespace"):
			meta.namespace = m.stringValue(src)
		case m.keyIs(src, "uid"):
			meta.uid = m.stringValue(src)
		case m.keyIs(src, "resourceVersion"):
			meta.resourceVersion = m.stringValue(src)
		}
		keptEnd = m.valEnd
		return nil
	})
	return err
}

// memberSpan is what to cut to remove member m and keep the object valid:
// the member and the comma after it, or, for the last member, the comma
// before it (after the value of the last member kept).
func memberSpan(m member, keptEnd int) span {
	switch {
	case m.next >= 0:
		return span{m.keyStart, m.next}
	case keptEnd >= 0:
		return span{keptEnd, m.valEnd}
	}
	return span{m.keyStart, m.valEnd}
}

// addCut appends s, merging it with the cuts it overlaps: removing the
// last of several managedFields members reaches back over the others.
func addCut(cuts []span, s span) []span {
	for len(cuts) > 0 && s.start <= cuts[len(cuts)-1].end {
		last := cuts[len(cuts)-1]
		s.start, s.end = min(s.start, last.start), max(s.end, last.end)
		cuts = cuts[:len(cuts)-1]
	}
	return append(cuts, s)
}

// cut copies src[start:] without the spans, in one allocation.
func cut(src []byte, start int, cuts []span) []byte {
	n := len(src) - start
	for _, s := range cuts {
		n -= s.end - s.start
	}
	out := make([]byte, 0, n)
	for _, s := range cuts {
		out = append(out, src[start:s.start]...)
		start = s.end
	}
	return append(out, src[start:]...)
}

// decodeList reads a list response: its metadata and each item.
func decodeList(body []byte, keepManagedFields bool) (*RawList, error) {
	list := &RawList{}
	end, err := eachMember(body, skipSpace(body, 0), func(m member) error {
		switch {
		case m.keyIs(body, "metadata"):
			return json.Unmarshal(body[m.valStart:m.valEnd], &list.ListMeta)
		case m.keyIs(body, "items"):
			items, err := decodeItems(body, m.valStart, keepManagedFields)
			list.Items = items
			return err
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("decoding a list: %w", err)
	}
	return list, endOfInput(body, end)
}

// decodeItems reads the array of objects at body[i]; null is no items.
func decodeItems(body []byte, i int, keepManagedFields bool) ([]*RawObject, error) {
	if body[i] == 'n' {
		return nil, nil
	}
	if body[i] != '[' {
		return nil, syntaxError(body, i, "items array")
	}
	var items []*RawObject
	err := eachElement(body, i, func(start int) error {
		end, _ := skipValue(body, start) // eachElement checked it
		item, err := decodeObject(body[start:end], keepManagedFields)
		if err != nil {
			return fmt.Errorf("item %d: %w", len(items), err)
		}
		items = append(items, item)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}

// decodeBookmark reads a bookmark's object: only its resourceVersion and
// whether it ends a watch-list's initial events matter.
func decodeBookmark(src []byte) (*RawObject, error) {
	var b struct {
		Metadata struct {
			ResourceVersion string            `json:"resourceVersion"`
			Annotations     map[string]string `json:"annotations"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(src, &b); err != nil {
		return nil, fmt.Errorf("decoding a bookmark: %w", err)
	}
	o := &RawObject{initialEventsEnd: b.Metadata.Annotations[metav1.InitialEventsAnnotationKey] == "true"}
	o.setMeta("", "", "", b.Metadata.ResourceVersion)
	return o, nil
}

// DropManagedFields returns a list response without each item's
// metadata.managedFields, for callers that turn whole lists into values
// of their own: in a list of ConfigMaps made by kubectl or a controller
// they are three quarters of the nested objects. body itself is returned
// when there is nothing to drop, or when it is not a list this reads (the
// caller's decoder then reports what is wrong with it).
func DropManagedFields(body []byte) []byte {
	var cuts []span
	start := skipSpace(body, 0)
	_, err := eachMember(body, start, func(m member) error {
		if !m.keyIs(body, "items") || body[m.valStart] != '[' {
			return nil
		}
		return eachElement(body, m.valStart, func(i int) error {
			if body[i] != '{' {
				return nil
			}
			_, err := eachMember(body, i, func(im member) error {
				if !im.keyIs(body, "metadata") || body[im.valStart] != '{' {
					return nil
				}
				return scanMetadata(body, im.valStart, false, &objectMeta{}, &cuts)
			})
			return err
		})
	})
	if err != nil || len(cuts) == 0 {
		return body
	}
	return cut(body, 0, cuts)
}

// eachElement calls fn with the start of each element of the array at
// body[i].
func eachElement(body []byte, i int, fn func(start int) error) error {
	for i = skipSpace(body, i+1); i < len(body) && body[i] != ']'; {
		end, err := skipValue(body, i)
		if err != nil {
			return err
		}
		if err := fn(i); err != nil {
			return err
		}
		if i = skipSpace(body, end); i < len(body) && body[i] == ',' {
			i = skipSpace(body, i+1)
		} else if i >= len(body) || body[i] != ']' {
			return syntaxError(body, i, "',' or ']'")
		}
	}
	if i >= len(body) {
		return errTruncated
	}
	return nil
}
