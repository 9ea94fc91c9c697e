package daemon

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

// Every deploy file passes a server-side dry-run apply: the API server
// validates it (schemas, RBAC rules, the pod spec) and stores nothing.
func TestDeployFilesDryRun(t *testing.T) {
	ns := namespace(t, "deploy")
	files, err := filepath.Glob("../../deploy/kubernetes/*.yaml")
	if err != nil || len(files) < 4 {
		t.Fatalf("deploy files: %v %v", files, err)
	}
	want := map[string]bool{"ServiceAccount/klua-cleanup-jobs": false, "Role/klua-cleanup-jobs": false,
		"RoleBinding/klua-cleanup-jobs": false, "ConfigMap/klua-cleanup-jobs": false,
		"Deployment/klua-cleanup-jobs": false, "CronJob/klua-cleanup-jobs": false}
	for _, f := range files {
		rel := "deploy/kubernetes/" + filepath.Base(f)
		res := applyFile(t, ns, rel, true)
		if res.Code != 0 {
			t.Fatalf("dry-run apply of %s: exit %d\n%s", rel, res.Code, res.Stderr)
		}
		for _, line := range strings.Fields(res.Stdout) {
			want[line] = true
		}
	}
	for obj, seen := range want {
		if !seen {
			t.Errorf("the deploy files have no %s", obj)
		}
	}
	// A dry run stores nothing.
	if status, _ := admin(t, "GET", "/apis/apps/v1/namespaces/"+ns+"/deployments/klua-cleanup-jobs", nil); status != 404 {
		t.Errorf("the dry run created the Deployment: GET answered %d", status)
	}
}

// The ConfigMap carries scripts/cleanup-jobs.lua exactly: the script that
// the tests run is the one that is deployed.
func TestDeployedScriptIsTheTestedOne(t *testing.T) {
	root, err := testcluster.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile(filepath.Join(root, "scripts/cleanup-jobs.lua"))
	if err != nil {
		t.Fatal(err)
	}
	cm, err := os.ReadFile(filepath.Join(root, "deploy/kubernetes/configmap.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(cm), "  cleanup-jobs.lua: |\n")
	if !ok {
		t.Fatal("configmap.yaml has no cleanup-jobs.lua key")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(block, "\n"), "\n") {
		lines = append(lines, strings.TrimPrefix(l, "    "))
	}
	if got := strings.Join(lines, "\n") + "\n"; got != string(script) {
		t.Errorf("deploy/kubernetes/configmap.yaml does not carry scripts/cleanup-jobs.lua as it is; regenerate it")
	}
}
