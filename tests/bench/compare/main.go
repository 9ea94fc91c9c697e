// Command compare runs klua beside curl, curl | jq, kubectl and the
// Kubernetes Python client on the same API server, interleaving their
// runs, and writes the medians, ranges, ratios to curl and peak memory to
// the "Side by side" section of docs/benchmarks.md, with the machine, the
// versions and the exact commands.
//
//	go run ./tests/bench/compare                    # own control plane; installs peers from Debian when it can
//	go run ./tests/bench/compare -kubeconfig K -runs 3 -out ''
//	go run ./tests/bench/compare -soak              # also the 10-minute daemon soak (tests/bench/soak)
//
// It is a benchmark, not a test: its figures depend on the machine and
// its load, which the report records.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/klua/klua/tests/bench/internal/benchenv"
)

type config struct {
	kubeconfig string
	runs       int
	install    bool
	soak       bool
	repl       bool
	out        string
	only       string
}

func main() {
	var c config
	flag.StringVar(&c.kubeconfig, "kubeconfig", "", "an admin kubeconfig (JSON, as testcluster writes it) of a running cluster (default: start a local control plane)")
	flag.IntVar(&c.runs, "runs", 7, "measured runs of each tool per case (one GET: three times as many)")
	flag.BoolVar(&c.install, "install", true, "apt-get install kubectl, jq and the Python client when missing (as root)")
	flag.BoolVar(&c.soak, "soak", false, "also run the 20-minute daemon soak (go run ./tests/bench/soak) into its own section: the target asks for memory level over 10 minutes, and the verdict reads the second half")
	flag.BoolVar(&c.repl, "repl", true, "also measure REPL start-up (go test -bench StartupToPrompt ./tests/repl) into its own section")
	flag.StringVar(&c.only, "cases", "", "run only these cases, by number (\"1,5\"); the report then has only them")
	flag.StringVar(&c.out, "out", "docs/benchmarks.md", "document whose sections get the results ('' for stdout only)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, c); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// bench is one run of the harness.
type bench struct {
	config
	env     *benchenv.Env
	environ []string
	caFile  string
	listed  int // ConfigMaps in listNS, the seeded ones and kube-root-ca.crt
	jsonLen int // bytes of their list as compact JSON
	tools   map[string]bool
	replOut string // go test's output of BenchmarkStartupToPrompt
	loadBefore,
	loadAfter string
	// The floor program, built plain and with client-go linked.
	floorGo, floorClientGo string
}

func run(ctx context.Context, c config) error {
	if c.install {
		installPeers()
	}
	env, err := benchenv.Start(ctx, "compare", c.kubeconfig)
	if err != nil {
		return err
	}
	defer env.Close()
	e := &bench{config: c, env: env, environ: append(os.Environ(), "KUBECONFIG="+env.Kubeconfig)}
	if err := e.prepare(ctx); err != nil {
		return err
	}
	e.loadBefore = loadavg()
	results, err := e.measureAll(ctx)
	if err != nil {
		return err
	}
	if c.repl {
		if err := e.replStartup(ctx); err != nil {
			return err
		}
	}
	e.loadAfter = loadavg()
	section := e.report(results)
	fmt.Print(section)
	if c.out != "" {
		if err := benchenv.WriteSection(filepath.Join(env.Root, c.out), heading, section); err != nil {
			return err
		}
	}
	if c.soak {
		return e.runSoak(ctx)
	}
	return nil
}

// prepare seeds the namespaces and finds which peers are installed.
func (e *bench) prepare(ctx context.Context) error {
	e.caFile = filepath.Join(e.env.Tmp, "ca.crt")
	if err := os.WriteFile(e.caFile, e.env.Cluster.CA, 0o600); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "compare: seeding %d ConfigMaps\n", seeded)
	if err := e.env.Seed(ctx, listNS, seeded, func(name string, _ int) string { return configMap(name, "seed", "yes") }); err != nil {
		return err
	}
	if err := e.env.Create(ctx, "/api/v1/namespaces", `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"`+streamNS+`"}}`); err != nil {
		return err
	}
	if err := e.countList(ctx); err != nil {
		return err
	}
	if !found("/usr/bin/time") {
		return fmt.Errorf("peak memory needs GNU time at /usr/bin/time (Debian's package time)")
	}
	e.tools = map[string]bool{toolKlua: true}
	e.tools[toolCurl] = e.env.Cluster.AdminToken != "" && found("curl")
	e.tools[toolJq] = e.tools[toolCurl] && found("jq")
	e.tools[toolKubectl] = found("kubectl")
	e.tools[toolPython] = exec.Command("/usr/bin/python3", "-c", "import kubernetes").Run() == nil
	if e.tools[toolCurl] { // it needs the admin token too
		if err := e.buildFloors(ctx); err != nil {
			return err
		}
		e.tools[toolGo], e.tools[toolGoClientGo] = true, true
	}
	return nil
}

// buildFloors builds tests/bench/floor as klua is built, plain and with
// client-go linked.
func (e *bench) buildFloors(ctx context.Context) error {
	e.floorGo = filepath.Join(e.env.Tmp, "floor-go")
	e.floorClientGo = filepath.Join(e.env.Tmp, "floor-client-go")
	if err := e.env.BuildAsReleased(ctx, "./tests/bench/floor", e.floorGo, ""); err != nil {
		return err
	}
	return e.env.BuildAsReleased(ctx, "./tests/bench/floor", e.floorClientGo, "clientgo")
}

func found(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// installPeers installs the peers Debian serves, when missing and when
// this runs as root; without them their columns stay empty.
func installPeers() {
	var missing []string
	for bin, pkg := range map[string]string{"kubectl": "kubernetes-client", "jq": "jq", "curl": "curl", "/usr/bin/time": "time"} {
		if !found(bin) {
			missing = append(missing, pkg)
		}
	}
	if exec.Command("/usr/bin/python3", "-c", "import kubernetes").Run() != nil {
		missing = append(missing, "python3-kubernetes")
	}
	if len(missing) == 0 || os.Geteuid() != 0 || !found("apt-get") {
		return
	}
	fmt.Fprintf(os.Stderr, "compare: apt-get install %v\n", missing)
	cmd := exec.Command("sh", "-c", "apt-get update -q && apt-get install -y -q \"$@\"", "sh")
	cmd.Args = append(cmd.Args, missing...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "compare: installing peers: %v (their columns stay empty)\n", err)
	}
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	var one, five, fifteen string
	fmt.Sscan(string(b), &one, &five, &fifteen)
	return one + " " + five + " " + fifteen
}
