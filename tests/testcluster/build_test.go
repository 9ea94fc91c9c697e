package testcluster

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestSourceHashFollowsTheSources(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hash := func() string {
		h, err := sourceHash(dir, goCommand(), "-X a=b")
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	write("go.mod", "module x\n")
	write("main.go", "package main\n")
	first := hash()
	write("README.md", "not a source\n")
	if hash() != first {
		t.Error("a README changed the hash")
	}
	write("kubelet/node.go", "package kubelet\n")
	if hash() == first {
		t.Error("a new Go file in a subdirectory did not change the hash")
	}
}

func TestRepoRootFromASubdirectory(t *testing.T) {
	root, err := RepoRoot() // go test runs in tests/testcluster
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "tests", "cluster", "go.mod")); err != nil {
		t.Errorf("RepoRoot() = %q, which has no tests/cluster/go.mod", root)
	}
}

// readCA keeps the CA of the apiserver's certificate file, which also holds
// the serving certificate.
func TestReadCAKeepsOnlyCACertificates(t *testing.T) {
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTemplate := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ca"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	serving := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour), BasicConstraintsValid: true,
	}
	servingDER, err := x509.CreateCertificate(rand.Reader, serving, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	file := filepath.Join(t.TempDir(), "apiserver.crt")
	os.WriteFile(file, append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: servingDER}), caPEM...), 0o644)
	got, err := readCA(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(caPEM) {
		t.Errorf("readCA returned %q, want only the CA certificate", got)
	}
	os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: servingDER}), 0o644)
	if _, err := readCA(file); err == nil {
		t.Error("no error for a file without a CA certificate")
	}
}
