package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

const progressScript = `
local bar = progress.new(3, "working")
for i = 1, 3 do
  sleep(0.15)
  print("item " .. i)
  bar:add()
end
log.info("logged")
bar:done()
print("result")`

// On a terminal the bar is drawn on stderr and redrawn in place; in a
// pipe, nothing of it appears, and stdout is the script's alone.
func TestProgressDrawsOnlyOnATerminal(t *testing.T) {
	path := script(t, "progress.lua", progressScript)
	res := kluabin.Run(t, "run", path)
	if res.Code != 0 || res.Stdout != "item 1\nitem 2\nitem 3\nresult\n" || !strings.Contains(res.Stderr, "msg=logged") ||
		strings.Contains(res.Stderr, "working") {
		t.Errorf("in a pipe: exit %d, stdout %q, stderr %q", res.Code, res.Stdout, res.Stderr)
	}

	scriptCmd, err := exec.LookPath("script")
	if err != nil {
		t.Fatalf("this test runs klua on a terminal with script(1), of util-linux: %v", err)
	}
	// script(1) runs the command on a pseudo-terminal and copies it out.
	cmd := exec.Command(scriptCmd, "-qec", kluabin.Path(t)+" run "+path, "/dev/null")
	cmd.Env = append(os.Environ(), "TERM=xterm")
	cmd.Dir = filepath.Dir(path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("on a terminal: %v\n%q", err, out)
	}
	tty := string(out)
	// print and log clear the bar's line first; the bar comes back below.
	for _, want := range []string{
		"\rworking [>                             ] 0/3   0%\x1b[K\r\x1b[Kitem 1\r\n",
		"\rworking [==========>                   ] 1/3  33%\x1b[K\r\x1b[Kitem 2\r\n",
		"\r\x1b[Ktime=",
		"\rworking [==============================] 3/3 100%\x1b[K\r\n",
		"result\r\n",
	} {
		if !strings.Contains(tty, want) {
			t.Errorf("the terminal lacks %q:\n%q", want, tty)
		}
	}
}

func TestTypesWritesDefinitions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "types")
	res := kluabin.Run(t, "types", dir)
	if res.Code != 0 || !strings.HasPrefix(res.Stdout, "wrote ") {
		t.Fatalf("exit %d: %q %q", res.Code, res.Stdout, res.Stderr)
	}
	for _, name := range []string{"kube.lua", "k8s-core-v1.lua", "k8s-apps-v1.lua", "k8s-batch-v1.lua",
		"k8s-networking-v1.lua", "k8s-rbac-v1.lua", "k8s-coordination-v1.lua", "progress.lua"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The files are Lua: klua itself compiles them.
	files, _ := filepath.Glob(filepath.Join(dir, "*.lua"))
	if res := kluabin.Run(t, append([]string{"check"}, files...)...); res.Code != 0 {
		t.Errorf("klua check of the definitions: %s", res.Stderr)
	}
	// A file in the way is an error that names it.
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	res = kluabin.Run(t, "types", blocked)
	if res.Code != 1 || !strings.Contains(res.Stderr, "klua types: creating \""+blocked+"\"") {
		t.Errorf("types into a file: exit %d, %q", res.Code, res.Stderr)
	}
}
