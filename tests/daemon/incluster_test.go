package daemon

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// inCluster runs klua as in a pod: no kubeconfig, KUBERNETES_SERVICE_HOST
// and _PORT set, and the service account's token, CA and namespace at
// /var/run/secrets/kubernetes.io/serviceaccount. client-go reads that
// fixed path, so the test mounts a tmpfs over /run in a mount namespace
// of the klua process's own (unshare), which needs root.
func inCluster(t *testing.T, ns, sa string, args ...string) kluabin.Result {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount the service account's files where client-go reads them")
	}
	if err := exec.Command("unshare", "-m", "--propagation", "private", "true").Run(); err != nil {
		t.Skipf("needs unshare for a private mount namespace: %v", err)
	}
	c := testcluster.Get(t)
	u, err := url.Parse(c.Server)
	if err != nil {
		t.Fatal(err)
	}
	files := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(files, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("token", tokenOf(t, ns, sa))
	write("ca.crt", string(c.CA))
	write("namespace", ns)
	const dir = "/run/secrets/kubernetes.io/serviceaccount"
	script := `mount -t tmpfs tmpfs /run && mkdir -p ` + dir + ` && cp "$FILES"/* ` + dir + ` && exec "$KLUA" "$@"`
	cmd := exec.Command("unshare", append([]string{"-m", "--propagation", "private", "sh", "-c", script, "sh"}, args...)...)
	home := t.TempDir()
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "FILES=" + files, "KLUA=" + kluabin.Path(t),
		"KUBERNETES_SERVICE_HOST=" + u.Hostname(), "KUBERNETES_SERVICE_PORT=" + u.Port()}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return kluabin.Result{Stdout: stdout.String(), Stderr: stderr.String(), Code: code}
}

// tokenOf is a TokenRequest token of the service account.
func tokenOf(t *testing.T, ns, sa string) string {
	t.Helper()
	kc, err := os.ReadFile(serviceAccountKubeconfig(t, ns, sa))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(kc), "token: \"")
	token, _, _ := strings.Cut(rest, "\"")
	return token
}

// Without a kubeconfig, inside a pod, klua uses the service account: its
// identity, its namespace as the default one, and (with --leader-elect)
// a Lease in that namespace.
func TestInClusterConfig(t *testing.T) {
	ns := namespace(t, "incluster")
	if res := applyFile(t, ns, "deploy/kubernetes/rbac.yaml", false); res.Code != 0 {
		t.Fatalf("applying rbac.yaml: %s", res.Stderr)
	}
	code := `local review = kube.request{method = "POST", path = "/apis/authentication.k8s.io/v1/selfsubjectreviews",
  body = {apiVersion = "authentication.k8s.io/v1", kind = "SelfSubjectReview"}}
print(review.body.status.userInfo.username)
print(#kube.list("jobs").items .. " jobs in " .. kube.config().namespace)`
	res := inCluster(t, ns, "klua-cleanup-jobs", "--leader-elect", "--leader-elect-name=klua-cleanup-jobs", "-e", code)
	if res.Code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", res.Code, res.Stdout, res.Stderr)
	}
	want := "system:serviceaccount:" + ns + ":klua-cleanup-jobs\n0 jobs in " + ns + "\n"
	if res.Stdout != want {
		t.Errorf("stdout %q, want %q", res.Stdout, want)
	}
	if !strings.Contains(res.Stderr, "holding lease "+ns+"/klua-cleanup-jobs") {
		t.Errorf("the Lease is not in the service account's namespace:\n%s", res.Stderr)
	}
}
