package controlplane

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klua/klua/tests/testcluster"
)

// helperEnv makes the test binary a child that runs a cluster through
// testcluster.Main and reports it (see reportAndWait).
const helperEnv = "KLUA_CONTROLPLANE_HELPER"

// reportAndWait stands in for *testing.M in the helper child: it prints
// the cluster's dir and component pids, then waits to be killed.
type reportAndWait struct{}

func (reportAndWait) Run() int {
	c := testcluster.Current()
	fmt.Printf("dir %s\n", c.Dir)
	for name, pid := range c.Pids() {
		fmt.Printf("pid %s %d\n", name, pid)
	}
	fmt.Println("ready")
	select {}
}

// However a test binary ends, killed or interrupted, no component of its
// control plane outlives it.
func TestNoLeftoverProcesses(t *testing.T) {
	testcluster.Get(t).RequireLocal(t)
	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			child, dir, pids := startHelper(t)
			if len(pids) != 4 {
				t.Fatalf("the child reported %d components, want 4: %v", len(pids), pids)
			}
			child.Process.Signal(sig)
			child.Wait()
			eventually(t, 10*time.Second, func() string {
				for name, pid := range pids {
					if alive(pid) {
						return fmt.Sprintf("%s (pid %d) outlived its test binary", name, pid)
					}
				}
				return ""
			})
			if sig == syscall.SIGKILL {
				os.RemoveAll(dir) // a later start would sweep it
				return
			}
			if code := child.ProcessState.ExitCode(); code != 128+int(sig) {
				t.Errorf("exit code %d after %v, want %d", code, sig, 128+int(sig))
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the cluster dir %s is still there after %v (%v)", dir, sig, err)
			}
		})
	}
}

// startHelper starts this test binary as a helper child running a cluster,
// and returns it with its cluster's dir and component pids.
func startHelper(t *testing.T) (*exec.Cmd, string, map[string]int) {
	t.Helper()
	child := exec.Command(os.Args[0])
	child.Env = append(os.Environ(), helperEnv+"=1", testcluster.EnvKubeconfig+"=")
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	child.Stderr = &stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill() })
	dir, pids := "", map[string]int{}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		switch {
		case len(fields) == 2 && fields[0] == "dir":
			dir = fields[1]
		case len(fields) == 3 && fields[0] == "pid":
			pids[fields[1]], _ = strconv.Atoi(fields[2])
		case len(fields) == 1 && fields[0] == "ready":
			return child, dir, pids
		}
	}
	child.Wait()
	t.Fatalf("the helper child exited before its cluster was ready: %s", stderr.String())
	return nil, "", nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// alive reports whether pid is a running process; a zombie, killed but not
// yet reaped by whoever inherited it, is not.
func alive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}
