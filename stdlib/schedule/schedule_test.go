package schedule_test

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"sync"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/internal/luatest"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib/schedule"
	timemod "github.com/klua/klua/stdlib/time"
)

// newHost makes a host with the schedule and time modules.
func newHost(t *testing.T, obs schedule.Observer, stderr io.Writer) *runtime.Host {
	h := runtime.New(context.Background(), runtime.Options{Stdout: io.Discard, Stderr: stderr})
	t.Cleanup(h.Stop)
	h.Preload("schedule", schedule.New(obs).Loader, true)
	h.Preload("time", timemod.Loader, true)
	return h
}

func newState(t *testing.T) *lua.LState { return newHost(t, nil, io.Discard).L }

func TestLua(t *testing.T) { luatest.Run(t, newState, "testdata/schedule_test.lua") }

func TestDocs(t *testing.T) { luatest.RunMarkdown(t, newState, "../../docs/schedule.md") }

// counter records what the module tells its Observer.
type counter struct {
	mu      sync.Mutex
	results map[string]int
	skips   int
}

func (c *counter) ObserveScheduleRun(name, result string, d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.results[name+" "+result]++
}

func (c *counter) ObserveScheduleSkip(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.skips++
}

// runScript runs code as the script name, then the event loop until no
// schedule is live, and returns the host, what it reported and what it
// observed.
func runScript(t *testing.T, name, code string) (*runtime.Host, string, *counter) {
	var stderr bytes.Buffer
	obs := &counter{results: map[string]int{}}
	h := newHost(t, obs, &stderr)
	if err := h.RunString(code, name, nil); err != nil {
		t.Fatal(err)
	}
	if err := h.Loop(); err != nil {
		t.Fatalf("Loop: %v", err)
	}
	return h, stderr.String(), obs
}

// A schedule keeps the script alive after its main chunk returned, until
// it stops; a failing run is reported with the script's file:line and
// the schedule goes on.
func TestScheduleKeepsScriptAliveAndSurvivesFailures(t *testing.T) {
	h, stderr, obs := runScript(t, "job.lua", `n = 0
schedule.every(0.05, function(s)
  n = n + 1
  if n == 2 then error("boom") end
  if n == 4 then s:stop() end
end, {name = "flaky"})
`)
	if n := h.L.GetGlobal("n"); n != lua.LNumber(4) {
		t.Errorf("n = %v, want 4 runs", n)
	}
	if !regexp.MustCompile(`klua: callback for schedule flaky failed: job.lua:4: boom`).MatchString(stderr) {
		t.Errorf("the failure was not reported with its line:\n%s", stderr)
	}
	if obs.results["flaky success"] != 3 || obs.results["flaky error"] != 1 {
		t.Errorf("observed %v, want 3 successes and 1 error", obs.results)
	}
}

// A run past its timeout is cancelled, reported, counted as a timeout,
// and the schedule goes on.
func TestScheduleTimeoutReported(t *testing.T) {
	_, stderr, obs := runScript(t, "spin.lua", `n = 0
schedule.every(0.05, function(s)
  n = n + 1
  if n == 1 then while true do end end
  s:stop()
end, {timeout = 0.2, name = "spin"})
`)
	if !regexp.MustCompile(`schedule spin failed: timed out after 200ms \(schedule timeout\)`).MatchString(stderr) {
		t.Errorf("the timeout was not reported:\n%s", stderr)
	}
	if obs.results["spin timeout"] != 1 || obs.results["spin success"] != 1 {
		t.Errorf("observed %v, want a timeout then a success", obs.results)
	}
}

// Skips are counted for the observer and reported once per run, not once
// per skip.
func TestScheduleSkipsReportedOncePerRun(t *testing.T) {
	_, stderr, obs := runScript(t, "slow.lua", `n = 0
schedule.every(0.1, function(s)
  n = n + 1
  if n == 1 then sleep(0.55) else s:stop() end
end, {name = "slow"})
`)
	if obs.skips < 3 {
		t.Errorf("%d skips observed, want at least 3", obs.skips)
	}
	re := regexp.MustCompile(`(?m)^klua: schedule slow: skipped (\d+) runs that came due while the previous one still ran$`)
	if got := re.FindAllString(stderr, -1); len(got) != 1 {
		t.Errorf("want one report of the skips, got:\n%s", stderr)
	}
}
