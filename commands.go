package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// usageError is a bad command line: exit code 2, and a hint to --help.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func usagef(format string, v ...any) error { return usageError{fmt.Errorf(format, v...)} }

// runCLI runs klua with the given arguments and returns the exit code.
// argv0 tells how klua was called: as kubectl-lua it is a kubectl plugin.
func runCLI(argv0 string, argv []string) int {
	o := &options{stdout: os.Stdout, stderr: os.Stderr, name: invokedAs(argv0)}
	root := newRootCommand(o)
	argv, err := pluginArgs(argv0, argv, root.PersistentFlags())
	if err != nil {
		return o.usageError(err)
	}
	root.SetArgs(argv)
	if err := root.Execute(); err != nil {
		return o.usageError(err)
	}
	return o.code
}

func (o *options) usageError(err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		err = ue.err
	}
	fmt.Fprintf(o.stderr, "%s: %s\nRun '%s --help' for usage.\n", o.name, err, o.name)
	return exitUsage
}

// newRootCommand builds the command tree. Every flag is the root's,
// inherited by the commands, so that "klua --context x run s.lua" and
// "klua run --context x s.lua" mean the same.
func newRootCommand(o *options) *cobra.Command {
	root := &cobra.Command{
		Use:   "klua [flags] SCRIPT.lua [ARGS...]",
		Short: "Run Lua scripts against the Kubernetes API",
		Long:  rootLong,
		Example: examples(`
			# List the nodes' names
			klua -e 'for _, n in ipairs(kube.list("nodes").items) do print(n.metadata.name) end'

			# Run a script in another context and namespace; ARGS reach it as arg[1..n]
			klua --context staging -n web run scale.lua web 3

			# Send every write with dryRun=All: the server checks it, nothing changes
			klua --dry-run run cleanup.lua

			# Refuse every write, run only in staging contexts, without access to the machine
			klua --read-only --allow-context 'staging-*' --sandbox run report.lua

			# Run as a service: one leader among replicas, health and metrics endpoints
			klua --leader-elect --health-addr :8081 --metrics-addr :8080 run cleanup-jobs.lua

			# Explore interactively (also plain "klua" on a terminal)
			klua repl`),
		Args:                       cobra.ArbitraryArgs,
		ValidArgsFunction:          o.completeRoot,
		SilenceErrors:              true,
		SilenceUsage:               true,
		SuggestionsMinimumDistance: 2,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			quietUnhandledErrors()
			return o.validateUsage()
		},
		RunE: o.runRoot,
	}
	root.PersistentFlags().AddFlagSet(newFlagSet(o))
	// Arguments after the script belong to the script, flags included.
	root.Flags().SetInterspersed(false)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(o.runCmd(), o.replCmd(), o.checkCmd(), o.typesCmd(), o.completionCmd(), o.versionCmd(), o.optionsCmd())
	o.setHelp(root)
	o.registerFlagCompletions(root)
	return root
}

func (o *options) validateUsage() error {
	if err := o.validate(); err != nil {
		return usageError{err}
	}
	return nil
}

// runRoot is "klua SCRIPT.lua [ARGS...]" and "klua -e CODE [ARGS...]".
func (o *options) runRoot(cmd *cobra.Command, args []string) error {
	switch {
	case o.eval != "":
		o.code = runSnippet(o, o.eval, args)
	case len(args) == 0 && stdinIsTerminal():
		o.code = runREPL(o)
	case len(args) == 0:
		cmd.SetOut(o.stderr)
		_ = cmd.Help()
		o.code = exitUsage
	case strings.HasSuffix(args[0], ".lua") || fileExists(args[0]):
		o.code = runScript(o, args[0], args[1:])
	default:
		msg := fmt.Sprintf("unknown command %q (want run, repl, check, types, completion, version, or a script file)", args[0])
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			msg += "; did you mean " + strings.Join(s, " or ") + "?"
		}
		return usageError{errors.New(msg)}
	}
	return nil
}

func (o *options) runCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run [flags] SCRIPT.lua [ARGS...]",
		Short: "Run a Lua script",
		Long: `Run a Lua script against the cluster of the current context.

 The script gets the modules kube, json, yaml, log, time and progress as
 globals (require works too). ARGS reach it as arg[1..n] and as "...";
 flags after the script are the script's own. After the script's main chunk
 returns, klua keeps running while watches, reconcilers or schedules are
 live, and exits when the last one stops or on SIGTERM or Ctrl-C.

 Exit codes: 0 success, 1 the script failed (the message names its file
 and line), 2 bad usage, 130 interrupted.`,
		Example: examples(`
			# Run a script in the current context and namespace
			klua run cleanup-completed-jobs.lua

			# Pass arguments to the script
			klua run scripts/rollout-restart.lua web

			# See what a script would change: every write is a server-side dry run
			klua run --dry-run scripts/cleanup-evicted-pods.lua

			# Stop after five minutes, and make a failing watch callback fatal
			klua run --timeout 5m --on-error exit watcher.lua`),
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: o.completeScriptArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			switch {
			case o.eval != "":
				o.code = runSnippet(o, o.eval, args)
			case len(args) == 0:
				return usagef("run: no script given (%s run SCRIPT.lua [ARGS...])", o.name)
			default:
				o.code = runScript(o, args[0], args[1:])
			}
			return nil
		},
	}
	cmd.Flags().SetInterspersed(false)
	return cmd
}

func (o *options) checkCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check SCRIPT.lua...",
		Short: "Compile scripts without running them",
		Long: `Compile scripts without running them, and report syntax errors with
 their file, line and column. Nothing is sent to the cluster.`,
		Example: examples(`
			# Check every script of a directory
			klua check scripts/*.lua`),
		ValidArgsFunction: completeLuaFiles,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("check: no script given (%s check SCRIPT.lua...)", o.name)
			}
			o.code = checkCommand(o, args)
			return nil
		},
	}
}

func (o *options) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print klua's version, and the server's when reachable",
		Long: `Print klua's version, and the API server's when it answers within
 a few seconds.`,
		Example: examples(`
			# Print klua's version, and the server's of the current context
			klua version`),
		Args:              cobra.NoArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		Run:               func(*cobra.Command, []string) { o.code = versionCommand(o) },
	}
}
