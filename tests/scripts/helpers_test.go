package scripts

import (
	"regexp"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// luaIn runs Lua code through klua (as admin, in namespace ns when given)
// and returns what it printed; an error fails the test. Tests seed and
// inspect the cluster with it, in the same language as the scripts.
func luaIn(t *testing.T, ns, code string) string {
	t.Helper()
	args := []string{"-e", code}
	if ns != "" {
		args = append([]string{"-n", ns}, args...)
	}
	res := kluabin.Run(t, args...)
	if res.Code != 0 {
		t.Fatalf("klua -e failed (exit %d): %s\ncode:\n%s", res.Code, res.Stderr, code)
	}
	return res.Stdout
}

// script runs scripts/NAME with klua's flags and then the script's
// arguments.
func script(t *testing.T, flags []string, name string, args ...string) kluabin.Result {
	t.Helper()
	argv := append(append(flags, "run", "scripts/"+name), args...)
	return kluabin.Run(t, argv...)
}

// mustRun runs a script that must succeed and returns its output.
func mustRun(t *testing.T, flags []string, name string, args ...string) string {
	t.Helper()
	res := script(t, flags, name, args...)
	if res.Code != 0 {
		t.Fatalf("%s %v: exit %d\nstdout:\n%s\nstderr:\n%s", name, args, res.Code, res.Stdout, res.Stderr)
	}
	return res.Stdout
}

// matches checks that out matches each regular expression (and, for
// those starting with "!", does not).
func matches(t *testing.T, out string, res ...string) {
	t.Helper()
	for _, re := range res {
		not := strings.HasPrefix(re, "!")
		if regexp.MustCompile(strings.TrimPrefix(re, "!")).MatchString(out) == not {
			t.Errorf("output %s %q:\n%s", map[bool]string{false: "does not match", true: "matches"}[not], strings.TrimPrefix(re, "!"), out)
		}
	}
}

// q quotes s for a regular expression.
func q(s string) string { return regexp.QuoteMeta(s) }

// seedLua is Lua code shared by the seeding snippets: pod(name, opts)
// and deployment(name, opts) build objects, wait_for(resource, name, fn)
// waits for a state.
const seedLua = `
function pod(name, o)
  o = o or {}
  return {apiVersion = "v1", kind = "Pod",
    metadata = {name = name, labels = o.labels, annotations = o.phase and {["klua.dev/fake-phase"] = o.phase}},
    spec = o.spec or {restartPolicy = o.restartPolicy, containers = o.containers or {{name = "c", image = o.image or "nginx"}}}}
end
function deployment(name, o)
  o = o or {}
  local labels = {app = name}
  return {apiVersion = "apps/v1", kind = "Deployment",
    metadata = {name = name, labels = o.labels},
    spec = {replicas = o.replicas or 1, selector = {matchLabels = labels},
      template = {metadata = {labels = labels}, spec = o.spec or {containers = {{name = "c", image = "nginx"}}}}}}
end
function wait_for(resource, name, fn)
  return kube.wait(resource, name, function(o) return o and fn(o) end, {timeout = 60})
end
function available(d)
  return d.status and (d.status.availableReplicas or 0) == d.spec.replicas and d.status.observedGeneration == d.metadata.generation
end
`
