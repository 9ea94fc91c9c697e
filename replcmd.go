package main

import (
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/repl"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib"
	logmod "github.com/klua/klua/stdlib/log"
)

// replCmd is "klua repl [flags]", which plain "klua" also starts on a
// terminal.
func (o *options) replCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "repl [flags]",
		Short: "Explore the cluster interactively",
		Long: `Explore the cluster interactively: a Lua prompt with the modules loaded,
 completion of functions, resources and names, history, and results
 printed readably (lists of objects as tables). Plain "klua" on a
 terminal starts it too. -i runs a script first, keeping its globals.`,
		Example: examples(`
			# Start a session in another namespace
			klua -n kube-system repl

			# Load helpers first
			klua repl -i helpers.lua`),
		Annotations:       map[string]string{runFlagsAnnotation: "true"},
		ValidArgsFunction: cobra.NoFileCompletions,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("repl: unexpected argument %q (a script to run first goes with -i)", args[0])
			}
			return nil
		},
		Run: func(*cobra.Command, []string) { o.code = runREPL(o) },
	}
	return cmd
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
	flags := o.config.Copy()
	if context != "" {
		flags.Context = &context
	}
	flags.Namespace = &namespace
	return newClient(o, flags)
}
