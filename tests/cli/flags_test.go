package cli

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// No verbosity level prints a credential, not even the bodies of -v 8 and
// up: not the kubeconfig's bearer token, not one given with --token (nor a
// wrong one, in the errors it causes), not a Secret's data, and not a
// token the script itself requests (TokenRequest); kube.config() holds
// none. -v 6 logs each request's method, URL, status and latency.
func TestVerbosityNeverShowsTheToken(t *testing.T) {
	c := testcluster.Get(t)
	src := `kube.get("namespaces", "default"); kube.list("secrets", {namespace = "kube-system"})
		kube.create({apiVersion = "v1", kind = "Secret", metadata = {generateName = "v-"}, stringData = {password = "hunter2"}}, {dryRun = true})
		local tr = kube.request{method = "POST", path = "/api/v1/namespaces/default/serviceaccounts/default/token",
			body = {apiVersion = "authentication.k8s.io/v1", kind = "TokenRequest", spec = {expirationSeconds = 600}}}
		assert(tr.status == 201, tr.status)
		print("requested", tr.body.status.token:reverse())
		print(json.encode(kube.config()))`
	for v := 0; v <= 10; v++ {
		for _, extra := range [][]string{nil, {"--token", c.AdminToken}} {
			if extra != nil && v%2 == 1 {
				continue // the flag's token is checked at every other level
			}
			res := kluabin.Run(t, append(extra, "-v", fmt.Sprint(v), "-e", src)...)
			if res.Code != 0 {
				t.Fatalf("-v %d %v: exit %d: %s", v, extra != nil, res.Code, res.Stderr)
			}
			checkNoSecrets(t, fmt.Sprintf("-v %d (token flag: %v)", v, extra != nil), res, c.AdminToken)
			logged := regexp.MustCompile(`verb="GET" url="[^"]*/api/v1/namespaces/default"`).MatchString(res.Stderr) &&
				strings.Contains(res.Stderr, `status="200 OK"`)
			if v >= 6 && !logged {
				t.Errorf("-v %d does not log the request:\n%s", v, res.Stderr)
			}
		}
	}
	for _, v := range []string{"0", "9"} {
		res := kluabin.Run(t, "--token", "wrong-token-0123456789", "-v", v, "-e", `kube.get("namespaces", "default")`)
		if res.Code != 1 || strings.Contains(res.Stdout+res.Stderr, "wrong-token-0123456789") {
			t.Errorf("-v %s with a wrong --token: exit %d, or the token was printed:\n%s", v, res.Code, res.Stderr)
		}
	}
}

func checkNoSecrets(t *testing.T, what string, res kluabin.Result, token string) {
	t.Helper()
	m := regexp.MustCompile(`(?m)^requested\t(\S+)$`).FindStringSubmatch(res.Stdout)
	if m == nil || len(m[1]) < 20 {
		t.Fatalf("%s: no requested token in the output:\n%s", what, res.Stdout)
	}
	requested := []rune(m[1])
	for i, j := 0, len(requested)-1; i < j; i, j = i+1, j-1 {
		requested[i], requested[j] = requested[j], requested[i]
	}
	for name, secret := range map[string]string{"the bearer token": token, "a Secret's data": "hunter2",
		"a requested token": string(requested)} {
		if strings.Contains(res.Stderr, secret) {
			t.Errorf("%s printed %s", what, name)
		}
	}
	if strings.Contains(res.Stdout, token) {
		t.Errorf("%s: kube.config() or the output holds the bearer token", what)
	}
	if !strings.Contains(res.Stdout, `"context":"admin"`) {
		t.Errorf("%s: kube.config() is not as expected:\n%s", what, res.Stdout)
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	res := kluabin.Run(t, "--dry-run", "-e", `
		local cm = kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "dry-run-test"}})
		print(cm.metadata.name)
		kube.patch("namespaces", "default", {metadata = {labels = {dry = "run"}}})
		kube.request{method = "POST", path = "/api/v1/namespaces/default/configmaps",
			body = {apiVersion = "v1", kind = "ConfigMap", metadata = {name = "dry-run-raw"}}}`)
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	if !strings.Contains(res.Stderr, "dry run: created ConfigMap \"dry-run-test\"") {
		t.Errorf("the output does not say it was a dry run:\n%s", res.Stderr)
	}
	check := kluabin.Run(t, "-e", `
		assert(kube.get("configmaps", "dry-run-test", {ignoreNotFound = true}) == nil, "created")
		assert(kube.get("configmaps", "dry-run-raw", {ignoreNotFound = true}) == nil, "created raw")
		assert((kube.get("namespaces", "default").metadata.labels or {}).dry == nil, "patched")`)
	if check.Code != 0 {
		t.Errorf("the dry run changed the cluster: %s", check.Stderr)
	}
}

// With the discovery cache warm, a script that makes one GET sends one
// request: resolving "configmaps" costs nothing.
func TestWarmDiscoveryCostsNoRequest(t *testing.T) {
	cache := t.TempDir()
	src := `kube.get("configmaps", "absent", {ignoreNotFound = true}); kube.get("deploy", "absent", {ignoreNotFound = true})`
	if res := kluabin.Run(t, "--cache-dir", cache, "-e", src); res.Code != 0 {
		t.Fatalf("warming: %s", res.Stderr)
	}
	res := kluabin.Run(t, "--cache-dir", cache, "-v", "6", "-e", src)
	if res.Code != 0 {
		t.Fatal(res.Stderr)
	}
	requests := regexp.MustCompile(`(?m)"Response" verb="(\w+)" url="([^"]+)"`).FindAllStringSubmatch(res.Stderr, -1)
	if len(requests) != 2 {
		t.Errorf("%d requests, want 2 (the GETs alone):\n%s", len(requests), res.Stderr)
	}
	for _, r := range requests {
		if !strings.Contains(r[2], "/absent") {
			t.Errorf("request %s %s is not one of the script's", r[1], r[2])
		}
	}
}

func TestVersion(t *testing.T) {
	res := kluabin.Run(t, "version")
	if res.Code != 0 || !regexp.MustCompile(`(?m)^klua \S+`).MatchString(res.Stdout) ||
		!regexp.MustCompile(`(?m)^server v1\.\d+`).MatchString(res.Stdout) {
		t.Errorf("exit %d:\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
}

func TestScriptArguments(t *testing.T) {
	path := script(t, "args.lua", `print(#arg, arg[1], arg[2], arg[3])`)
	res := kluabin.Run(t, "run", path, "a", "-n", "--flag")
	if got := strings.TrimSpace(res.Stdout); got != "3\ta\t-n\t--flag" {
		t.Errorf("got %q (stderr %s)", got, res.Stderr)
	}
	res = kluabin.Run(t, path, "x")
	if got := strings.TrimSpace(res.Stdout); got != "1\tx\tnil\tnil" {
		t.Errorf("klua SCRIPT: got %q (stderr %s)", got, res.Stderr)
	}
}

func TestCheck(t *testing.T) {
	good := script(t, "good.lua", "print(1)")
	if res := kluabin.Run(t, "check", good); res.Code != 0 {
		t.Errorf("check of a good script: exit %d: %s", res.Code, res.Stderr)
	}
	bad := script(t, "bad.lua", "if then")
	res := kluabin.Run(t, "check", bad)
	if res.Code != 1 || !strings.Contains(res.Stderr, "bad.lua:1:") {
		t.Errorf("check of a bad script: exit %d: %s", res.Code, res.Stderr)
	}
}
