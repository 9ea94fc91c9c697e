package main

import (
	"context"
	goflag "flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/klog/v2"

	"github.com/klua/klua/kube"
	logmod "github.com/klua/klua/stdlib/log"
)

// Exit codes.
const (
	exitOK        = 0
	exitError     = 1 // the script raised an error
	exitUsage     = 2 // bad command line
	exitInterrupt = 130
)

// options are klua's command-line settings.
type options struct {
	config *genericclioptions.ConfigFlags
	dryRun bool
	// Guard rails and the sandbox (guard.go).
	readOnly      bool
	allowContexts []string
	sandbox       bool
	sandboxEnv    []string

	qps   float32
	burst int
	debug bool
	eval  string
	init  string
	help  bool

	timeout         time.Duration
	callbackTimeout time.Duration
	onError         string
	logFormat       string
	logLevel        string
	daemon          daemonOptions

	// observer receives the kube client's requests, watches and
	// reconciles for /metrics (nil without --metrics-addr).
	observer kube.Observer

	stdout, stderr io.Writer
}

func newFlagSet(o *options) *pflag.FlagSet {
	fs := pflag.NewFlagSet("klua", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// Arguments after the script belong to the script, flags included.
	fs.SetInterspersed(false)
	o.config = genericclioptions.NewConfigFlags(true)
	o.config.AddFlags(fs)
	fs.StringVarP(&o.eval, "eval", "e", "", "run this Lua code instead of a script file")
	fs.StringVarP(&o.init, "init", "i", "", "klua repl: run this script before the first prompt, keeping its globals")
	fs.BoolVar(&o.dryRun, "dry-run", false, "send every write with dryRun=All: the server checks it and changes nothing")
	fs.BoolVar(&o.readOnly, "read-only", false, "refuse every write (create, update, patch, apply, delete, and kube.request other than GET) before it is sent")
	fs.StringArrayVar(&o.allowContexts, "allow-context", nil, "run only against a kubeconfig context matching this glob (repeatable): --allow-context staging --allow-context 'dev-*'")
	fs.BoolVar(&o.sandbox, "sandbox", false, "run the script without access to the machine: no io, no os but time/clock/date/getenv, no dofile/loadfile, require only from the script's directory")
	fs.StringArrayVar(&o.sandboxEnv, "sandbox-env", nil, "an environment variable that os.getenv may read under --sandbox (repeatable)")
	fs.Float32Var(&o.qps, "qps", kube.DefaultQPS, "most requests per second to the API server (negative: no limit)")
	fs.IntVar(&o.burst, "burst", kube.DefaultBurst, "most requests in a burst above --qps")
	fs.BoolVar(&o.debug, "debug", false, "show Go frames in tracebacks")
	fs.DurationVar(&o.timeout, "timeout", 0, "stop the whole run after this long (0: no limit)")
	fs.DurationVar(&o.callbackTimeout, "callback-timeout", 0, "stop a watch or schedule callback that runs longer than this (0: no limit)")
	fs.StringVar(&o.onError, "on-error", "report", "when a callback fails: report (and go on) or exit")
	fs.StringVar(&o.logFormat, "log-format", "text", "format of the log module's records: text or json")
	fs.StringVar(&o.logLevel, "log-level", "info", "least level the log module writes: debug, info, warn or error")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	addDaemonFlags(fs, &o.daemon)
	addVerbosityFlag(fs)
	return fs
}

// addVerbosityFlag adds kubectl's -v/--v, which client-go's request
// logging reads through klog (6: method, URL, status, latency; 8: headers
// with Authorization redacted, and bodies).
func addVerbosityFlag(fs *pflag.FlagSet) {
	gfs := goflag.NewFlagSet("klog", goflag.ContinueOnError)
	klog.InitFlags(gfs)
	v := pflag.PFlagFromGoFlag(gfs.Lookup("v"))
	v.Shorthand = "v"
	v.Usage = "log verbosity: 6 logs every request, 8 adds headers and bodies"
	fs.AddFlag(v)
}

// quietUnhandledErrors keeps client-go's "UnhandledError" log lines (such
// as discovery's "couldn't get current server API group list" when the
// server is down) for -v 2 and up: they repeat an error that klua reports
// itself, once and clearly, and unattended logs should not fill with them.
func quietUnhandledErrors() {
	utilruntime.ErrorHandlers[0] = func(ctx context.Context, err error, msg string, kv ...any) {
		if klog.V(2).Enabled() {
			klog.FromContext(ctx).Error(err, msg, kv...)
		}
	}
}

// runCLI runs klua with the given arguments and returns the exit code.
func runCLI(argv []string) int {
	o := &options{stdout: os.Stdout, stderr: os.Stderr}
	fs := newFlagSet(o)
	if err := fs.Parse(argv); err != nil {
		return usageError(o, err)
	}
	quietUnhandledErrors()
	rest := fs.Args()
	if err := o.validate(); err != nil {
		return usageError(o, err)
	}
	if o.help {
		printUsage(o.stdout, fs)
		return exitOK
	}
	if o.eval != "" {
		return runSnippet(o, o.eval, rest)
	}
	if len(rest) == 0 {
		if stdinIsTerminal() {
			return runREPL(o)
		}
		printUsage(o.stderr, fs)
		return exitUsage
	}
	switch rest[0] {
	case "run":
		return runCommand(o, fs, rest[1:])
	case "repl":
		return replCommand(o, fs, rest[1:])
	case "check":
		return checkCommand(o, rest[1:])
	case "version":
		return versionCommand(o)
	case "help":
		printUsage(o.stdout, fs)
		return exitOK
	}
	if strings.HasSuffix(rest[0], ".lua") || fileExists(rest[0]) {
		return runScript(o, rest[0], rest[1:])
	}
	return usageError(o, fmt.Errorf("unknown command %q (want run, repl, check, version, or a script file)", rest[0]))
}

// runCommand is "klua run [flags] SCRIPT [ARGS...]": flags may also come
// after "run".
func runCommand(o *options, fs *pflag.FlagSet, argv []string) int {
	if err := fs.Parse(argv); err != nil {
		return usageError(o, err)
	}
	rest := fs.Args()
	if err := o.validate(); err != nil {
		return usageError(o, err)
	}
	if o.eval != "" {
		return runSnippet(o, o.eval, rest)
	}
	if len(rest) == 0 {
		return usageError(o, fmt.Errorf("run: no script given (klua run SCRIPT.lua [ARGS...])"))
	}
	return runScript(o, rest[0], rest[1:])
}

// validate checks flag values that pflag's types cannot.
func (o *options) validate() error {
	if o.onError != "report" && o.onError != "exit" {
		return fmt.Errorf("--on-error: %q is not allowed (want report or exit)", o.onError)
	}
	if o.logFormat != "text" && o.logFormat != "json" {
		return fmt.Errorf("--log-format: %q is not allowed (want text or json)", o.logFormat)
	}
	if _, err := logmod.ParseLevel(o.logLevel); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	if err := kube.CheckContextPatterns(o.allowContexts); err != nil {
		return fmt.Errorf("--allow-context: %w", err)
	}
	if len(o.sandboxEnv) > 0 && !o.sandbox {
		return fmt.Errorf("--sandbox-env needs --sandbox")
	}
	return o.daemon.validate()
}

func usageError(o *options, err error) int {
	fmt.Fprintf(o.stderr, "klua: %s\nRun 'klua --help' for usage.\n", err)
	return exitUsage
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

func printUsage(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprint(w, `klua runs Lua scripts against the Kubernetes API.

Usage:
  klua run SCRIPT.lua [ARGS...]   run a script; ARGS reach it as arg[1..n]
  klua SCRIPT.lua [ARGS...]       the same
  klua -e 'CODE' [ARGS...]        run a snippet
  klua repl [-i SCRIPT.lua]       explore interactively: completion, history, pretty
                                  output (also plain "klua" in a terminal)
  klua check SCRIPT.lua...        compile only, report syntax errors
  klua version                    klua's version, and the server's when reachable

Examples:
  klua -e 'for _, n in ipairs(kube.list("nodes").items) do print(n.metadata.name) end'
  klua --context staging run scale.lua web 3
  klua --dry-run run cleanup.lua
  klua --read-only --allow-context 'staging-*' --sandbox run report.lua
  klua --leader-elect --health-addr :8081 --metrics-addr :8080 run cleanup-jobs.lua

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
}
