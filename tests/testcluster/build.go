package testcluster

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"
)

// binaryName is the name of the control plane binary in the cache.
const binaryName = "klua-cluster"

// Build returns the path of the control plane binary built from the
// repository's tests/cluster, building it first if this version of the
// sources has not been built yet. Builds are cached per source hash under
// the user's cache dir, and a file lock makes parallel test binaries wait for
// one build instead of running several. Progress is written to progress.
func Build(ctx context.Context, progress io.Writer) (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	srcDir := filepath.Join(root, "tests", "cluster")
	goTool := goCommand()
	ldflags, err := versionLdflags(filepath.Join(srcDir, "go.mod"))
	if err != nil {
		return "", err
	}
	hash, err := sourceHash(srcDir, goTool, ldflags)
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the user cache dir: %w", err)
	}
	base := filepath.Join(cache, "klua", "testcluster")
	bin := filepath.Join(base, hash, binaryName)
	if _, err := os.Stat(bin); err == nil {
		touch(filepath.Dir(bin))
		return bin, nil
	}
	unlock, err := lockBuilds(ctx, base, progress)
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := os.Stat(bin); err == nil {
		return bin, nil // built by the process we waited for
	}
	if err := build(ctx, goTool, srcDir, ldflags, bin, progress); err != nil {
		return "", err
	}
	pruneOldBuilds(base, hash)
	return bin, nil
}

// RepoRoot walks up from the working directory to the directory that holds
// tests/cluster/go.mod: go test runs each package in its own directory.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the repository root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "tests", "cluster", "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find the repository root: no parent of the working directory has tests/cluster/go.mod")
		}
		dir = parent
	}
}

// goCommand is the go tool of the toolchain that built this program, so the
// control plane is built by the same Go as the tests; PATH's otherwise.
func goCommand() string {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err == nil {
		return goTool
	}
	return "go"
}

// sourceHash identifies a build: tests/cluster's Go files, go.mod, go.sum,
// the Go version and the linker flags.
func sourceHash(dir, goTool, ldflags string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if !d.IsDir() && (strings.HasSuffix(name, ".go") || name == "go.mod" || name == "go.sum") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("list the control plane's sources in %q: %w", dir, err)
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("hash the control plane's sources: %w", err)
		}
		rel, _ := filepath.Rel(dir, f)
		fmt.Fprintf(h, "%s %d\n", rel, len(data))
		h.Write(data)
	}
	version, err := exec.Command(goTool, "version").Output()
	if err != nil {
		return "", fmt.Errorf("run %q version: %w", goTool, err)
	}
	h.Write(version)
	h.Write([]byte(ldflags))
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// lockBuilds takes the build lock, saying so if another process holds it.
func lockBuilds(ctx context.Context, base string, progress io.Writer) (unlock func(), err error) {
	if err := os.MkdirAll(base, 0o755); err != nil {
		return nil, fmt.Errorf("create the build cache: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(base, "build.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open the build lock: %w", err)
	}
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		fmt.Fprintln(progress, "testcluster: waiting for another process that is building the control plane")
		done := make(chan error, 1)
		go func() { done <- syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }()
		select {
		case err = <-done:
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err != nil {
			// The goroutine stays blocked until the lock is free; the
			// process is about to give up anyway.
			f.Close()
			return nil, fmt.Errorf("wait for the build lock: %w", err)
		}
	}
	return func() { f.Close() }, nil
}

// build runs go build into a temporary file next to bin and renames it, so
// that a half-written binary is never found in the cache.
func build(ctx context.Context, goTool, srcDir, ldflags, bin string, progress io.Writer) error {
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		return fmt.Errorf("create the build cache: %w", err)
	}
	tmp := bin + ".tmp"
	cmd := exec.CommandContext(ctx, goTool, "build", "-buildvcs=false", "-ldflags", ldflags, "-o", tmp, ".")
	cmd.Dir = srcDir
	// The control plane is its own module: a go.work above it must not pull
	// it into another build.
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	stop := reportProgress(progress, filepath.Dir(bin))
	err := cmd.Run()
	stop(err)
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("build the control plane in %q: %w\n%s", srcDir, err, out.String())
	}
	if err := os.Rename(tmp, bin); err != nil {
		return fmt.Errorf("store the control plane binary: %w", err)
	}
	return nil
}

// versionLdflags stamps the Kubernetes version that tests/cluster/go.mod
// requires into the binary, as Kubernetes' own build does. Without it the
// apiserver reports v0.0.0-master+$Format:%H$, which kubectl cannot parse.
func versionLdflags(goMod string) (string, error) {
	data, err := os.ReadFile(goMod)
	if err != nil {
		return "", fmt.Errorf("read the control plane's go.mod: %w", err)
	}
	var version string
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 2 && fields[0] == "k8s.io/kubernetes" && strings.HasPrefix(fields[1], "v") {
			version = fields[1]
		}
	}
	major, minor, ok := strings.Cut(strings.TrimPrefix(version, "v"), ".")
	if !ok {
		return "", fmt.Errorf("find the k8s.io/kubernetes version in %q", goMod)
	}
	minor, _, _ = strings.Cut(minor, ".")
	var flags []string
	for _, pkg := range []string{"k8s.io/component-base/version", "k8s.io/client-go/pkg/version"} {
		flags = append(flags,
			"-X", pkg+".gitVersion="+version,
			"-X", pkg+".gitMajor="+major,
			"-X", pkg+".gitMinor="+minor,
			"-X", pkg+".gitTreeState=clean")
	}
	return strings.Join(flags, " "), nil
}

// reportProgress tells the user what the long first build is, then how long
// it has been running every 30 seconds, until the returned stop is called.
func reportProgress(w io.Writer, cacheDir string) (stop func(error)) {
	start := time.Now()
	fmt.Fprintf(w, "testcluster: building the Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager) from tests/cluster;\n"+
		"testcluster: the first build takes about 5 minutes on 2 cores (a rebuild about 15 s), then it is cached in %s\n", cacheDir)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		ticker := time.NewTicker(30 * time.Second)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				fmt.Fprintf(w, "testcluster: still building the control plane (%s elapsed)\n", since(start))
			}
		}
	}()
	return func(err error) {
		close(done)
		<-finished
		if err == nil {
			fmt.Fprintf(w, "testcluster: built the control plane in %s\n", since(start))
		}
	}
}

func since(t time.Time) time.Duration {
	return time.Since(t).Round(time.Second)
}

// touch marks a build as used, so pruneOldBuilds keeps it.
func touch(dir string) {
	now := time.Now()
	os.Chtimes(dir, now, now)
}

// pruneOldBuilds removes builds of other sources unused for a week; each is
// about 200 MB. Recent ones stay: another checkout may still run them.
func pruneOldBuilds(base, keep string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !e.IsDir() || e.Name() == keep || time.Since(info.ModTime()) < 7*24*time.Hour {
			continue
		}
		os.RemoveAll(filepath.Join(base, e.Name()))
	}
}
