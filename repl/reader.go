package repl

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/chzyer/readline"
)

// The line editor is chzyer/readline: its Stdout/Stderr writers print
// above the prompt and redraw the line being typed (watch callbacks print
// while the prompt waits), Ctrl-R searches the history, the completer gets
// the line and the cursor, and it asks the terminal nothing (no cursor
// position query), so the first prompt shows at once in any terminal.

func newLineEditor(o Options, s *session) (*readline.Instance, error) {
	history := o.History
	if history == "" {
		history = HistoryPath()
	}
	if history != "" {
		if err := os.MkdirAll(filepath.Dir(history), 0o700); err != nil {
			history = "" // no history beats no REPL
		}
	}
	cfg := &readline.Config{
		HistoryFile:            history,
		HistoryLimit:           10000,
		DisableAutoSaveHistory: true,
		HistorySearchFold:      true,
		AutoComplete:           completer{s},
		FuncGetWidth:           screenWidth,
		Stdout:                 defaultFile(os.Stdout, o.Stdout),
		Stderr:                 defaultFile(os.Stderr, o.Stderr),
	}
	if o.Stdin != nil {
		cfg.Stdin = o.Stdin
	}
	return readline.NewEx(cfg)
}

// screenWidth falls back to 80 columns when the terminal reports none (a
// pseudo-terminal nobody sized): readline completes nothing at width 0.
func screenWidth() int {
	if w := readline.GetScreenWidth(); w > 0 {
		return w
	}
	return 80
}

// readChunk reads lines until they make a complete chunk, and returns it.
// Commands (:help, ...) run here and return "". Ctrl-C drops the lines
// typed so far; Ctrl-D ends the session.
func (s *session) readChunk() (string, error) {
	var lines []string
	for {
		prompt := s.prompt()
		if len(lines) > 0 {
			prompt = continuationPrompt
		}
		line, err := s.readLine(prompt)
		if errors.Is(err, readline.ErrInterrupt) {
			lines = nil
			continue
		}
		if err != nil {
			return "", err
		}
		if len(lines) == 0 && strings.HasPrefix(strings.TrimSpace(line), ":") {
			s.saveHistory([]string{line})
			return "", s.command(strings.TrimSpace(line))
		}
		lines = append(lines, line)
		src := strings.Join(lines, "\n")
		if strings.TrimSpace(src) == "" {
			return "", nil
		}
		if _, err := compileInput(src); !errors.Is(err, errIncomplete) {
			s.saveHistory(lines)
			return src, nil
		}
	}
}

// saveHistory keeps a chunk as one history entry, on one line, when
// joining its lines keeps its meaning (no comments or long strings that
// newlines end); otherwise line by line.
func (s *session) saveHistory(lines []string) {
	joined := strings.Join(trimAll(lines), " ")
	src := strings.Join(lines, "\n")
	if len(lines) > 1 && !strings.Contains(src, "--") && !strings.Contains(src, "[[") &&
		!strings.Contains(src, "[=") && !strings.Contains(src, "\\\n") {
		lines = []string{joined}
	}
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			s.rl.SaveHistory(l)
		}
	}
}

func trimAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimSpace(l)
	}
	return out
}

// HistoryPath is where the REPL keeps its history: $KLUA_HISTORY, else
// klua/history in the XDG state directory ($XDG_STATE_HOME, by default
// ~/.local/state), never the current directory.
func HistoryPath() string {
	if p := os.Getenv("KLUA_HISTORY"); p != "" {
		return p
	}
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "klua", "history")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "state", "klua", "history")
}
