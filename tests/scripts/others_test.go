package scripts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

// The export applies, as it is, to another namespace.
func TestExportNamespace(t *testing.T) {
	ns := newNamespace(t, "scripts-export")
	luaIn(t, ns, seedLua+`
		kube.create(deployment("web", {replicas = 1}))
		kube.create({apiVersion = "v1", kind = "Service", metadata = {name = "web"},
		  spec = {selector = {app = "web"}, ports = {{port = 80}}}})
		kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "settings"}, data = {mode = "fast"}})
		kube.create({apiVersion = "v1", kind = "Secret", metadata = {name = "token"}, stringData = {token = "s3cr3t"}})
		wait_for("deployments", "web", available)`)

	res := script(t, nil, "export-namespace.lua", ns)
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	out := res.Stdout
	for _, kind := range []string{"Deployment", "Service", "ConfigMap", "Secret"} {
		matches(t, out, `(?m)^kind: `+kind+`$`)
	}
	matches(t, out, `!(?m)^status:`, `!uid:`, `!resourceVersion:`, `!managedFields`, `!clusterIP`,
		`!kind: ReplicaSet`, `!kube-root-ca\.crt`, `!(?m)^  name: default$`, `!creationTimestamp`)
	matches(t, res.Stderr, `msg=exported .*objects=4`)

	target := newNamespace(t, "scripts-import")
	path := filepath.Join(t.TempDir(), "export.yaml")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	luaIn(t, target, `
		for _, obj in ipairs(yaml.load_file(`+luaString(path)+`)) do
		  obj.metadata.namespace = nil
		  kube.create(obj)
		end
		assert(kube.get("configmaps", "settings").data.mode == "fast")
		assert(kube.get("services", "web").spec.clusterIP ~= nil)`)
}

func luaString(s string) string { return "[[" + s + "]]" }

// Every script in scripts/ is run by some test of tests/ (by name), and
// starts with what it does, why, how to run it and the RBAC it needs.
func TestEveryScriptIsTestedAndDocumented(t *testing.T) {
	root, err := testcluster.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	var tests strings.Builder
	testFiles, _ := filepath.Glob(filepath.Join(root, "tests", "*", "*_test.go"))
	for _, f := range testFiles {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tests.Write(src)
	}
	paths, _ := filepath.Glob(filepath.Join(root, "scripts", "*.lua"))
	if len(paths) < 12 {
		t.Errorf("%d scripts, want at least 12", len(paths))
	}
	for _, p := range paths {
		name := filepath.Base(p)
		if !strings.Contains(tests.String(), `"`+name+`"`) && !strings.Contains(tests.String(), `scripts/`+name) {
			t.Errorf("no test in tests/ runs %s", name)
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		header := leadingComments(string(src))
		for _, want := range []string{"-- " + name + ": ", "\n--   klua run scripts/" + name, "\n-- RBAC: "} {
			if !strings.Contains(header, want) {
				t.Errorf("%s: the header lacks %q", name, want)
			}
		}
	}
}

func leadingComments(src string) string {
	var b strings.Builder
	for _, l := range strings.Split(src, "\n") {
		if !strings.HasPrefix(l, "--") {
			break
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}
