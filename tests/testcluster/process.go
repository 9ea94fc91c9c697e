package testcluster

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
)

// stopGrace is how long a component may take to exit after SIGTERM before
// it gets SIGKILL.
const stopGrace = 5 * time.Second

// component is one running process of the control plane, its output going
// to a log file in the cluster's dir.
type component struct {
	name string
	log  string
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited
	err  error         // how it exited; read only after done is closed
}

// startComponent starts bin with args as component name, appending its
// output to logPath (a restarted apiserver's log follows the previous one).
func startComponent(name, bin string, args []string, logPath string) (*component, error) {
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open the %s log: %w", name, err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Its own process group: a Ctrl-C in the terminal reaches only the test
	// binary, which then stops the components in order, and stopping a
	// component reaches anything it started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := StartChild(cmd); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	c := &component{name: name, log: logPath, cmd: cmd, done: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		logFile.Close()
		close(c.done)
	}()
	return c, nil
}

// exited reports whether the process has exited, and how.
func (c *component) exited() (bool, error) {
	select {
	case <-c.done:
		return true, c.err
	default:
		return false, nil
	}
}

// stop sends SIGTERM to the component's process group, and SIGKILL if it
// has not exited after stopGrace; it returns once the process is gone.
func (c *component) stop() {
	pgid := c.cmd.Process.Pid
	if exited, _ := c.exited(); exited {
		syscall.Kill(-pgid, syscall.SIGKILL) // anything it left behind
		return
	}
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(stopGrace):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-c.done
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
}

// kill kills the component's process group and returns once the process
// is gone.
func (c *component) kill() {
	syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
	<-c.done
}

// failure describes a component that failed to come up, with the end of its
// log, since that is where the reason is.
func (c *component) failure(what error) error {
	logTail := tail(c.log, 20)
	if strings.Contains(logTail, "address already in use") {
		what = fmt.Errorf("%w (%w)", what, errPortTaken)
	}
	return fmt.Errorf("%s: %w\nlast lines of %s:\n%s", c.name, what, c.log, logTail)
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(cannot read it: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "  " + strings.Join(lines, "\n  ")
}

// spawner starts processes from one OS thread that never exits. Pdeathsig
// is sent when the thread that started the child exits, not the process; Go
// may end a thread when its goroutine exits locked to it, so children are
// only safe to start from a thread that lives as long as the process.
var spawner struct {
	once sync.Once
	reqs chan spawnRequest
}

type spawnRequest struct {
	cmd  *exec.Cmd
	done chan error
}

// StartChild starts cmd, which must have SysProcAttr.Pdeathsig set, from a
// thread that lives as long as this process, so that the child gets that
// signal when this process dies, however it dies.
func StartChild(cmd *exec.Cmd) error {
	if cmd.SysProcAttr == nil || cmd.SysProcAttr.Pdeathsig == 0 {
		return errors.New("StartChild needs a command with SysProcAttr.Pdeathsig set")
	}
	spawner.once.Do(func() {
		spawner.reqs = make(chan spawnRequest)
		go func() {
			runtime.LockOSThread() // and never unlocked: the thread must not exit
			for req := range spawner.reqs {
				req.done <- req.cmd.Start()
			}
		}()
	})
	done := make(chan error, 1)
	spawner.reqs <- spawnRequest{cmd: cmd, done: done}
	return <-done
}
