package daemon

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// admin sends a request to the API server as the cluster's admin and
// returns the status and body.
func admin(t *testing.T, method, path string, body any) (int, []byte) {
	t.Helper()
	c := testcluster.Get(t)
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.Server+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.AdminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := httpClient(c.CA).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out
}

func httpClient(ca []byte) *http.Client {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	return &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
}

// namespace creates a namespace for the test and deletes it after.
func namespace(t *testing.T, prefix string) string {
	t.Helper()
	status, body := admin(t, "POST", "/api/v1/namespaces", map[string]any{
		"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"generateName": prefix + "-"}})
	if status != http.StatusCreated {
		t.Fatalf("creating a namespace: %d %s", status, body)
	}
	var ns struct {
		Metadata struct{ Name string }
	}
	json.Unmarshal(body, &ns)
	t.Cleanup(func() { admin(t, "DELETE", "/api/v1/namespaces/"+ns.Metadata.Name, nil) })
	return ns.Metadata.Name
}

// applyFile server-side applies every object of a deploy file in ns, as
// klua does it, for real or (dryRun) as a server-side dry run.
func applyFile(t *testing.T, ns, file string, dryRun bool) kluabin.Result {
	t.Helper()
	args := []string{"-n", ns}
	if dryRun {
		args = append(args, "--dry-run")
	}
	code := fmt.Sprintf(`for _, obj in ipairs(yaml.load_file(%q)) do
  local got = kube.apply(obj)
  print(got.kind .. "/" .. got.metadata.name)
end`, file)
	return kluabin.Run(t, append(args, "-e", code)...)
}

// serviceAccountKubeconfig asks the TokenRequest API for a token of the
// service account and writes a kubeconfig that authenticates with it.
func serviceAccountKubeconfig(t *testing.T, ns, sa string) string {
	t.Helper()
	status, body := admin(t, "POST", "/api/v1/namespaces/"+ns+"/serviceaccounts/"+sa+"/token", map[string]any{
		"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
		"spec": map[string]any{"expirationSeconds": 3600}})
	if status != http.StatusCreated {
		t.Fatalf("TokenRequest for %s/%s: %d %s", ns, sa, status, body)
	}
	var tr struct {
		Status struct{ Token string }
	}
	if err := json.Unmarshal(body, &tr); err != nil || tr.Status.Token == "" {
		t.Fatalf("TokenRequest answer without a token: %s", body)
	}
	c := testcluster.Get(t)
	dir := t.TempDir()
	caPath := filepath.Join(dir, "ca.crt")
	if err := os.WriteFile(caPath, c.CA, 0o600); err != nil {
		t.Fatal(err)
	}
	kc := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: test
  cluster: {server: %q, certificate-authority: %q}
users:
- name: %s
  user: {token: %q}
contexts:
- name: sa
  context: {cluster: test, user: %s, namespace: %s}
current-context: sa
`, c.Server, caPath, sa, tr.Status.Token, sa, ns)
	path := filepath.Join(dir, "kubeconfig")
	if err := os.WriteFile(path, []byte(kc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// syncBuffer is an output buffer that a test reads while a process writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// process is a klua started in the background.
type process struct {
	cmd            *exec.Cmd
	stdout, stderr *syncBuffer
	done           chan struct{}
	err            error
}

// start runs klua with args in the background (KUBECONFIG=kubeconfig when
// given) and kills it when the test ends.
func start(t *testing.T, kubeconfig string, args ...string) *process {
	t.Helper()
	cmd := kluabin.Command(t, args...)
	if kubeconfig != "" {
		cmd.Env = append(cmd.Env, "KUBECONFIG="+kubeconfig)
	}
	p := &process{cmd: cmd, stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.stdout, p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("klua %s\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), p.stdout, p.stderr)
		}
	})
	return p
}

// exitCode waits up to d for the process to end and returns its exit code.
func (p *process) exitCode(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(d):
		t.Fatalf("klua still runs after %s", d)
	}
	if ee, ok := p.err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if p.err != nil {
		t.Fatal(p.err)
	}
	return 0
}

// waitFor polls cond every 100 ms until it holds or d passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// freeAddr is a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// get fetches a URL and returns the status and body (0 when nothing
// answers).
func get(url string) (int, string) {
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
