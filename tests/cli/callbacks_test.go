package cli

import (
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// callbackScript watches one ConfigMap (named by arg[1]), fails or spins
// in the callback for its first event as arg[2] says, and stops the watch
// at the second event, which a patch causes.
const callbackScript = `
local name, mode = arg[1], arg[2]
local n = 0
local w
w = kube.watch("configmaps", {namespace = "default", fieldSelector = "metadata.name=" .. name}, function(ev)
  n = n + 1
  if n == 1 then
    if mode == "fail" then error("boom") end
    if mode == "spin" then while true do end end
  end
  print("event " .. n .. " handled")
  w:stop()
  kube.delete("configmaps", name)
end)
kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = name}})
sleep(0.5)
kube.patch("configmaps", name, {data = {again = "yes"}})
`

func TestCallbackErrorIsReportedAndTheLoopGoesOn(t *testing.T) {
	path := script(t, "cb.lua", callbackScript)
	res := kluabin.Run(t, "run", path, "cb-report", "fail")
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	if !strings.Contains(res.Stderr, "callback for configmaps default/cb-report failed: ") ||
		!strings.Contains(res.Stderr, "cb.lua:8: boom") {
		t.Errorf("the failure is not reported with the object and the line:\n%s", res.Stderr)
	}
	if !strings.Contains(res.Stdout, "event 2 handled") {
		t.Errorf("the watch did not go on after the failure:\n%s", res.Stdout)
	}
}

func TestOnErrorExit(t *testing.T) {
	path := script(t, "cb.lua", callbackScript)
	res := kluabin.Run(t, "--on-error=exit", "run", path, "cb-exit", "fail")
	defer kluabin.Run(t, "-e", `kube.delete("configmaps", "cb-exit", {ignoreNotFound = true})`)
	if res.Code != 1 {
		t.Errorf("exit %d, want 1", res.Code)
	}
	if !strings.Contains(res.Stderr, "cb.lua:8: boom") || strings.Contains(res.Stdout, "handled") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", res.Stdout, res.Stderr)
	}
}

func TestCallbackTimeout(t *testing.T) {
	path := script(t, "cb.lua", callbackScript)
	res := kluabin.Run(t, "--callback-timeout=300ms", "run", path, "cb-timeout", "spin")
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	if !strings.Contains(res.Stderr, "callback for configmaps default/cb-timeout failed: timed out after 300ms") {
		t.Errorf("the timeout is not reported:\n%s", res.Stderr)
	}
	if !strings.Contains(res.Stdout, "event 2 handled") {
		t.Errorf("the watch did not go on after the timeout:\n%s", res.Stdout)
	}
}
