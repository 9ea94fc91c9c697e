package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	"go.etcd.io/etcd/server/v3/storage/wal"
)

// runEtcd runs a single-member embedded etcd on loopback until it is told to
// stop (SIGTERM or SIGINT) or fails.
func runEtcd(args []string) int {
	fs := flag.NewFlagSet("etcd", flag.ContinueOnError)
	dataDir := fs.String("data-dir", "", "directory for etcd's data (required)")
	clientPort := fs.Int("client-port", 0, "loopback port for clients (required)")
	peerPort := fs.Int("peer-port", 0, "loopback port for peers (required)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *dataDir == "" || *clientPort == 0 || *peerPort == 0 {
		fmt.Fprintln(os.Stderr, "etcd: --data-dir, --client-port and --peer-port are required")
		return 2
	}
	if err := serveEtcd(etcdConfig(*dataDir, *clientPort, *peerPort)); err != nil {
		fmt.Fprintf(os.Stderr, "etcd: %v\n", err)
		return 1
	}
	return 0
}

func etcdConfig(dataDir string, clientPort, peerPort int) *embed.Config {
	client := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", clientPort)}
	peer := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", peerPort)}
	cfg := embed.NewConfig()
	cfg.Name = "klua"
	cfg.Dir = dataDir
	cfg.ListenClientUrls = []url.URL{client}
	cfg.AdvertiseClientUrls = []url.URL{client}
	cfg.ListenPeerUrls = []url.URL{peer}
	cfg.AdvertisePeerUrls = []url.URL{peer}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.LogLevel = "warn"
	// A test cluster's data is thrown away with it; fsync on every write
	// only slows every test down.
	cfg.UnsafeNoFsync = true
	return cfg
}

func serveEtcd(cfg *embed.Config) error {
	// etcd preallocates two 64 MB WAL segments; a test cluster that lives
	// for seconds and is started per test binary needs a fraction of that.
	wal.SegmentSizeBytes = 4 << 20
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return fmt.Errorf("start embedded etcd in %q: %w", cfg.Dir, err)
	}
	defer e.Close()
	select {
	case <-e.Server.ReadyNotify():
	case <-time.After(time.Minute):
		return fmt.Errorf("embedded etcd in %q was not ready after a minute", cfg.Dir)
	}
	fmt.Fprintf(os.Stderr, "etcd: ready, serving clients on %s\n", cfg.ListenClientUrls[0].String())
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	select {
	case sig := <-stop:
		fmt.Fprintf(os.Stderr, "etcd: %v, stopping\n", sig)
		return nil
	case err := <-e.Err():
		return fmt.Errorf("embedded etcd: %w", err)
	}
}
