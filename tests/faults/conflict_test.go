package faults

import (
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// An update from a stale read is a 409 Conflict with a clear message, and
// kube.retry_on_conflict runs the read-modify-write again until it holds.
func TestConflict(t *testing.T) {
	res := kluabin.Run(t, "-e", `
		kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "conflict"}, data = {n = "0"}})
		local stale = kube.get("configmaps", "conflict")
		kube.patch("configmaps", "conflict", {data = {n = "1"}})
		stale.data.n = "2"
		local ok, err = pcall(kube.update, stale)
		print(err.code, err.reason)
		print(err)

		local calls = 0
		local cm = kube.retry_on_conflict(function()
			calls = calls + 1
			local cm = kube.get("configmaps", "conflict")
			if calls < 3 then -- someone else writes between our get and update
				kube.patch("configmaps", "conflict", {data = {other = tostring(calls)}})
			end
			cm.data.n = tostring(tonumber(cm.data.n) + 10)
			return kube.update(cm)
		end)
		print(calls, cm.data.n, cm.data.other)

		calls = 0
		ok, err = pcall(kube.retry_on_conflict, function()
			calls = calls + 1
			local cm = kube.get("configmaps", "conflict")
			kube.patch("configmaps", "conflict", {data = {other = "x" .. calls}})
			return kube.update(cm)
		end, 2)
		print(calls, err.reason)
		kube.delete("configmaps", "conflict")`)
	want := `409	Conflict
kube.update: Operation cannot be fulfilled on configmaps "conflict": the object has been modified; please apply your changes to the latest version and try again (409 Conflict)
3	11	2
2	Conflict
`
	if res.Code != 0 || res.Stdout != want {
		t.Errorf("exit %d:\n%s\nwant:\n%s\n%s", res.Code, res.Stdout, want, res.Stderr)
	}
	if strings.Contains(res.Stderr, "goroutine") {
		t.Error(res.Stderr)
	}
}
