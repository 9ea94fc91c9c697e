// Package schedule is the Lua module "schedule": functions that run on a
// fixed interval (schedule.every) or on a cron spec (schedule.cron), on
// the script's own thread, like watch callbacks. A live schedule keeps
// the script running; a failing run is reported and counted and the
// schedule goes on.
package schedule

import (
	"fmt"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib/internal/args"
)

// Observer is told about every run and skip, for metrics. It is called on
// the loop's goroutine (runs) or a timer's (skips) and must not block.
type Observer interface {
	ObserveScheduleRun(name, result string, d time.Duration)
	ObserveScheduleSkip(name string)
}

// Module is the schedule module, with an optional Observer.
type Module struct {
	obs Observer
}

// New returns the module; obs may be nil.
func New(obs Observer) *Module { return &Module{obs: obs} }

// Loader is the module's loader for L.PreloadModule("schedule", m.Loader).
func (m *Module) Loader(L *lua.LState) int {
	registerHandleType(L)
	mod := L.NewTable()
	L.SetFuncs(mod, map[string]lua.LGFunction{
		"every": m.every,
		"cron":  m.cron,
	})
	L.Push(mod)
	return 1
}

var (
	everyOptions = []string{"overlap", "jitter", "timeout", "runNow", "name"}
	cronOptions  = append([]string{"timezone"}, everyOptions...)
)

// schedule.every(interval, fn [, opts]) -> handle
//
// fn(handle) runs every interval (seconds, or a string such as "30s",
// "5m", "1h30m"), first one interval after the call (at once too with
// opts.runNow), at a fixed rate: run k comes due at start + k*interval.
func (m *Module) every(L *lua.LState) int {
	a := args.New(L, "schedule.every")
	d := a.Duration(1)
	if d <= 0 {
		a.Bad(1, "the interval must be more than 0")
	}
	fn := a.Function(2)
	o := a.Options(3, everyOptions...)
	return m.start(a, fn, o, every(d), "every "+d.String())
}

// schedule.cron(spec, fn [, opts]) -> handle
//
// fn(handle) runs whenever spec comes due: five fields (minute hour
// day-of-month month day-of-week), six with a leading seconds field, or
// a descriptor (@hourly, @daily, @weekly, @monthly, @yearly, @every 10m),
// in opts.timezone (an IANA name; the machine's local time by default).
func (m *Module) cron(L *lua.LState) int {
	a := args.New(L, "schedule.cron")
	spec := a.String(1)
	fn := a.Function(2)
	o := a.Options(3, cronOptions...)
	tz := o.String("timezone")
	t, err := parseCron(spec, tz)
	if err != nil {
		a.Bad(1, "%s", err)
	}
	name := "cron " + spec
	if tz != "" {
		name += " " + tz
	}
	return m.start(a, fn, o, t, name)
}

// start reads the common options, starts the schedule and pushes its
// handle.
func (m *Module) start(a args.Args, fn *lua.LFunction, o args.Options, t timing, name string) int {
	h := runtime.HostOf(a.L)
	if h == nil {
		a.Raise("needs klua's event loop")
	}
	r := &runner{host: h, fn: fn, name: name, timing: t, opts: readRunOptions(a, o), obs: m.obs}
	if n := o.String("name"); n != "" {
		r.name = n
	}
	r.self = pushHandle(a.L, r)
	r.start()
	return 1
}

func readRunOptions(a args.Args, o args.Options) runOptions {
	var ro runOptions
	switch overlap := o.String("overlap"); overlap {
	case "", "forbid":
	case "queue":
		ro.queue = true
	default:
		a.Bad(3, "option \"overlap\": %q is not allowed (want \"forbid\" or \"queue\")", overlap)
	}
	ro.jitter, _ = o.Duration("jitter")
	ro.timeout, _ = o.Duration("timeout")
	ro.runNow = o.Bool("runNow")
	return ro
}

const handleTypeName = "schedule.Schedule"

func registerHandleType(L *lua.LState) {
	mt := L.NewTypeMetatable(handleTypeName)
	L.SetField(mt, "__index", L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"stop":  handleStop,
		"stats": handleStats,
	}))
	L.SetField(mt, "__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(fmt.Sprintf("schedule %s", checkHandle(L, "handle:__tostring").name)))
		return 1
	}))
}

func pushHandle(L *lua.LState, r *runner) lua.LValue {
	ud := L.NewUserData()
	ud.Value = r
	L.SetMetatable(ud, L.GetTypeMetatable(handleTypeName))
	L.Push(ud)
	return ud
}

func checkHandle(L *lua.LState, fn string) *runner {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if r, ok := ud.Value.(*runner); ok {
			return r
		}
	}
	args.New(L, fn).Raise("called without a schedule (use s:%s(), not s.%s())", fn[len("handle:"):], fn[len("handle:"):])
	return nil
}

// handle:stop(): no more runs; a run in progress finishes.
func handleStop(L *lua.LState) int {
	checkHandle(L, "handle:stop").Stop()
	return 0
}

// handle:stats() -> {runs, failures, timeouts, skips, running}
//
// runs counts the runs that finished, failures those that raised an
// error, timeouts those cancelled past their timeout, skips the runs that
// came due while the previous one still ran and did not run.
func handleStats(L *lua.LState) int {
	r := checkHandle(L, "handle:stats")
	t := L.NewTable()
	t.RawSetString("runs", lua.LNumber(r.runs.Load()))
	t.RawSetString("failures", lua.LNumber(r.failures.Load()))
	t.RawSetString("timeouts", lua.LNumber(r.timeouts.Load()))
	t.RawSetString("skips", lua.LNumber(r.skips.Load()))
	r.mu.Lock()
	t.RawSetString("running", lua.LBool(r.running))
	r.mu.Unlock()
	t.RawSetString("name", lua.LString(r.name))
	L.Push(t)
	return 1
}
