package repl

import (
	"io"
	"sync/atomic"
)

// output writes through the line editor only while it reads a line: the
// editor then clears the line, writes, and redraws the prompt and what
// was typed below. Otherwise (a statement runs) it writes straight out:
// the editor decides "reading" with a flag it clears a moment after
// returning the line, and writing through it then would draw a stray
// prompt.
type output struct {
	reading *atomic.Bool
	direct  io.Writer
	editor  io.Writer
}

func (o output) Write(p []byte) (int, error) {
	if o.reading.Load() {
		return o.editor.Write(p)
	}
	return o.direct.Write(p)
}
