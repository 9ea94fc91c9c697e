package watch

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// A script watches a namespace while another klua process creates,
// updates and deletes 500 ConfigMaps; the apiserver is killed and started
// again in the middle. At the end the watcher's view equals a fresh list
// and no object was ADDED twice.
func TestWatchViewSurvivesAnAPIServerRestart(t *testing.T) {
	c := testcluster.Get(t)
	c.RequireLocal(t)
	ns := "churn"
	if res := kluabin.Run(t, "-e", `kube.create({apiVersion = "v1", kind = "Namespace", metadata = {name = "churn"}})`); res.Code != 0 {
		t.Fatal(res.Stderr)
	}

	watcher := start(t, "run", "tests/watch/testdata/watcher.lua", ns)
	watcher.waitFor(t, "watching")
	writer := start(t, "run", "tests/watch/testdata/writer.lua", ns)
	writer.waitFor(t, "op 150")
	if err := c.StopAPIServer(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second) // both clients now see refused connections
	if err := c.StartAPIServer(context.Background()); err != nil {
		t.Fatal(err)
	}

	if out, code := writer.wait(t); code != 0 || !strings.Contains(out, "wrote 501 operations") {
		t.Fatalf("writer: exit %d\n%s\n%s", code, out, writer.stderr.String())
	}
	out, code := watcher.wait(t)
	if code != 0 {
		t.Fatalf("watcher: exit %d\n%s\n%s", code, out, watcher.stderr.String())
	}
	summary := regexp.MustCompile(`list (\d+) objects, mismatches (\d+), duplicate ADDED (\d+)`).FindStringSubmatch(out)
	if summary == nil {
		t.Fatalf("no summary from the watcher:\n%s\n%s", out, watcher.stderr.String())
	}
	if summary[1] != "150" || summary[2] != "0" || summary[3] != "0" {
		t.Errorf("list %s objects (want 150), %s mismatches, %s duplicate ADDED:\n%s", summary[1], summary[2], summary[3], out)
	}
}

// proc is a klua process whose stdout is read line by line.
type proc struct {
	lines  chan string
	out    bytes.Buffer
	stderr bytes.Buffer
	done   chan int
}

func start(t *testing.T, args ...string) *proc {
	t.Helper()
	cmd := kluabin.Command(t, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{lines: make(chan string, 1000), done: make(chan int, 1)}
	cmd.Stderr = &p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	go func() {
		r := bufio.NewReader(io.TeeReader(stdout, &p.out))
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				select {
				case p.lines <- line:
				default:
				}
			}
			if err != nil {
				close(p.lines)
				break
			}
		}
		cmd.Wait()
		p.done <- cmd.ProcessState.ExitCode()
	}()
	return p
}

func (p *proc) waitFor(t *testing.T, want string) {
	t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				t.Fatalf("output ended before %q:\n%s\n%s", want, p.out.String(), p.stderr.String())
			}
			if strings.Contains(line, want) {
				return
			}
		case <-timeout:
			t.Fatalf("no %q within 2 minutes:\n%s\n%s", want, p.out.String(), p.stderr.String())
		}
	}
}

func (p *proc) wait(t *testing.T) (string, int) {
	t.Helper()
	select {
	case code := <-p.done:
		return p.out.String(), code
	case <-time.After(3 * time.Minute):
		t.Fatalf("still running after 3 minutes:\n%s\n%s", p.out.String(), p.stderr.String())
		return "", -1
	}
}
