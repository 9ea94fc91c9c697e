// Package repl is klua's interactive session (klua repl): a line editor
// with history and completion in front of the same Lua host, modules and
// connection as klua run. An expression prints its values (objects as
// YAML-like text, lists as tables), a statement runs, an incomplete chunk
// continues on the next line. Evaluation stays on the Lua goroutine: the
// line editor reads in a goroutine of its own while the Lua goroutine
// waits in Host.Block, running watch callbacks meanwhile.
package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/chzyer/readline"
	lua "github.com/yuin/gopher-lua"
	"k8s.io/klog/v2"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib"
)

// Options configure a session.
type Options struct {
	// Runtime are the host's options; Stdout and Stderr are replaced by
	// the line editor's, which keep the prompt below what callbacks print.
	Runtime runtime.Options
	// Modules configure the modules as for klua run; Log and Notice are
	// replaced. Modules.Client is the session's first client.
	Modules stdlib.Config
	// Connect makes the client for :ctx and :ns: a kubeconfig context
	// ("": the current one) and a namespace ("": the context's own).
	Connect func(context, namespace string) *kube.Client
	// Init is a script run before the first prompt; its globals stay.
	Init string
	// History is the history file; "" means HistoryPath().
	History string
	// Stdin, Stdout, Stderr default to the process's.
	Stdin          io.ReadCloser
	Stdout, Stderr io.Writer
}

// session is one REPL run. Only the Lua goroutine touches h.L; the line
// editor's goroutine reaches it through h.Run (completion).
type session struct {
	o              Options
	h              *runtime.Host
	mods           *stdlib.Modules
	rl             *readline.Instance
	kube           *kubeState
	stdout, stderr io.Writer

	closeOnce sync.Once
	reading   atomic.Bool                        // the line editor shows the prompt
	running   atomic.Pointer[context.CancelFunc] // the statement Ctrl-C cancels
	inputs    []input                            // for :save
	last      []lua.LValue                       // the last values printed, for :all
}

// Run runs a session until :quit, Ctrl-D or the end of ctx.
func Run(ctx context.Context, o Options) error {
	s, err := start(ctx, o)
	if err != nil {
		return err
	}
	defer s.close()
	stopSignals := s.handleSignals()
	defer stopSignals()
	if o.Init != "" {
		s.runInit(o.Init)
	}
	return s.loop()
}

func start(ctx context.Context, o Options) (*session, error) {
	s := &session{o: o}
	if o.History == "" {
		o.History = HistoryPath()
	}
	rl, err := newLineEditor(o, s)
	if err != nil {
		return nil, fmt.Errorf("starting the line editor: %w", err)
	}
	s.rl = rl
	s.stdout = output{&s.reading, defaultFile(os.Stdout, o.Stdout), rl.Stdout()}
	s.stderr = output{&s.reading, defaultFile(os.Stderr, o.Stderr), rl.Stderr()}
	o.Runtime.Stdout, o.Runtime.Stderr, o.Runtime.Terminal = s.stdout, s.stderr, true
	// client-go logs (-v requests, failed background discovery) go above
	// the prompt too, instead of through the line being typed.
	klog.LogToStderr(false)
	klog.SetOutput(s.stderr)
	s.h = runtime.New(ctx, o.Runtime)
	o.Modules.Log = s.stderr
	o.Modules.Notice = func(msg string) { s.h.Flush(); fmt.Fprintln(s.stderr, "klua:", msg) }
	if s.mods, err = stdlib.OpenModules(s.h, o.Modules); err != nil {
		s.close()
		return nil, err
	}
	s.kube = newKubeState(o.Modules.Client, o.Connect)
	go s.kube.warm() // discovery must not hold up the first prompt
	return s, nil
}

func (s *session) close() {
	s.closeOnce.Do(func() {
		s.h.Close()
		s.rl.Close()
	})
}

// errQuit ends the loop without an error (:quit).
var errQuit = errors.New("quit")

func (s *session) loop() error {
	for {
		src, err := s.readChunk()
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, errQuit):
			return nil
		case err != nil:
			if s.h.ShuttingDown() {
				return nil
			}
			return err
		}
		if src != "" {
			s.evalInput(src)
		}
	}
}

// readLine shows prompt and waits for a line. The line editor reads in a
// goroutine of its own; meanwhile the Lua goroutine runs queued callbacks
// (watches) and completion's requests.
func (s *session) readLine(prompt string) (string, error) {
	var line string
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.rl.SetPrompt(prompt)
		s.reading.Store(true)
		line, err = s.rl.Readline()
		s.reading.Store(false)
	}()
	if berr := s.h.Block(s.h.Context(), done, nil); berr != nil {
		s.rl.Close() // returns the pending Readline
		<-done
		return "", berr
	}
	return line, err
}

func (s *session) prompt() string {
	if ns := s.kube.namespaceName(); ns != "" {
		return "klua:" + ns + "> "
	}
	return "klua> "
}

const continuationPrompt = "   ...> "

// errorf prints a failure the session survives: one line on stderr.
func (s *session) errorf(format string, args ...any) {
	s.h.Flush()
	msg := fmt.Sprintf(format, args...)
	cr := ""
	if strings.HasPrefix(msg, "\r") {
		cr, msg = "\r", msg[1:]
	}
	fmt.Fprintf(s.stderr, "%serror: %s\n", cr, msg)
}

// notef prints what a command has to say.
func (s *session) notef(format string, args ...any) {
	s.h.Printf(format+"\n", args...)
	s.h.Flush()
}

func defaultFile(f *os.File, w io.Writer) io.Writer {
	if w != nil {
		return w
	}
	return f
}
