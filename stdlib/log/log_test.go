package log

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/internal/luatest"
)

func TestDocs(t *testing.T) {
	luatest.RunMarkdown(t, func(t *testing.T) *lua.LState {
		m, err := New(&bytes.Buffer{}, "text", slog.LevelInfo)
		if err != nil {
			t.Fatal(err)
		}
		L := lua.NewState()
		L.PreloadModule("log", m.Loader)
		if err := L.DoString(`log = require("log")`); err != nil {
			t.Fatal(err)
		}
		return L
	}, "../../docs/log.md")
}

// run runs code with a log module writing to a buffer, and returns what
// it wrote.
func run(t *testing.T, format string, level slog.Level, code string) string {
	t.Helper()
	var out bytes.Buffer
	m, err := New(&out, format, level)
	if err != nil {
		t.Fatal(err)
	}
	L := lua.NewState()
	defer L.Close()
	L.PreloadModule("log", m.Loader)
	if err := L.DoString("local log = require('log')\n" + code); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestTextRecordsCarryScriptAndLine(t *testing.T) {
	out := run(t, "text", slog.LevelInfo, `log.info("hello", {b = 2, a = "x"})`)
	for _, want := range []string{"level=INFO", "msg=hello", "script=<string>", "line=2", "a=x b=2"} {
		if !strings.Contains(out, want) {
			t.Errorf("record lacks %q: %s", want, out)
		}
	}
}

func TestJSONRecords(t *testing.T) {
	out := run(t, "json", slog.LevelDebug, `log.debug("d", {list = {1, 2}, obj = {k = "v"}})`)
	var rec map[string]any
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if rec["level"] != "DEBUG" || rec["msg"] != "d" || rec["line"] != float64(2) {
		t.Errorf("record: %v", rec)
	}
	if list, ok := rec["list"].([]any); !ok || len(list) != 2 {
		t.Errorf("list field: %v", rec["list"])
	}
	if obj, ok := rec["obj"].(map[string]any); !ok || obj["k"] != "v" {
		t.Errorf("obj field: %v", rec["obj"])
	}
}

func TestLevelFilters(t *testing.T) {
	out := run(t, "text", slog.LevelWarn, `log.info("hidden"); log.warn("shown"); log.error("also")`)
	if strings.Contains(out, "hidden") || !strings.Contains(out, "shown") || !strings.Contains(out, "level=ERROR") {
		t.Errorf("got %s", out)
	}
}

func TestBadInput(t *testing.T) {
	if _, err := New(&bytes.Buffer{}, "xml", slog.LevelInfo); err == nil {
		t.Error("format xml accepted")
	}
	if _, err := ParseLevel("loud"); err == nil {
		t.Error("level loud accepted")
	}
}
