package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// script is the daemon: one watch over every ConfigMap of the namespace,
// and a schedule that changes one of them every second, so that the watch
// keeps receiving events while memory is sampled.
const script = `
local events = 0
kube.watch("configmaps", {namespace = NS}, function(ev) events = events + 1 end)
local i = 0
schedule.every(1, function()
  i = i % 10000 + 1
  kube.patch("configmaps", string.format("cm-%05d", i), {data = {tick = tostring(time.now())}}, {namespace = NS})
end)
`

// sample is one measurement of the daemon.
type sample struct {
	at        time.Duration // since the daemon started
	rss       int64         // bytes, VmRSS
	heap      int64         // bytes, go_memstats_heap_inuse_bytes
	runs      int64         // klua_schedule_runs_total
	events    int64         // klua_watch_events_total
	callbacks int64         // klua_callbacks_total, all kinds
}

// soak runs the daemon for c.duration and samples it every c.every.
func (e *env) soak(ctx context.Context, c config) ([]sample, error) {
	path := filepath.Join(e.tmp, "soak.lua")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(script, "NS", strconv.Quote(namespace))), 0o644); err != nil {
		return nil, err
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(e.klua, "--metrics-addr", addr, "run", path)
	cmd.Env = append(os.Environ(), "KUBECONFIG="+e.kubeconfig)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	start := time.Now()
	fmt.Fprintf(os.Stderr, "soak: daemon pid %d, sampling for %s\n", cmd.Process.Pid, c.duration)
	var samples []sample
	tick := time.NewTicker(c.every)
	defer tick.Stop()
	for time.Since(start) < c.duration+time.Second {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-tick.C:
		}
		s, err := measure(cmd.Process.Pid, addr)
		if err != nil {
			return nil, fmt.Errorf("sampling the daemon: %w", err)
		}
		s.at = time.Since(start)
		samples = append(samples, s)
		fmt.Fprintf(os.Stderr, "soak: %s rss %.1f MiB heap %.1f MiB runs %d events %d\n",
			s.at.Round(time.Second), mib(s.rss), mib(s.heap), s.runs, s.events)
	}
	return samples, nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func measure(pid int, addr string) (sample, error) {
	var s sample
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return s, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			s.rss = kb << 10
		}
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	return s, scrape(resp.Body, &s)
}

// scrape reads the few metrics it needs from Prometheus' text format.
func scrape(r io.Reader, s *sample) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		i := strings.LastIndexByte(line, ' ')
		if i < 0 || strings.HasPrefix(line, "#") {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			continue
		}
		name := line[:i]
		if j := strings.IndexByte(name, '{'); j >= 0 {
			name = name[:j]
		}
		switch name {
		case "go_memstats_heap_inuse_bytes":
			s.heap = int64(v)
		case "klua_schedule_runs_total":
			s.runs += int64(v)
		case "klua_watch_events_total":
			s.events += int64(v)
		case "klua_callbacks_total":
			s.callbacks += int64(v)
		}
	}
	return sc.Err()
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }
