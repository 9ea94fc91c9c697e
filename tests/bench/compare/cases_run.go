package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/klua/klua/kube"
)

// result is what one tool did in one case over its runs.
type result struct {
	cmd     command
	samples []sample
	err     error // the first failure; the tool's cell then says so
}

// caseResult is one case: each tool's result.
type caseResult struct {
	benchCase
	byTool map[string]*result
}

// measureAll runs every case. Within a case the tools take turns, in an
// order that rotates from run to run, after one warm-up run each (page
// cache, kubectl's discovery cache), so that a change in the machine's
// load hits them all alike.
func (e *bench) measureAll(ctx context.Context) ([]caseResult, error) {
	var all []caseResult
	for _, c := range e.cases() {
		if e.only != "" && !strings.Contains(","+e.only+",", ","+strings.SplitN(c.name, ".", 2)[0]+",") {
			continue
		}
		cr := caseResult{benchCase: c, byTool: map[string]*result{}}
		var tools []string
		for _, t := range measuredTools {
			if _, ok := c.cmds(0)[t]; ok && e.tools[t] {
				tools = append(tools, t)
				cr.byTool[t] = &result{cmd: c.cmds(0)[t]}
			}
		}
		fmt.Fprintf(os.Stderr, "compare: %s (%d runs of %v)\n", c.name, c.runs, tools)
		for i := -1; i < c.runs; i++ {
			for j := range tools {
				t := tools[(j+max(i, 0))%len(tools)]
				if err := e.measureOne(ctx, c, i, t, cr.byTool[t]); err != nil {
					return nil, err
				}
			}
		}
		all = append(all, cr)
	}
	return all, nil
}

// measureOne runs tool t once in case c (run -1 is the warm-up, not
// kept). A tool that fails keeps its first error and is not run again.
func (e *bench) measureOne(ctx context.Context, c benchCase, i int, t string, r *result) error {
	if r.err != nil {
		return nil
	}
	var during func() error
	if c.during != nil {
		during = func() error { return c.during(i+1, t) }
	}
	s, err := e.run(ctx, c.cmds(i + 1)[t], during)
	if c.after != nil {
		if aerr := c.after(i+1, t); aerr != nil && err == nil {
			err = aerr
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "compare: %s: %s failed: %v\n", c.name, t, err)
		r.err = err
		return nil
	}
	if i >= 0 {
		r.samples = append(r.samples, s)
	}
	return nil
}

// countList finds how many ConfigMaps the list case lists, and how big
// their list is as compact JSON (what the server sends a client that is
// not curl, before gzip).
func (e *bench) countList(ctx context.Context) error {
	r, err := e.env.Client.Resolve(ctx, "configmaps")
	if err != nil {
		return err
	}
	body, err := e.env.Client.List(ctx, r, kube.Options{Namespace: listNS})
	if err != nil {
		return err
	}
	var list struct{ Items []json.RawMessage }
	if err := json.Unmarshal(body, &list); err != nil {
		return fmt.Errorf("reading the list of ConfigMaps: %w", err)
	}
	e.jsonLen, e.listed = len(body), len(list.Items)
	return nil
}

// replStartup runs the REPL's start-up benchmark (it needs a terminal,
// which tests/repl sets up) and writes its section.
func (e *bench) replStartup(ctx context.Context) error {
	fmt.Fprintln(os.Stderr, "compare: REPL start-up (go test -bench StartupToPrompt ./tests/repl)")
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "XXX", "-bench", "StartupToPrompt", "-benchtime", "40x", "./tests/repl")
	cmd.Dir = e.env.Root
	cmd.Env = append(os.Environ(), "KLUA_TEST_KUBECONFIG="+e.env.Kubeconfig)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("REPL start-up benchmark: %v\n%s", err, out)
	}
	e.replOut = string(out)
	return nil
}

// runSoak runs the daemon soak against the same cluster; it writes its
// own section.
func (e *bench) runSoak(ctx context.Context) error {
	fmt.Fprintln(os.Stderr, "compare: daemon soak, 20 minutes (go run ./tests/bench/soak)")
	cmd := exec.CommandContext(ctx, "go", "run", "./tests/bench/soak", "-kubeconfig", e.env.Kubeconfig, "-duration", "20m", "-out", e.out)
	cmd.Dir = e.env.Root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}
