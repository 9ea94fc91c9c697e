// Package stdlib opens klua's Lua modules in a host: kube, json, yaml,
// log, time, schedule, progress.
package stdlib

import (
	"io"
	"log/slog"
	"os"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
	jsonmod "github.com/klua/klua/stdlib/json"
	kubemod "github.com/klua/klua/stdlib/kube"
	logmod "github.com/klua/klua/stdlib/log"
	progressmod "github.com/klua/klua/stdlib/progress"
	schedmod "github.com/klua/klua/stdlib/schedule"
	timemod "github.com/klua/klua/stdlib/time"
	yamlmod "github.com/klua/klua/stdlib/yaml"
)

// Config is what the modules need from the command line.
type Config struct {
	Client  *kube.Client
	Connect func(context, kubeconfig string) (*kube.Client, error)
	Notice  func(msg string)
	// Log is where the log module writes (stderr when nil), in LogFormat
	// ("text" or "json") from LogLevel on.
	Log       io.Writer
	LogFormat string
	LogLevel  slog.Level
	// Progress is where the progress module draws its bars (stderr), and
	// Terminal whether it is a terminal: bars are drawn only then.
	Progress io.Writer
	Terminal bool
	// Metrics, when set, is told about schedule runs (and so feeds
	// /metrics).
	Metrics schedmod.Observer
}

// Modules are the opened modules that a host may have to reach again:
// the REPL rebinds kube to another client on :ns and :ctx.
type Modules struct {
	Kube *kubemod.Module
}

// Open preloads every module and makes each a global too, so that scripts
// and the REPL can use kube.get without a require.
func Open(h *runtime.Host, cfg Config) error {
	_, err := OpenModules(h, cfg)
	return err
}

// OpenModules is Open, returning the modules it opened.
func OpenModules(h *runtime.Host, cfg Config) (*Modules, error) {
	km := kubemod.New(cfg.Client)
	km.Connect = cfg.Connect
	if cfg.Notice != nil {
		km.Notice = cfg.Notice
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	// Bars are written as they are: when the script's output shares
	// their terminal, it is flushed at every write anyway, and clears the
	// bar first (OnTerminalOutput); flushing it before a bar would put the
	// output before that clearing.
	pm := progressmod.New(cfg.Progress, cfg.Terminal)
	if cfg.Terminal {
		// A bar shares its terminal line with print and log: they clear
		// it first, and it is drawn again below them.
		h.OnTerminalOutput(pm.Clear)
	}
	// Before each log record: the script's buffered output goes out, so
	// that records and output keep their order on a terminal, and a
	// progress bar leaves the line.
	logOut := beforeEach{w: cfg.Log, fn: func() { h.Flush(); pm.Clear() }}
	lm, err := logmod.New(logOut, cfg.LogFormat, cfg.LogLevel)
	if err != nil {
		return nil, err
	}
	h.Preload("json", jsonmod.Loader, true)
	h.Preload("yaml", yamlmod.Loader, true)
	h.Preload("log", lm.Loader, true)
	h.Preload("time", timemod.Loader, true)
	h.Preload("schedule", schedmod.New(cfg.Metrics).Loader, true)
	h.Preload("progress", pm.Loader, true)
	h.Preload("kube", km.Loader, true)
	return &Modules{Kube: km}, nil
}

// beforeEach runs fn before each write to w.
type beforeEach struct {
	w  io.Writer
	fn func()
}

func (b beforeEach) Write(p []byte) (int, error) {
	b.fn()
	return b.w.Write(p)
}
