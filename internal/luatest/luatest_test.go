package luatest

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

func newState(t *testing.T) *lua.LState { return lua.NewState() }

func TestRun(t *testing.T) {
	Run(t, newState, "testdata/self_test.lua")
}

// TestFailures runs the must-fail tests in a child process (a failing
// subtest cannot be expected in-process) and checks what it reported.
func TestFailures(t *testing.T) {
	if os.Getenv("LUATEST_CHILD") == "1" {
		t.Skip("run by TestFailures only")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.v")
	cmd.Env = append(os.Environ(), "LUATEST_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the failing tests passed:\n%s", out)
	}
	for _, want := range []string{
		"--- FAIL: TestChild/TestEqFails",
		"testdata/failing_test.lua:4: labels: at .a[2]: got 2, want 3",
		"failing_test.lua:8: first", "failing_test.lua:9: second",
		"--- FAIL: TestChild/TestFatalStops", "failing_test.lua:13: stop",
		"--- FAIL: TestChild/TestFatalSwallowed",
		"testdata/failing_test.lua:22: boom",
		"--- FAIL: TestChild/markdown/line_10", "example.md:11: x is 1",
		"--- PASS: TestChild/markdown/line_4",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(string(out), "not reached") {
		t.Error("t:fatal did not stop the test")
	}
	if t.Failed() {
		t.Logf("child output:\n%s", out)
	}
}

func TestChild(t *testing.T) {
	if os.Getenv("LUATEST_CHILD") != "1" {
		t.Skip("run by TestFailures only")
	}
	Run(t, newState, "testdata/failing_test.lua")
	t.Run("markdown", func(t *testing.T) { RunMarkdown(t, newState, "testdata/example.md") })
}

func TestLuaBlocks(t *testing.T) {
	blocks := LuaBlocks("x\n```lua\na()\nb()\n```\n```go\nno\n```\n  ```lua\nc()\n  ```\n")
	if len(blocks) != 2 || blocks[0].Line != 3 || blocks[0].Code != "a()\nb()\n" || blocks[1].Line != 10 || blocks[1].Code != "c()\n" {
		t.Errorf("got %+v", blocks)
	}
}
