package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// testNamespace creates a namespace with a ConfigMap and a Secret in it,
// and deletes it after the test.
func testNamespace(t *testing.T, name string) string {
	t.Helper()
	res := kluabin.Run(t, "-e", fmt.Sprintf(`
		kube.create({apiVersion = "v1", kind = "Namespace", metadata = {name = %[1]q}})
		kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "keep", namespace = %[1]q}, data = {a = "1"}})
		kube.create({apiVersion = "v1", kind = "Secret", metadata = {name = "keep", namespace = %[1]q}, stringData = {p = "x"}})
		-- The namespace's controllers add these on their own: wait, so that
		-- a snapshot taken now does not race with them.
		for _, o in ipairs({{"configmaps", "kube-root-ca.crt"}, {"serviceaccounts", "default"}}) do
			kube.wait(o[1], o[2], function(obj) return obj ~= nil end, {namespace = %[1]q, timeout = 30})
		end`, name))
	if res.Code != 0 {
		t.Fatalf("creating namespace %s: %s", name, res.Stderr)
	}
	t.Cleanup(func() {
		kluabin.Run(t, "-e", fmt.Sprintf(`kube.delete("namespaces", %q, {ignoreNotFound = true})`, name))
	})
	return name
}

// snapshot lists the namespace's objects that a script might touch, and
// the namespace itself, with their resourceVersions: equal snapshots mean
// nothing was created, changed or deleted.
func snapshot(t *testing.T, ns string) string {
	t.Helper()
	res := kluabin.Run(t, "-n", ns, "-e", `
		local ns = kube.get("namespaces", kube.config().namespace)
		print("namespace", ns.metadata.name, ns.metadata.resourceVersion)
		for _, r in ipairs({"configmaps", "secrets", "serviceaccounts", "deployments"}) do
			for _, o in ipairs(kube.list(r).items) do print(r, o.metadata.name, o.metadata.resourceVersion) end
		end`)
	if res.Code != 0 {
		t.Fatalf("listing %s: %s", ns, res.Stderr)
	}
	return res.Stdout
}

// every write path, each expected to fail under the guard being tested.
const everyWrite = `
	local cm = {apiVersion = "v1", kind = "ConfigMap", metadata = {name = "new"}, data = {a = "1"}}
	local keep = kube.get("configmaps", "keep")
	keep.data.a = "2"
	local writes = {
		create = function() return kube.create(cm) end,
		update = function() return kube.update(keep) end,
		patch = function() return kube.patch("configmaps", "keep", {data = {a = "3"}}) end,
		apply = function() return kube.apply(cm) end,
		delete = function() return kube.delete("configmaps", "keep") end,
		delete_ns = function() return kube.delete("namespaces", kube.config().namespace) end,
		request = function() return kube.request{method = "POST", path = "/api/v1/namespaces/" .. kube.config().namespace .. "/configmaps", body = cm} end,
		request_delete = function() return kube.request{method = "DELETE", path = "/api/v1/namespaces/" .. kube.config().namespace .. "/secrets/keep"} end,
	}
	local names = {} for k in pairs(writes) do names[#names + 1] = k end
	table.sort(names)
	for _, name in ipairs(names) do
		local ok, err = pcall(writes[name])
		print(name, ok, type(err) == "table" and err.reason or "-", tostring(err))
	end`

func TestReadOnlyRefusesEveryWrite(t *testing.T) {
	ns := testNamespace(t, "klua-read-only")
	before := snapshot(t, ns)
	res := kluabin.Run(t, "--read-only", "-n", ns, "-e", everyWrite+`
		-- reads, and questions that store nothing, still work
		assert(kube.get("configmaps", "keep").data.a == "1")
		assert(kube.create({apiVersion = "authorization.k8s.io/v1", kind = "SelfSubjectAccessReview",
			spec = {resourceAttributes = {verb = "list", resource = "pods"}}}).status.allowed)
		kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "last"}})`)
	if res.Code != 1 {
		t.Errorf("exit %d, want 1", res.Code)
	}
	for _, line := range strings.Split(strings.TrimSpace(res.Stdout), "\n") {
		if f := strings.Split(line, "\t"); len(f) < 4 || f[1] != "false" || f[2] != "ReadOnly" || !strings.Contains(f[3], "read-only: refusing to ") {
			t.Errorf("a write was not refused: %s", line)
		}
	}
	if n := strings.Count(res.Stdout, "\n"); n != 8 {
		t.Errorf("%d writes reported, want 8:\n%s", n, res.Stdout)
	}
	for _, want := range []string{
		`kube.update: read-only: refusing to update configmaps "keep" in namespace "klua-read-only" (--read-only)`,
		`kube.delete: read-only: refusing to delete namespaces "klua-read-only" (--read-only)`,
		`kube.request: read-only: refusing to send POST /api/v1/namespaces/klua-read-only/configmaps (--read-only)`,
	} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, res.Stdout)
		}
	}
	line := strings.Count(everyWrite, "\n") + 6 // the last line of the snippet
	if want := fmt.Sprintf(`(command line):%d: kube.create: read-only: refusing to create configmaps "last" in namespace "klua-read-only" (--read-only)`, line); !strings.Contains(res.Stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, res.Stderr)
	}
	if after := snapshot(t, ns); after != before {
		t.Errorf("--read-only changed the cluster:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestDryRunCoversEveryWritePath(t *testing.T) {
	ns := testNamespace(t, "klua-dry-run")
	before := snapshot(t, ns)
	res := kluabin.Run(t, "--dry-run", "-n", ns, "-e", everyWrite)
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(res.Stdout), "\n") {
		if f := strings.Split(line, "\t"); len(f) < 2 || f[1] != "true" {
			t.Errorf("a dry-run write failed: %s", line)
		}
	}
	if after := snapshot(t, ns); after != before {
		t.Errorf("--dry-run changed the cluster:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestAllowContext(t *testing.T) {
	ns := testNamespace(t, "klua-allow-context")
	before := snapshot(t, ns)
	create := fmt.Sprintf(`print("ran"); kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "other", namespace = %q}})`, ns)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"current context not allowed", []string{"--allow-context", "nob*", "--allow-context", "staging"},
			`klua: context "admin" is not allowed by --allow-context (allowed: nob*, staging)`},
		{"--context not allowed", []string{"--context", "nobody", "--allow-context", "admin"},
			`klua: context "nobody" is not allowed by --allow-context (allowed: admin)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := kluabin.Run(t, append(c.args, "-e", create)...)
			if res.Code != 1 || res.Stdout != "" || !strings.Contains(res.Stderr, c.want) {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 1, nothing run, and %q", res.Code, res.Stdout, res.Stderr, c.want)
			}
		})
	}
	res := kluabin.Run(t, "--allow-context", "adm?n", "-e", `
		local ok, err = pcall(kube.connect, {context = "nobody"})
		assert(not ok and err.reason == "ContextNotAllowed", tostring(err))
		print(err)
		print(kube.config().context)`)
	if res.Code != 0 || !strings.Contains(res.Stdout, `kube.connect: context "nobody" is not allowed by --allow-context (allowed: adm?n)`) ||
		!strings.HasSuffix(res.Stdout, "admin\n") {
		t.Errorf("exit %d: %s%s", res.Code, res.Stdout, res.Stderr)
	}
	if res := kluabin.Run(t, "--allow-context", "[", "-e", "x = 1"); res.Code != 2 || !strings.Contains(res.Stderr, `--allow-context: pattern "[": syntax error in pattern`) {
		t.Errorf("bad pattern: exit %d: %s", res.Code, res.Stderr)
	}
	if after := snapshot(t, ns); after != before {
		t.Errorf("a refused context changed the cluster:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// A sandboxed script can still use the cluster as the user chose, but not
// the machine: it cannot write, remove or run anything, nor read a file
// outside its directory.
func TestSandboxAgainstTheCluster(t *testing.T) {
	ns := testNamespace(t, "klua-sandbox")
	before := snapshot(t, ns)
	victim := filepath.Join(t.TempDir(), "victim.txt")
	if err := os.WriteFile(victim, []byte("untouched"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := script(t, "sandboxed.lua", fmt.Sprintf(`
		local victim = %q
		local attempts = {
			io_open = function() return io.open(victim, "w"):write("x") end,
			os_remove = function() return os.remove(victim) end,
			os_execute = function() return os.execute("rm " .. victim) end,
			dofile = function() return dofile(victim) end,
			loadfile = function() return loadfile(victim) end,
			yaml_load_file = function() return yaml.load_file(victim) end,
			require_path = function() return require("/etc/passwd") end,
			connect_kubeconfig = function() return kube.connect{kubeconfig = victim} end,
		}
		for name, f in pairs(attempts) do
			local ok, err = pcall(f)
			if ok then error(name .. " was allowed") end
		end
		assert(os.getenv("KUBECONFIG") == nil, "os.getenv read the environment")
		print(#kube.list("configmaps").items, string.upper("ok"))`, victim))
	res := kluabin.Run(t, "--sandbox", "-n", ns, "run", path)
	if res.Code != 0 || strings.TrimSpace(res.Stdout) != "2\tOK" {
		t.Errorf("exit %d: %s%s", res.Code, res.Stdout, res.Stderr)
	}
	if data, err := os.ReadFile(victim); err != nil || string(data) != "untouched" {
		t.Errorf("the sandboxed script changed a file: %q, %v", data, err)
	}
	if after := snapshot(t, ns); after != before {
		t.Errorf("the sandboxed script changed the cluster:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestInsecureSkipTLSVerifyWarnsOnce(t *testing.T) {
	res := kluabin.Run(t, "--insecure-skip-tls-verify", "-e", `
		kube.get("namespaces", "default"); kube.connect{context = "admin"}:get("namespaces", "default")`)
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	if n := strings.Count(res.Stderr, "--insecure-skip-tls-verify"); n != 1 || !strings.HasPrefix(res.Stderr, "klua: warning: ") {
		t.Errorf("%d warnings, want 1:\n%s", n, res.Stderr)
	}
	if res := kluabin.Run(t, "-e", `kube.get("namespaces", "default")`); strings.Contains(res.Stderr, "warning") {
		t.Errorf("a verified run warns: %s", res.Stderr)
	}
}

// --timeout stops a script that never ends, sandboxed or not, and
// --callback-timeout a callback that never returns; each failure is
// reported once.
func TestTimeouts(t *testing.T) {
	res := kluabin.Run(t, "--sandbox", "--timeout", "1s", "-e", `while true do end`)
	if res.Code != 1 || strings.TrimSpace(res.Stderr) != "timed out (--timeout)" {
		t.Errorf("--timeout: exit %d: %s", res.Code, res.Stderr)
	}
	res = kluabin.Run(t, "--callback-timeout", "1s", "--on-error", "exit", "--timeout", "60s", "-e", `
		kube.watch("namespaces", {fieldSelector = "metadata.name=default"}, function() while true do end end)`)
	want := "klua: callback for namespaces default failed: timed out after 1s (--callback-timeout)"
	if res.Code != 1 || strings.TrimSpace(res.Stderr) != want {
		t.Errorf("--callback-timeout: exit %d, stderr:\n%s\nwant once:\n%s", res.Code, res.Stderr, want)
	}
}
