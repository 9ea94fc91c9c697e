package main

import (
	"fmt"
	"os"
	"time"
)

// exitWithParent makes this component exit as soon as the process that
// started it is gone. The starter also sets Pdeathsig, but that signal is
// tied to the starter's OS thread rather than its process, so this check is
// the backstop: an orphaned etcd or apiserver would otherwise keep its ports
// and data dir forever.
func exitWithParent() {
	parent := os.Getppid()
	go func() {
		for range time.Tick(250 * time.Millisecond) {
			if os.Getppid() != parent {
				fmt.Fprintf(os.Stderr, "klua-cluster: parent process %d is gone, exiting\n", parent)
				os.Exit(1)
			}
		}
	}()
}
