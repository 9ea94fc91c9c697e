package main

import (
	"context"
	goflag "flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/pflag"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
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
	config *kube.ConfigFlags
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

	// name is how the user called klua: "klua", or "kubectl lua" when run
	// as a kubectl plugin; help and messages use it.
	name string
	// code is the exit code of the command that ran.
	code int
}

func newFlagSet(o *options) *pflag.FlagSet {
	fs := pflag.NewFlagSet("klua", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// Arguments after the script belong to the script, flags included.
	fs.SetInterspersed(false)
	o.config = kube.NewConfigFlags(true)
	o.config.AddFlags(fs)
	addVerbosityFlag(fs)
	markGlobal(fs) // kubectl's own flags, listed by "klua options"
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

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// globalAnnotation marks kubectl's own flags (connection and verbosity):
// "klua options" lists them, as "kubectl options" does, and as a kubectl
// plugin klua takes them wherever they appear.
const globalAnnotation = "klua.dev/global"

func markGlobal(fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		_ = fs.SetAnnotation(f.Name, globalAnnotation, []string{"true"})
	})
}

func isGlobal(f *pflag.Flag) bool { return len(f.Annotations[globalAnnotation]) > 0 }
