package kube

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

const twoContexts = `{"apiVersion": "v1", "kind": "Config", "current-context": "a",
  "clusters": [{"name": "c", "cluster": {"server": "https://127.0.0.1:1"}}],
  "users": [{"name": "u", "user": {"token": "t"}}],
  "contexts": [{"name": "a", "context": {"cluster": "c", "user": "u", "namespace": "ns-a"}},
               {"name": "b", "context": {"cluster": "c", "user": "u", "namespace": "ns-b"}}]}`

// TestConfigFlags checks the flags as kubectl users rely on them: parsed
// from a command line, overriding the kubeconfig, copied independently,
// and building discovery from the same loader (which once deadlocked).
func TestConfigFlags(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(path, []byte(twoContexts), 0o600); err != nil {
		t.Fatal(err)
	}
	f := NewConfigFlags(true)
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := fs.Parse([]string{"--kubeconfig", path, "--context", "b", "--as", "jane", "--as-group", "g1", "--as-group", "g2",
		"--cache-dir", t.TempDir(), "--request-timeout", "5s"}); err != nil {
		t.Fatal(err)
	}
	rc, err := f.ToRESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	if rc.Host != "https://127.0.0.1:1" || rc.BearerToken != "t" || rc.Impersonate.UserName != "jane" ||
		len(rc.Impersonate.Groups) != 2 || rc.Timeout.String() != "5s" {
		t.Errorf("REST config %+v does not follow the flags", rc)
	}
	if ns, _, err := f.ToRawKubeConfigLoader().Namespace(); err != nil || ns != "ns-b" {
		t.Errorf("namespace = %q, %v; want the --context's ns-b", ns, err)
	}
	if _, err := f.ToDiscoveryClient(); err != nil {
		t.Errorf("discovery client: %v", err)
	}

	c := f.Copy()
	*c.Context = "a"
	*c.ImpersonateGroup = append(*c.ImpersonateGroup, "g3")
	if *f.Context != "b" || len(*f.ImpersonateGroup) != 2 {
		t.Errorf("changing a copy changed the original: context %q, groups %v", *f.Context, *f.ImpersonateGroup)
	}
	if ns, _, _ := c.ToRawKubeConfigLoader().Namespace(); ns != "ns-a" {
		t.Errorf("the copy's namespace = %q, want ns-a", ns)
	}
}

func TestDiscoveryCacheDir(t *testing.T) {
	// kubectl's rule, as cli-runtime writes it.
	kubectl := regexp.MustCompile(`[^(\w/.)]`)
	for _, host := range []string{"https://127.0.0.1:6443", "http://localhost:8080", "https://api.example.com/k8s/clusters",
		"https://[::1]:443", "https://a-b.example(1)", "https://ünïcode:1", "https://x?y=z&w#f"} {
		schemeless := strings.Replace(strings.Replace(host, "https://", "", 1), "http://", "", 1)
		want := filepath.Join("/c", kubectl.ReplaceAllString(schemeless, "_"))
		if got := discoveryCacheDir("/c", host); got != want {
			t.Errorf("discoveryCacheDir(%q) = %q, kubectl's %q", host, got, want)
		}
	}
}
