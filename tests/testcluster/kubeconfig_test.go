package testcluster

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestKubeconfigRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kubeconfig")
	users := []identity{
		{context: AdminContext, name: "klua-admin", token: "t-admin", groups: []string{"system:masters"}},
		{context: NobodyContext, name: "klua-nobody", token: "t-nobody"},
	}
	ca := []byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
	if err := newKubeconfig("https://127.0.0.1:6443", ca, users).write(path); err != nil {
		t.Fatal(err)
	}
	kc, err := readKubeconfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if kc.CurrentContext != AdminContext {
		t.Errorf("current context %q, want %q", kc.CurrentContext, AdminContext)
	}
	tests := []struct{ context, server, token string }{
		{AdminContext, "https://127.0.0.1:6443", "t-admin"},
		{NobodyContext, "https://127.0.0.1:6443", "t-nobody"},
		{"missing", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.context, func(t *testing.T) {
			server, gotCA, token := kc.credentials(tt.context)
			if server != tt.server || token != tt.token {
				t.Errorf("server %q, token %q; want %q, %q", server, token, tt.server, tt.token)
			}
			if tt.server != "" && string(gotCA) != string(ca) {
				t.Errorf("CA %q, want %q", gotCA, ca)
			}
		})
	}
}

func TestExternalWithoutJSONKeepsTheKubeconfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := os.WriteFile(path, []byte("apiVersion: v1\nkind: Config\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := External(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kubeconfig != path || c.Server != "" || c.local != nil {
		t.Errorf("got %+v, want only the kubeconfig path", c)
	}
	if err := c.RestartAPIServer(t.Context()); err != ErrNotLocal {
		t.Errorf("RestartAPIServer: %v, want ErrNotLocal", err)
	}
}

func TestWriteTokens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.csv")
	err := writeTokens(path, []identity{
		{name: "a", token: "ta", groups: []string{"g1", "g2"}},
		{name: "b", token: "tb"},
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	// No fourth column for a user without groups: an empty one would be a
	// group named "".
	want := "ta,a,a,\"g1,g2\"\ntb,b,b\n"
	if string(data) != want {
		t.Errorf("got %q, want %q", data, want)
	}
}

func TestVersionLdflags(t *testing.T) {
	goMod := filepath.Join(t.TempDir(), "go.mod")
	os.WriteFile(goMod, []byte("module x\n\nrequire (\n\tk8s.io/api v0.37.2\n\tk8s.io/kubernetes v1.37.2\n)\n"), 0o644)
	flags, err := versionLdflags(goMod)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"k8s.io/component-base/version.gitVersion=v1.37.2",
		"k8s.io/component-base/version.gitMajor=1",
		"k8s.io/component-base/version.gitMinor=37",
	} {
		if !strings.Contains(flags, want) {
			t.Errorf("ldflags %q lack %q", flags, want)
		}
	}
	os.WriteFile(goMod, []byte("module x\n"), 0o644)
	if _, err := versionLdflags(goMod); err == nil {
		t.Error("no error for a go.mod without k8s.io/kubernetes")
	}
}
