package scripts

import (
	"strings"
	"testing"
)

func TestRolloutRestart(t *testing.T) {
	ns := newNamespace(t, "scripts-restart")
	luaIn(t, ns, seedLua+`
		kube.create(deployment("web", {replicas = 2, labels = {tier = "front"}}))
		kube.create(deployment("api", {labels = {tier = "front"}}))
		kube.create(deployment("db", {labels = {tier = "back"}}))
		for _, d in ipairs({"web", "api", "db"}) do wait_for("deployments", d, available) end`)

	out := mustRun(t, []string{"-n", ns}, "rollout-restart.lua", "--selector", "tier=front", "--wait")
	matches(t, out, `(?m)^deployments/web restarted and rolled out$`, `(?m)^deployments/api restarted and rolled out$`, `!db`)
	luaIn(t, ns, seedLua+`
		local function restarted(name)
		  local a = kube.get("deployments", name).spec.template.metadata.annotations
		  return a and a["kubectl.kubernetes.io/restartedAt"]
		end
		assert(restarted("web") and restarted("api") and not restarted("db"))
		assert(time.since(restarted("web")) < 300, restarted("web"))
		-- A rollout: a new ReplicaSet, whose pods are the available ones.
		local d = wait_for("deployments", "web", available)
		assert(d.status.updatedReplicas == 2)
		assert(#kube.list("replicasets", {labelSelector = "app=web"}).items == 2)`)

	out = mustRun(t, []string{"-n", ns}, "rollout-restart.lua", "deployment/db")
	matches(t, out, `^deployment/db restarted\n$`)

	res := script(t, []string{"-n", ns}, "rollout-restart.lua")
	if res.Code != 1 || !strings.Contains(res.Stderr, "nothing to restart: give names or --selector") {
		t.Errorf("no target: exit %d, %q", res.Code, res.Stderr)
	}
}

func TestAddMissingLabels(t *testing.T) {
	ns := newNamespace(t, "scripts-labels")
	luaIn(t, ns, `
		for name, labels in pairs({a = {team = "x"}, b = {}, c = {["app.kubernetes.io/name"] = "custom"}}) do
		  labels.seeded = "yes"
		  kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = name, labels = labels}})
		end`)
	args := []string{"--selector", "seeded=yes", "cm", "team=platform", "app.kubernetes.io/name={name}"}
	out := mustRun(t, []string{"-n", ns}, "add-missing-labels.lua", args...)
	matches(t, out, `(?m)^labelled cm `+q(ns)+`/a: app.kubernetes.io/name$`,
		`(?m)^labelled cm `+q(ns)+`/b: app.kubernetes.io/name, team$`,
		`(?m)^labelled cm `+q(ns)+`/c: team$`, `(?m)^3 of 3 cm labelled$`)
	luaIn(t, ns, `
		local function labels(name) return kube.get("configmaps", name).metadata.labels end
		assert(labels("a").team == "x" and labels("a")["app.kubernetes.io/name"] == "a")
		assert(labels("b").team == "platform" and labels("b")["app.kubernetes.io/name"] == "b")
		assert(labels("c").team == "platform" and labels("c")["app.kubernetes.io/name"] == "custom")`)

	// Nothing is missing any more: nothing is written.
	out = mustRun(t, []string{"-n", ns}, "add-missing-labels.lua", args...)
	matches(t, out, `^0 of 3 cm labelled\n$`)
}

func TestScaleDownIdleOnce(t *testing.T) {
	ns := newNamespace(t, "scripts-idle")
	luaIn(t, ns, seedLua+`
		local opt_in = {["klua.dev/scale-down-when-idle"] = "true"}
		kube.create(deployment("preview", {replicas = 2, labels = opt_in}))
		kube.create(deployment("zero", {replicas = 0, labels = opt_in}))
		kube.create(deployment("prod", {replicas = 1}))
		wait_for("deployments", "preview", available)`)

	out := mustRun(t, []string{"-n", ns}, "scale-down-idle.lua", "--once", "--idle-for", "1h")
	if out != "" {
		t.Errorf("nothing has been idle for an hour, yet:\n%s", out)
	}
	out = mustRun(t, []string{"-n", ns}, "scale-down-idle.lua", "--once", "--idle-for", "0s")
	matches(t, out, `^scaled preview from 2 to 0 replicas \(idle since \d{4}-\d\d-\d\dT[\d:]+Z\)\n$`)
	luaIn(t, ns, `
		local p = kube.get("deployments", "preview")
		assert(p.spec.replicas == 0 and p.metadata.annotations["klua.dev/scaled-down-from"] == "2")
		assert(kube.get("deployments", "prod").spec.replicas == 1)
		assert((kube.get("deployments", "zero").metadata.annotations or {})["klua.dev/scaled-down-from"] == nil)`)

	out = mustRun(t, []string{"-n", ns}, "scale-down-idle.lua", "--restore")
	matches(t, out, `^restored preview to 2 replicas\n$`)
	luaIn(t, ns, `
		local p = kube.get("deployments", "preview")
		assert(p.spec.replicas == 2 and p.metadata.annotations["klua.dev/scaled-down-from"] == nil)`)
}

// Without --once the script makes a pass every --every until stopped.
func TestScaleDownIdleRepeats(t *testing.T) {
	ns := newNamespace(t, "scripts-idleloop")
	d := startDaemon(t, "-n", ns, "run", "scripts/scale-down-idle.lua", "--idle-for", "0s", "--every", "1s")
	// Created after the script started: a later pass must find it.
	luaIn(t, ns, seedLua+`kube.create(deployment("late", {replicas = 1, labels = {["klua.dev/scale-down-when-idle"] = "true"}}))`)
	d.expectLine("scaled late from 1 to 0 replicas")
}
