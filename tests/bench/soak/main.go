// Command soak measures the memory of a long-running klua daemon: one
// watch over 10,000 ConfigMaps and a schedule that runs every second and
// changes one of them (so that the watch sees a steady stream of events),
// for at least ten minutes. It samples the daemon's resident memory and
// Go heap and writes the series and a verdict (does memory level off?) to
// the "Daemon memory (soak)" section of docs/benchmarks.md.
//
//	go run ./tests/bench/soak                       # own control plane, 10 minutes
//	go run ./tests/bench/soak -duration 30m -out docs/benchmarks.md
//	go run ./tests/bench/soak -kubeconfig K -duration 2m -out ''   # quick look
//
// It is a benchmark, not a test: it takes minutes and its figures depend
// on the machine.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/klua/klua/tests/bench/internal/benchenv"
)

type config struct {
	kubeconfig string
	objects    int
	duration   time.Duration
	every      time.Duration
	out        string
}

func main() {
	var c config
	flag.StringVar(&c.kubeconfig, "kubeconfig", "", "an admin kubeconfig of a running cluster (default: start a local control plane)")
	flag.IntVar(&c.objects, "objects", 10000, "how many ConfigMaps the daemon watches")
	flag.DurationVar(&c.duration, "duration", 10*time.Minute, "how long the daemon runs")
	flag.DurationVar(&c.every, "sample", 10*time.Second, "time between memory samples")
	flag.StringVar(&c.out, "out", "docs/benchmarks.md", "document whose \"Daemon memory (soak)\" section gets the results ('' for stdout only)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, c); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, c config) error {
	env, err := setUp(ctx, c)
	if err != nil {
		return err
	}
	defer env.close()
	samples, err := env.soak(ctx, c)
	if err != nil {
		return err
	}
	section := report(c, env, samples)
	fmt.Print(section)
	if c.out == "" {
		return nil
	}
	return benchenv.WriteSection(env.root+"/"+c.out, heading, section)
}
