package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib"
	logmod "github.com/klua/klua/stdlib/log"
)

// shutdownGrace bounds how long a running callback may take to finish
// after SIGTERM or the first SIGINT.
const shutdownGrace = 10 * time.Second

// runScript runs a script file and returns the exit code.
func runScript(o *options, path string, args []string) int {
	return run(o, path, func(h *runtime.Host) error { return h.RunFile(path, args) })
}

// runSnippet runs -e CODE.
func runSnippet(o *options, code string, args []string) int {
	return run(o, "", func(h *runtime.Host) error { return h.RunString(code, "(command line)", args) })
}

// run runs the main chunk, then the event loop while watches, reconcilers
// or schedules are live; with --leader-elect, only while this process
// holds the Lease.
func run(o *options, script string, mainChunk func(*runtime.Host) error) int {
	ctx, cancel := runContext(o)
	defer cancel()
	d := newDaemon(o.daemon)
	o.observer = d.observer()
	h := runtime.New(ctx, runtime.Options{Stdout: o.stdout, Stderr: o.stderr, Debug: o.debug,
		ExitOnError: o.onError == "exit", CallbackTimeout: o.callbackTimeout,
		Sandbox: o.sandboxOptions(), ObserveCallback: d.observeCallback()})
	sig := handleSignals(h, o)
	defer sig.stop()
	warnInsecure(o)
	client := newClient(o, o.config)
	err := checkAllowedContext(o, client)
	if err == nil {
		err = openModules(o, h, client, d)
	}
	if err == nil {
		var stopServing func()
		if stopServing, err = d.serve(h); err == nil {
			defer stopServing()
			err = d.runScript(h, client, script, mainChunk)
		}
	}
	h.Close()
	if o.debug {
		reportLeftovers(o.stderr)
	}
	if s := sig.received(); s != nil {
		return exitForSignal(s)
	}
	return reportError(o, err)
}

func runContext(o *options) (context.Context, context.CancelFunc) {
	if o.timeout > 0 {
		return context.WithTimeout(context.Background(), o.timeout)
	}
	return context.WithCancel(context.Background())
}

func openModules(o *options, h *runtime.Host, client *kube.Client, d *daemon) error {
	level, _ := logmod.ParseLevel(o.logLevel) // checked by validate
	cfg := stdlib.Config{
		Client:    client,
		Connect:   func(context, kubeconfig string) (*kube.Client, error) { return connect(o, context, kubeconfig) },
		Notice:    func(msg string) { h.Flush(); fmt.Fprintln(o.stderr, "klua:", msg) },
		Log:       o.stderr,
		LogFormat: o.logFormat,
		LogLevel:  level,
		Progress:  o.stderr,
		Terminal:  isTerminal(o.stderr),
	}
	if d.metrics != nil {
		cfg.Metrics = d.metrics
	}
	return stdlib.Open(h, cfg)
}

// signals turns SIGTERM and the first SIGINT into a graceful shutdown; a
// second SIGINT exits at once.
type signals struct {
	ch  chan os.Signal
	got atomic.Value // os.Signal
}

func handleSignals(h *runtime.Host, o *options) *signals {
	s := &signals{ch: make(chan os.Signal, 2)}
	signal.Notify(s.ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		for sig := range s.ch {
			if s.got.Load() != nil {
				if sig == os.Interrupt {
					h.Flush()
					fmt.Fprintln(o.stderr, "klua: interrupted twice, exiting now")
					os.Exit(exitInterrupt)
				}
				continue
			}
			s.got.Store(sig)
			h.Shutdown(shutdownGrace)
		}
	}()
	return s
}

func (s *signals) stop() {
	signal.Stop(s.ch)
	close(s.ch)
}

func (s *signals) received() os.Signal {
	v, _ := s.got.Load().(os.Signal)
	return v
}

func exitForSignal(s os.Signal) int {
	if s == syscall.SIGTERM {
		return exitOK
	}
	return exitInterrupt
}

// newClient makes a client with the command line's settings.
func newClient(o *options, flags *kube.ConfigFlags) *kube.Client {
	return kube.New(kube.Config{Flags: flags, QPS: o.qps, Burst: o.burst, DryRun: o.dryRun,
		ReadOnly: o.readOnly, AllowContexts: o.allowContexts, UserAgent: "klua/" + version, Observer: o.observer})
}

// connect makes a client for kube.connect: the command line's flags, with
// another context or kubeconfig, under the same guard rails. In the
// sandbox a script may not name a kubeconfig: that would read a file of
// its choosing.
func connect(o *options, context, kubeconfig string) (*kube.Client, error) {
	flags := o.config.Copy()
	if context != "" {
		flags.Context = &context
	}
	if kubeconfig != "" {
		if o.sandbox {
			return nil, fmt.Errorf("kubeconfig %q: reading another kubeconfig is not allowed under --sandbox", kubeconfig)
		}
		flags.KubeConfig = &kubeconfig
	}
	return newClient(o, flags), nil
}

// reportError prints a script's failure and returns the exit code.
func reportError(o *options, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, runtime.ErrInterrupted) {
		fmt.Fprintln(o.stderr, "klua: interrupted")
		return exitInterrupt
	}
	var se *runtime.ScriptError
	if errors.As(err, &se) {
		fmt.Fprintln(o.stderr, se.Message)
		if se.Traceback != "" {
			fmt.Fprintln(o.stderr, se.Traceback)
		}
		return exitError
	}
	fmt.Fprintln(o.stderr, "klua:", err)
	return exitError
}

// isTerminal reports whether w is a terminal that can redraw a line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) && os.Getenv("TERM") != "dumb"
}
