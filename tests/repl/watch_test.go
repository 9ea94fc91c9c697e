package repl

import (
	"strings"
	"testing"
	"time"

	"github.com/klua/klua/tests/kluabin"
)

func sleepBriefly() { time.Sleep(300 * time.Millisecond) }

// A watch callback that prints while the prompt waits prints above it,
// and the line being typed is drawn again below, intact.
func TestWatchOutputKeepsTheLineBeingTyped(t *testing.T) {
	ns := testNamespace(t)
	term := startREPL(t, t.TempDir(), "-n", ns, "repl")
	term.prompt()
	term.run(`w = kube.watch("configmaps", {labelSelector = "repl-test"}, function(ev) print("event", ev.type, ev.object.metadata.name) end)`)
	term.send("half typed")
	term.expect("half typed")
	res := kluabin.Run(t, "-n", ns, "-e", `kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "watched", labels = {["repl-test"] = "x"}}})`)
	if res.Code != 0 {
		t.Fatalf("creating the ConfigMap: %s", res.Stderr)
	}
	term.expect("event\tADDED\twatched\n")
	redrawn := term.expect("half typed")
	if strings.Contains(redrawn, "\n") {
		t.Errorf("the typed line was not redrawn right after the event: %q", redrawn)
	}
	term.send("\x15w:stop()\r")
	term.prompt()
	term.quit()
}
