package repl

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// input is one thing the session ran, for :save.
type input struct {
	src       string
	statement bool // runs as it is in a script
	scalar    bool // an expression whose values were all scalars
	command   bool // :ns, :ctx
}

// script turns what ran into a script for klua run. Statements stay as
// they are; an expression whose values printed as one line becomes a
// print of it, so that the script shows what the session showed; other
// expressions (objects looked at) stay as comments, as do :ns and :ctx,
// which a script expresses with -n and --context. Failed input is left
// out: it stopped nothing in the session, but it would stop the script.
func script(inputs []input) string {
	var b strings.Builder
	b.WriteString("-- Written by klua's REPL (:save). Run it with: klua run FILE\n")
	for _, in := range inputs {
		switch {
		case in.command:
			fmt.Fprintf(&b, "-- %s (in a script: klua %s)\n", in.src, commandFlag(in.src))
		case in.scalar:
			fmt.Fprintf(&b, "print(%s)\n", in.src)
		case in.statement:
			b.WriteString(in.src + "\n")
		default:
			b.WriteString("-- " + strings.ReplaceAll(in.src, "\n", "\n-- ") + "\n")
		}
	}
	return b.String()
}

func commandFlag(cmd string) string {
	if arg, ok := strings.CutPrefix(cmd, ":ns "); ok {
		return "-n " + arg + " run FILE"
	}
	return "--context " + strings.TrimPrefix(cmd, ":ctx ") + " run FILE"
}

func (s *session) save(path string) {
	if path == "" {
		s.errorf(":save: no file given (:save FILE)")
		return
	}
	if err := os.WriteFile(path, []byte(script(s.inputs)), 0o644); err != nil {
		s.errorf(":save: %v", err)
		return
	}
	s.notef("saved %d inputs to %s (klua run %s)", len(s.inputs), path, path)
}

// quoteLua quotes s as a Lua string literal.
func quoteLua(s string) string {
	return strconv.Quote(s)
}
