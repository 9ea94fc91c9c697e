package main

import (
	goflag "flag"
	"fmt"
	"io"
	"os"
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
	help   bool

	timeout         time.Duration
	callbackTimeout time.Duration
	onError         string
	logFormat       string
	logLevel        string

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
	o.config = genericclioptions.NewConfigFlags(true)
	o.config.AddFlags(fs)
	addVerbosityFlag(fs)
	markGlobal(fs) // kubectl's own flags, listed by "klua options"
	fs.StringVarP(&o.eval, "eval", "e", "", "run this Lua code instead of a script file")
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
