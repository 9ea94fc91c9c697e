package testcluster

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Names of the files in a cluster's dir.
const (
	tokensFile      = "tokens.csv"
	serviceKeyFile  = "service-account.key"
	certDir         = "certs"
	servingCertFile = "certs/apiserver.crt" // written by the apiserver itself
	caFile          = "ca.crt"              // the CA part of it
	etcdDir         = "etcd"
	logDir          = "logs"
	kubeconfigFile  = "kubeconfig"
	kcmKubeconfig   = "controller-manager.kubeconfig"
	nodeKubeconfig  = "kubelet.kubeconfig"
	clustersDirName = "klua-testcluster"
)

// identity is a user the apiserver knows by a static token, and the name of
// its context (and user) in kubeconfig files.
type identity struct {
	context string
	name    string
	token   string
	groups  []string
}

// newClusterDir creates a fresh dir for a cluster under the temp dir. Its
// name starts with this process's pid, so that a later run can tell that its
// owner is gone and remove it (see sweepClusterDirs).
func newClusterDir() (string, error) {
	base := filepath.Join(os.TempDir(), clustersDirName)
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", fmt.Errorf("create %q: %w", base, err)
	}
	sweepClusterDirs(base)
	dir, err := os.MkdirTemp(base, strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return "", fmt.Errorf("create a cluster dir: %w", err)
	}
	for _, sub := range []string{certDir, etcdDir, logDir} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return "", fmt.Errorf("create a cluster dir: %w", err)
		}
	}
	return dir, nil
}

// sweepClusterDirs removes the dirs of clusters whose process died without
// cleaning up (killed, or a test panicked): their components died with it.
func sweepClusterDirs(base string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(strings.SplitN(e.Name(), "-", 2)[0])
		if err != nil || pid <= 0 || processAlive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(base, e.Name()))
	}
}

// processAlive reports whether pid is a live process (not a zombie).
func processAlive(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return !errors.Is(err, os.ErrNotExist)
	}
	// The state follows the command name, which is in parentheses.
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) == 0 || (fields[0] != "Z" && fields[0] != "X")
}

func newToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// writeTokens writes the apiserver's --token-auth-file: token,user,uid,"groups".
func writeTokens(path string, users []identity) error {
	var b strings.Builder
	for _, u := range users {
		fmt.Fprintf(&b, "%s,%s,%s", u.token, u.name, u.name)
		if len(u.groups) > 0 { // an empty fourth column would be one group named ""
			fmt.Fprintf(&b, ",%q", strings.Join(u.groups, ","))
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("write the token file: %w", err)
	}
	return nil
}

// writeServiceAccountKey writes the RSA key that the apiserver signs service
// account tokens with and that the controller-manager signs legacy ones with.
func writeServiceAccountKey(path string) error {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return fmt.Errorf("generate the service account key: %w", err)
	}
	block := &pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		return fmt.Errorf("write the service account key: %w", err)
	}
	return nil
}

// waitForFile waits until path exists and is not empty.
func waitForFile(path string, timeout time.Duration) ([]byte, error) {
	deadline := time.Now().Add(timeout)
	for {
		data, err := os.ReadFile(path)
		if err == nil && len(data) > 0 {
			return data, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%q did not appear within %s", path, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
