// Package log is the Lua module "log": structured log records on stderr,
// as text or JSON (--log-format), each carrying the script's file and
// line, for automation whose output is read by log collectors.
package log

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime/value"
	"github.com/klua/klua/stdlib/internal/args"
)

// Module writes the records of one script.
type Module struct {
	logger *slog.Logger
}

// Formats are the values --log-format accepts.
var Formats = []string{"text", "json"}

// New returns a module writing records at level and above to w in format
// ("text" or "json").
func New(w io.Writer, format string, level slog.Level) (*Module, error) {
	opts := &slog.HandlerOptions{Level: level}
	switch format {
	case "text", "":
		return &Module{logger: slog.New(slog.NewTextHandler(w, opts))}, nil
	case "json":
		return &Module{logger: slog.New(slog.NewJSONHandler(w, opts))}, nil
	}
	return nil, fmt.Errorf("log format %q: want text or json", format)
}

// ParseLevel reads --log-level: debug, info, warn or error.
func ParseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("log level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

// Loader is the module's loader for L.PreloadModule("log", m.Loader).
func (m *Module) Loader(L *lua.LState) int {
	mod := L.NewTable()
	for name, level := range map[string]slog.Level{
		"debug": slog.LevelDebug, "info": slog.LevelInfo,
		"warn": slog.LevelWarn, "error": slog.LevelError,
	} {
		mod.RawSetString(name, L.NewFunction(m.logAt(name, level)))
	}
	L.Push(mod)
	return 1
}

// log.info(msg [, fields]) and its siblings debug, warn and error.
func (m *Module) logAt(name string, level slog.Level) lua.LGFunction {
	return func(L *lua.LState) int {
		a := args.New(L, "log."+name)
		msg := L.ToStringMeta(L.Get(1)).String()
		if L.GetTop() < 1 {
			a.Expected(1, "message")
		}
		fields := a.OptTable(2)
		if !m.logger.Enabled(context.Background(), level) {
			return 0
		}
		attrs := whereAttrs(L.Where(1))
		attrs = append(attrs, fieldAttrs(a, fields)...)
		m.logger.LogAttrs(context.Background(), level, msg, attrs...)
		return 0
	}
}

// whereAttrs turns gopher-lua's "script.lua:12:" into script and line.
func whereAttrs(where string) []slog.Attr {
	where = strings.TrimSuffix(strings.TrimSpace(where), ":")
	i := strings.LastIndexByte(where, ':')
	if i < 0 {
		return nil
	}
	line, err := strconv.Atoi(where[i+1:])
	if err != nil {
		return nil
	}
	return []slog.Attr{slog.String("script", where[:i]), slog.Int("line", line)}
}

// fieldAttrs converts a fields table, keys sorted so records read the
// same every time.
func fieldAttrs(a args.Args, fields *lua.LTable) []slog.Attr {
	if fields == nil {
		return nil
	}
	var keys []string
	fields.ForEach(func(k, _ lua.LValue) { keys = append(keys, lua.LVAsString(k)) })
	sort.Strings(keys)
	attrs := make([]slog.Attr, 0, len(keys))
	for _, k := range keys {
		v, err := value.ToGo(a.L, fields.RawGetString(k))
		if err != nil {
			a.Bad(2, "field %q: %s", k, err)
		}
		attrs = append(attrs, slog.Any(k, v))
	}
	return attrs
}
