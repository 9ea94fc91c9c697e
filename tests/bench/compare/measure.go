package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// sample is one run of one tool.
type sample struct {
	wall   time.Duration // exec to exit, or to the awaited output line
	cpu    time.Duration // user+system, the process and its waited children
	maxRSS int64         // bytes, peak resident set (wait4's ru_maxrss)
	rss    int64         // bytes, VmRSS when sampled (daemon case)
	anon   int64         // bytes, RssAnon then: RSS less the executable's and libraries' pages
	lines  int
}

// command is how one tool does one case.
type command struct {
	argv []string
	// lines is how many lines of output the run must print: a streaming
	// run (a watch) is stopped once it printed that many.
	lines int
	// stream: the command does not end by itself; stop it after lines.
	stream bool
	// hold: once the lines arrived, wait this long before sampling VmRSS.
	hold time.Duration
}

func (c command) String() string {
	q := make([]string, len(c.argv))
	for i, a := range c.argv {
		q[i] = a
		if strings.ContainsAny(a, " \"'|&;()$*?<>\n") || a == "" {
			q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(q, " ")
}

// run runs the command to its end (or, streaming, to its lines-th line)
// and measures it. during, when set, runs once the process is idle, and
// the CPU it reports is only what the process spent after that.
func (e *bench) run(ctx context.Context, c command, during func() error) (sample, error) {
	// GNU time forks the tool from its own small image: ru_maxrss counts
	// the image a process was forked from, and a child of this harness
	// (cloned with CLONE_VM) would start at the harness's size.
	maxrssFile := filepath.Join(e.env.Tmp, "maxrss")
	os.Remove(maxrssFile)
	cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%M", "-o", maxrssFile}, c.argv...)...)
	cmd.Env = e.environ
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return sample{}, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{}, err
	}
	defer syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	tool := childOf(cmd.Process.Pid)
	lines := make(chan int, 1)
	reached := make(chan time.Duration, 1)
	go func() { lines <- countLines(out, c.lines, func() { reached <- time.Since(start) }) }()
	var s sample
	var cpu0 time.Duration
	var runErr error
	if during != nil {
		cpu0, runErr = settle(tool)
		if runErr == nil {
			runErr = during()
		}
	}
	timeout := time.NewTimer(3 * time.Minute)
	defer timeout.Stop()
	if c.stream || during != nil {
		select {
		case s.wall = <-reached:
			time.Sleep(c.hold)
			s.rss, s.anon = procStatus(tool, "VmRSS:"), procStatus(tool, "RssAnon:")
		case <-timeout.C:
			runErr = fmt.Errorf("no %d lines after 3 minutes", c.lines)
		case <-ctx.Done():
			runErr = ctx.Err()
		}
		syscall.Kill(tool, syscall.SIGKILL) // time reaps it and reports
	}
	s.lines = <-lines
	waitErr := cmd.Wait()
	if s.wall == 0 {
		s.wall = time.Since(start)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.cpu = time.Duration(ru.Utime.Nano()+ru.Stime.Nano()) - cpu0 // time's and the tool's
	}
	s.maxRSS = readMaxRSS(maxrssFile)
	switch {
	case runErr != nil:
		return s, fmt.Errorf("%s: %w\n%s", c, runErr, tail(stderr.String()))
	case !c.stream && during == nil && waitErr != nil:
		return s, fmt.Errorf("%s: %w\n%s", c, waitErr, tail(stderr.String()))
	case c.lines > 0 && s.lines < c.lines:
		return s, fmt.Errorf("%s: %d lines of output, want %d\n%s", c, s.lines, c.lines, tail(stderr.String()))
	}
	return s, nil
}

// childOf is the first child of pid (the tool that time runs), waiting
// for it to appear; pid itself if it has none.
func childOf(pid int) int {
	for range 200 {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
		if f := strings.Fields(string(b)); len(f) > 0 {
			child, _ := strconv.Atoi(f[0])
			return child
		}
		time.Sleep(time.Millisecond)
	}
	return pid
}

// readMaxRSS reads GNU time's %M (KiB), the last line of its output file.
func readMaxRSS(path string) int64 {
	b, _ := os.ReadFile(path)
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	kb, _ := strconv.ParseInt(f[len(f)-1], 10, 64)
	return kb << 10
}

// countLines reads r to its end, calling at once when the want-th line
// arrived.
func countLines(r io.Reader, want int, at func()) int {
	br := bufio.NewReaderSize(r, 64<<10)
	n := 0
	for {
		chunk, err := br.ReadSlice('\n')
		if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
			n++
			if n == want {
				at()
			}
		}
		if err != nil && err != bufio.ErrBufferFull {
			return n
		}
	}
}

// settle waits until the process stopped using CPU (it finished starting
// and waits for events), at most 10 s, and returns the CPU it used so far.
func settle(pid int) (time.Duration, error) {
	last := time.Duration(-1)
	for range 100 {
		time.Sleep(300 * time.Millisecond)
		cpu, err := procCPU(pid)
		if err != nil {
			return 0, err
		}
		if cpu == last {
			return cpu, nil
		}
		last = cpu
	}
	return last, nil
}

// procCPU is the process's user+system time from /proc (clock ticks).
func procCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100, nil // USER_HZ is 100 on Linux
}

// procStatus reads a size in kB from /proc/PID/status, in bytes.
func procStatus(pid int, field string) int64 {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func tail(s string) string {
	if len(s) > 2000 {
		return "..." + s[len(s)-2000:]
	}
	return s
}

// stats are the median, min and max of one figure over the runs.
type stats struct{ med, min, max float64 }

func summarize(xs []float64) stats {
	if len(xs) == 0 {
		return stats{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return stats{med: med, min: s[0], max: s[len(s)-1]}
}
