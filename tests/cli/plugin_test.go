package cli

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// kubectl runs kubectl with klua installed as the plugins kubectl-lua and
// kubectl_complete-lua (links in a directory first on the PATH), against
// the test cluster.
func kubectl(t *testing.T, args ...string) kluabin.Result {
	t.Helper()
	path, err := exec.LookPath("kubectl")
	if err != nil {
		t.Fatalf("these tests run the real kubectl (Debian: apt-get install kubernetes-client): %v", err)
	}
	bin := kluabin.BinDir(t, "kubectl-lua", "kubectl_complete-lua")
	root, err := testcluster.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "KUBECONFIG="+testcluster.Get(t).Kubeconfig,
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return kluabin.Output(t, cmd)
}

const whoami = `
local cfg = kube.config()
local ok, err = pcall(kube.list, "pods", {limit = 1})
print(cfg.context, cfg.namespace, ok and "allowed" or err.reason, ...)`

// "kubectl lua run x.lua" runs klua against the cluster, with kubectl's
// global flags wherever a kubectl user puts them, the script's own
// arguments kept, and "--" for arguments that look like kubectl's flags.
func TestKubectlPlugin(t *testing.T) {
	path := script(t, "whoami.lua", whoami)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"lua", "run", path, "a"}, "admin\tdefault\tallowed\ta\n"},
		{[]string{"lua", "run", path, "a", "--context", "nobody"}, "nobody\tdefault\tForbidden\ta\n"},
		{[]string{"lua", "--context=nobody", "run", path}, "nobody\tdefault\tForbidden\n"},
		{[]string{"lua", "run", path, "-n", "kube-system", "--once"}, "admin\tkube-system\tallowed\t--once\n"},
		{[]string{"lua", path, "x", "--", "--context", "nobody"}, "admin\tdefault\tallowed\tx\t--context\tnobody\n"},
		{[]string{"lua", "-e", whoami, "--context", "nobody", "b"}, "nobody\tdefault\tForbidden\tb\n"},
	}
	for _, c := range cases {
		res := kubectl(t, c.args...)
		if res.Code != 0 || res.Stdout != c.want {
			t.Errorf("kubectl %v: exit %d, stdout %q, want %q\nstderr: %s", c.args, res.Code, res.Stdout, c.want, res.Stderr)
		}
	}
}

func TestKubectlPluginSpeaksAsKubectlLua(t *testing.T) {
	res := kubectl(t, "lua", "--help")
	if res.Code != 0 || !strings.Contains(res.Stdout, "Usage:\n  kubectl lua [flags] SCRIPT.lua [ARGS...]\n") ||
		!strings.Contains(res.Stdout, "\n  kubectl lua --dry-run run cleanup.lua\n") {
		t.Errorf("kubectl lua --help: exit %d\n%s", res.Code, res.Stdout)
	}
	res = kubectl(t, "lua", "nosuchcommand")
	if res.Code != 2 || !strings.HasPrefix(res.Stderr, `kubectl lua: unknown command "nosuchcommand"`) ||
		!strings.Contains(res.Stderr, "Run 'kubectl lua --help' for usage.") {
		t.Errorf("kubectl lua nosuchcommand: exit %d, stderr %q", res.Code, res.Stderr)
	}
	res = kubectl(t, "lua", "version")
	if res.Code != 0 || !strings.Contains(res.Stdout, "server v1.") {
		t.Errorf("kubectl lua version: exit %d, %q %q", res.Code, res.Stdout, res.Stderr)
	}
}

// kubectl completes "kubectl lua <TAB>" through kubectl_complete-lua.
func TestKubectlPluginCompletion(t *testing.T) {
	res := kubectl(t, "__complete", "lua", "r")
	if res.Code != 0 || !strings.HasPrefix(res.Stdout, "run\tRun a Lua script\n") {
		t.Errorf("kubectl __complete lua r: exit %d, %q", res.Code, res.Stdout)
	}
	res = kubectl(t, "__complete", "lua", "--namespace", "kube-")
	if !strings.Contains(res.Stdout, "kube-system\n") {
		t.Errorf("kubectl __complete lua --namespace kube-: %q", res.Stdout)
	}
}
