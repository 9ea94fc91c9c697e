package kube

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
)

// A watch response is a stream of JSON events, {"type": ..., "object": ...},
// one per line as the server writes them. The reader below does not rely
// on the lines, though: a line that ends inside an event (an indenting
// proxy) is joined with the next.

// maxEventSize bounds one event, so that a stream that never completes a
// value cannot eat all memory. The server's own limit on objects is
// smaller (etcd's 1.5 MiB request limit, times the JSON encoding).
const maxEventSize = 64 << 20

// eventReader reads watch events from a stream.
type eventReader struct {
	r                 *bufio.Reader
	buf               []byte
	keepManagedFields bool
}

func newEventReader(r io.Reader, keepManagedFields bool) *eventReader {
	return &eventReader{r: bufio.NewReaderSize(r, 64<<10), keepManagedFields: keepManagedFields}
}

// next returns the next event. At the end of the stream it returns io.EOF,
// or a *readError if the stream broke (inside an event, or a cut
// connection); any other error is an event it could not decode.
func (er *eventReader) next() (watch.Event, error) {
	er.buf = er.buf[:0]
	for {
		line, err := er.r.ReadSlice('\n')
		if len(er.buf) > 0 || err == bufio.ErrBufferFull {
			// line is only valid until the next read: keep a copy
			er.buf = append(er.buf, line...)
			line = er.buf
		}
		if len(er.buf) > maxEventSize {
			return watch.Event{}, fmt.Errorf("watch event larger than %d bytes", maxEventSize)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil && (err != io.EOF || skipSpace(line, 0) == len(line)):
			return watch.Event{}, endOfStream(err)
		case skipSpace(line, 0) == len(line):
			er.buf = er.buf[:0] // a blank line
			continue
		}
		ev, decodeErr := decodeEvent(line, er.keepManagedFields)
		if decodeErr == errTruncated && err == io.EOF {
			return watch.Event{}, &readError{io.ErrUnexpectedEOF}
		}
		if decodeErr == errTruncated {
			if len(er.buf) == 0 {
				er.buf = append(er.buf, line...)
			}
			continue
		}
		return ev, decodeErr
	}
}

// endOfStream is the error for a stream that ended with nothing left to
// decode: io.EOF, or a *readError for a broken connection.
func endOfStream(err error) error {
	if err == io.EOF {
		return err
	}
	return &readError{err}
}

// decodeEvent decodes one watch event. The reflector wants Added, Modified,
// Deleted and Bookmark events to carry the expected type (*RawObject), and
// Error events a *metav1.Status.
func decodeEvent(frame []byte, keepManagedFields bool) (watch.Event, error) {
	typ, obj, err := eventParts(frame)
	if err != nil {
		return watch.Event{}, err
	}
	ev := watch.Event{Type: watch.EventType(typ)}
	switch ev.Type {
	case watch.Added, watch.Modified, watch.Deleted:
		ev.Object, err = decodeObject(obj, keepManagedFields)
	case watch.Bookmark:
		ev.Object, err = decodeBookmark(obj)
	case watch.Error:
		st := &metav1.Status{}
		err = json.Unmarshal(obj, st)
		ev.Object = st
	default:
		return ev, fmt.Errorf("unknown watch event type %q", typ)
	}
	if err != nil {
		return watch.Event{}, fmt.Errorf("decoding a %s event: %w", typ, err)
	}
	return ev, nil
}

// eventParts splits an event into its type and its object's bytes.
func eventParts(frame []byte) (typ string, obj []byte, err error) {
	end, err := eachMember(frame, skipSpace(frame, 0), func(m member) error {
		switch {
		case m.keyIs(frame, "type"):
			typ = m.stringValue(frame)
		case m.keyIs(frame, "object"):
			obj = frame[m.valStart:m.valEnd]
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	if err := endOfInput(frame, end); err != nil {
		return "", nil, err
	}
	if typ == "" || obj == nil {
		return "", nil, fmt.Errorf("watch event without type or object: %.100s", frame)
	}
	return typ, obj, nil
}
