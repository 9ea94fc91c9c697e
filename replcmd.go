package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/repl"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib"
	logmod "github.com/klua/klua/stdlib/log"
)

// replCommand is "klua repl [flags]": flags may also come after "repl".
func replCommand(o *options, fs *pflag.FlagSet, argv []string) int {
	if err := fs.Parse(argv); err != nil {
		return usageError(o, err)
	}
	if err := o.validate(); err != nil {
		return usageError(o, err)
	}
	if rest := fs.Args(); len(rest) > 0 {
		return usageError(o, fmt.Errorf("repl: unexpected argument %q (a script to run first goes with -i)", rest[0]))
	}
	return runREPL(o)
}

// stdinIsTerminal decides whether plain "klua" starts the REPL.
func stdinIsTerminal() bool {
	return term.IsTerminal(int(os.Stdin.Fd()))
}

func runREPL(o *options) int {
	ctx, cancel := runContext(o)
	defer cancel()
	level, _ := logmod.ParseLevel(o.logLevel) // checked by validate
	warnInsecure(o)
	client := newClient(o, o.config)
	if err := checkAllowedContext(o, client); err != nil {
		return reportError(o, err)
	}
	err := repl.Run(ctx, repl.Options{
		Runtime: runtime.Options{Debug: o.debug, ExitOnError: o.onError == "exit",
			CallbackTimeout: o.callbackTimeout, Sandbox: o.sandboxOptions()},
		Modules: stdlib.Config{
			Client:    client,
			Connect:   func(context, kubeconfig string) (*kube.Client, error) { return connect(o, context, kubeconfig) },
			LogFormat: o.logFormat,
			LogLevel:  level,
		},
		Connect: func(context, namespace string) *kube.Client { return switchClient(o, context, namespace) },
		Init:    o.init,
		Stdout:  o.stdout,
		Stderr:  o.stderr,
	})
	return reportError(o, err)
}

// switchClient makes the client for the REPL's :ctx and :ns: the command
// line's flags with another context ("": the flags' own) and namespace
// ("": the context's own).
func switchClient(o *options, context, namespace string) *kube.Client {
	flags := copyConfigFlags(o.config)
	if context != "" {
		flags.Context = &context
	}
	flags.Namespace = &namespace
	return newClient(o, flags)
}
