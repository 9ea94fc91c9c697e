package main

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"
)

// reportLeftovers is --debug's check that stopping the script left no
// watch, reconciler or timer running: it waits briefly for their
// goroutines to end, and prints the stacks of those that did not.
func reportLeftovers(w io.Writer) {
	deadline := time.Now().Add(2 * time.Second)
	for {
		left := leftoverGoroutines()
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			fmt.Fprintf(w, "klua: %d goroutines left running after the script stopped:\n%s\n",
				len(left), strings.Join(left, "\n\n"))
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// leftoverGoroutines lists the goroutines that belong to a script's
// watches, reconcilers and schedules.
func leftoverGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		s := string(g)
		if strings.Contains(s, "reportLeftovers") {
			continue
		}
		for _, mark := range []string{"client-go/tools/cache", "klua/klua/kube.", "klua/klua/stdlib/", "client-go/util/workqueue"} {
			if strings.Contains(s, mark) {
				left = append(left, s)
				break
			}
		}
	}
	return left
}
