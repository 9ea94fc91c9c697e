package controlplane

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

// A start that fails says which component failed and shows the end of its
// log, where the reason is; it keeps the logs and leaves no process behind.
func TestFailedStartShowsTheLog(t *testing.T) {
	testcluster.Get(t).RequireLocal(t)
	c, err := testcluster.Start(t.Context(), testcluster.Options{
		Progress:       io.Discard,
		APIServerFlags: []string{"--no-such-flag"},
	})
	if err == nil {
		c.Close()
		t.Fatal("Start succeeded with an unknown apiserver flag")
	}
	msg := err.Error()
	for _, want := range []string{"apiserver: exited", "last lines of", "unknown flag: --no-such-flag"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error lacks %q:\n%s", want, msg)
		}
	}
	m := regexp.MustCompile(`start the control plane in "([^"]+)"`).FindStringSubmatch(msg)
	if m == nil {
		t.Fatalf("the error does not name the cluster's dir:\n%s", msg)
	}
	dir := m[1]
	t.Cleanup(func() { os.RemoveAll(dir) })
	if _, err := os.Stat(filepath.Join(dir, "logs", "apiserver.log")); err != nil {
		t.Errorf("the failed cluster's logs are gone: %v", err)
	}
	if pids := processesMentioning(dir); len(pids) > 0 {
		t.Errorf("processes of the failed cluster still run: %v", pids)
	}
}

// processesMentioning returns the live processes whose command line
// contains s.
func processesMentioning(s string) []string {
	var pids []string
	cmdlines, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, path := range cmdlines {
		cmdline, err := os.ReadFile(path)
		pid := filepath.Base(filepath.Dir(path))
		if err == nil && strings.Contains(string(cmdline), s) && alive(atoi(pid)) {
			pids = append(pids, pid)
		}
	}
	return pids
}
