package main

import (
	goflag "flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"
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
	qps    float32
	burst  int
	debug  bool
	eval   string
	init   string
	help   bool

	timeout         time.Duration
	callbackTimeout time.Duration
	onError         string
	logFormat       string
	logLevel        string

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
	fs.Float32Var(&o.qps, "qps", kube.DefaultQPS, "most requests per second to the API server (negative: no limit)")
	fs.IntVar(&o.burst, "burst", kube.DefaultBurst, "most requests in a burst above --qps")
	fs.BoolVar(&o.debug, "debug", false, "show Go frames in tracebacks")
	fs.DurationVar(&o.timeout, "timeout", 0, "stop the whole run after this long (0: no limit)")
	fs.DurationVar(&o.callbackTimeout, "callback-timeout", 0, "stop a watch or schedule callback that runs longer than this (0: no limit)")
	fs.StringVar(&o.onError, "on-error", "report", "when a callback fails: report (and go on) or exit")
	fs.StringVar(&o.logFormat, "log-format", "text", "format of the log module's records: text or json")
	fs.StringVar(&o.logLevel, "log-level", "info", "least level the log module writes: debug, info, warn or error")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
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

// runCLI runs klua with the given arguments and returns the exit code.
func runCLI(argv []string) int {
	o := &options{stdout: os.Stdout, stderr: os.Stderr}
	fs := newFlagSet(o)
	if err := fs.Parse(argv); err != nil {
		return usageError(o, err)
	}
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
	return nil
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

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
}
