package repl

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/klua/klua/tests/kluabin"
)

// terminal is klua running on a pseudo-terminal.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	done chan struct{}

	mu   sync.Mutex
	out  bytes.Buffer
	mark int // expect looks at the output from here on
}

// waitLimit bounds every wait for the screen; generous, because the
// machine may be busy: a test that passes never waits for it.
const waitLimit = 30 * time.Second

// startREPL runs klua with args on a new terminal. The history goes to
// stateDir (XDG_STATE_HOME).
func startREPL(t *testing.T, stateDir string, args ...string) *terminal {
	t.Helper()
	cmd := kluabin.Command(t, args...)
	cmd.Env = append(cmd.Env, "XDG_STATE_HOME="+stateDir, "KLUA_HISTORY=", "TERM=xterm")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 250})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, done: make(chan struct{})}
	go term.read()
	t.Cleanup(term.kill)
	return term
}

func (term *terminal) read() {
	defer close(term.done)
	buf := make([]byte, 4096)
	for {
		n, err := term.pty.Read(buf)
		term.mu.Lock()
		term.out.Write(buf[:n])
		term.mu.Unlock()
		if err != nil {
			return
		}
	}
}

func (term *terminal) kill() {
	term.cmd.Process.Kill()
	term.cmd.Wait()
	term.pty.Close()
}

// send types keys.
func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := io.WriteString(term.pty, keys); err != nil {
		term.t.Fatalf("typing %q: %v", keys, err)
	}
}

// escapes are the terminal's control sequences, which the text checks
// look through.
var escapes = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]|[\r\x08\x07]`)

// screen is the output since the mark, without control sequences.
func (term *terminal) screen() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return escapes.ReplaceAllString(term.out.String()[term.mark:], "")
}

// expect waits until the output since the mark contains want, and moves
// the mark past it.
func (term *terminal) expect(want string) string {
	term.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		term.mu.Lock()
		raw := term.out.String()[term.mark:]
		clean := escapes.ReplaceAllString(raw, "")
		if i := strings.Index(clean, want); i >= 0 {
			term.mark += rawOffset(raw, i+len(want))
			term.mu.Unlock()
			return clean[:i+len(want)]
		}
		term.mu.Unlock()
		select {
		case <-term.done:
			term.t.Fatalf("klua ended before showing %q; it showed:\n%s", want, term.screen())
		case <-time.After(20 * time.Millisecond):
		}
	}
	term.t.Fatalf("no %q within %s; the screen showed:\n%s", want, waitLimit, term.screen())
	return ""
}

// rawOffset maps an offset in the cleaned text back to the raw output.
func rawOffset(raw string, clean int) int {
	locs := escapes.FindAllStringIndex(raw, -1)
	off := clean
	for _, l := range locs {
		if l[0] >= off {
			break
		}
		off += l[1] - l[0]
	}
	return off
}

// prompt waits for the next primary prompt.
func (term *terminal) prompt() {
	term.t.Helper()
	term.expect("> ")
}

// run types a line and waits for the next prompt, returning what was
// printed in between.
func (term *terminal) run(line string) string {
	term.t.Helper()
	term.send(line + "\r")
	term.expect(line + "\n") // the accepted line, drawn once more
	out := term.expect(promptText)
	return out[:strings.LastIndex(out, "\n")+1] // without the prompt
}

// more types a line of unfinished input and waits for the continuation
// prompt.
func (term *terminal) more(line string) {
	term.t.Helper()
	term.send(line + "\r")
	term.expect(line + "\n")
	term.expect("...> ")
}

// promptText ends every primary prompt: "klua:NAMESPACE> ".
const promptText = "> "

// quit leaves with :quit and checks klua exits 0.
func (term *terminal) quit() {
	term.t.Helper()
	term.send(":quit\r")
	select {
	case <-term.done:
	case <-time.After(waitLimit):
		term.t.Fatalf(":quit did not end klua; the screen showed:\n%s", term.screen())
	}
	err := term.cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		term.t.Fatalf("klua exited %d after :quit; the screen showed:\n%s", ee.ExitCode(), term.screen())
	}
}

// interrupt sends Ctrl-C as the terminal does: the key while the line
// editor reads (raw mode), SIGINT to the process group otherwise.
func (term *terminal) interrupt() {
	term.send("\x03")
}
