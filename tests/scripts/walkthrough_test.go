package scripts

import (
	"regexp"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// TestWalkthrough runs the walkthrough's steps in order, as its README
// does, and checks what each printed.
func TestWalkthrough(t *testing.T) {
	steps := []struct {
		script string
		want   []string // regular expressions the output must match
	}{
		{"01-identity.lua", []string{`(?m)^server:\s+https://`, `(?m)^user:\s+\S+`, `system:masters`}},
		{"02-root.lua", []string{`GET / -> 200`, `(?m)^  /api$`, `server version: v1\.`}},
		{"03-nodes.lua", []string{`klua-node\tInternalIP=127\.0\.0\.1`}},
		{"04-pods.lua", []string{`(?m)^(NAMESPACE\s+NAME\s+READY\s+STATUS|No resources found)`, `\d+ pods`}},
		{"05-namespace.lua", []string{`(created namespace|namespace walkthrough already exists)`, `phase: Active`}},
		{"06-replication-controller.lua", []string{`replicationcontroller nginx`}},
		{"07-scale.lua", []string{`spec.replicas = 3`, `(?m)^3 pods Running$`}},
		{"08-watch.lua", []string{`scaled nginx to 5`, `(?m)^ADDED\s+nginx-\S+\s+Pending`, `(?m)^MODIFIED\s+nginx-\S+\s+Running`, `(?m)^5 pods Running$`}},
	}
	seedPod(t)
	for _, step := range steps {
		t.Run(step.script, func(t *testing.T) {
			res := kluabin.Run(t, "run", "scripts/walkthrough/"+step.script)
			if res.Code != 0 {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", res.Code, res.Stdout, res.Stderr)
			}
			for _, re := range step.want {
				if !regexp.MustCompile(re).MatchString(res.Stdout) {
					t.Errorf("output does not match %q:\n%s", re, res.Stdout)
				}
			}
		})
	}
	t.Run("all.lua", func(t *testing.T) {
		res := kluabin.Run(t, "run", "scripts/walkthrough/all.lua")
		if res.Code != 0 {
			t.Fatalf("exit %d\nstderr:\n%s", res.Code, res.Stderr)
		}
		if got := strings.Count(res.Stdout, "\n== "); got < 7 {
			t.Errorf("all.lua ran %d steps:\n%s", got+1, res.Stdout)
		}
	})
}

// seedPod makes sure step 4 has a pod to show: a fresh control plane has
// none (no system pods run without add-ons), and kube.table then prints
// kubectl's "No resources found" instead of the table the step shows.
func seedPod(t *testing.T) {
	t.Helper()
	res := kluabin.Run(t, "-e", `
		kube.apply({apiVersion = "v1", kind = "Pod", metadata = {name = "walkthrough-seed", namespace = "default"},
			spec = {containers = {{name = "c", image = "busybox"}}}})`)
	if res.Code != 0 {
		t.Fatalf("creating a pod: %s", res.Stderr)
	}
	t.Cleanup(func() {
		kluabin.Run(t, "-e", `kube.delete("pods", "walkthrough-seed", {namespace = "default", ignoreNotFound = true})`)
	})
}
