package repl

import (
	"strings"
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

func TestSwitchNamespaceAndContext(t *testing.T) {
	ns := testNamespace(t)
	cl := testcluster.Get(t)
	term := startREPL(t, t.TempDir(), "repl")
	term.expect("klua:default> ")
	if out := term.run(":ns " + ns); !strings.Contains(out, "namespace "+ns) {
		t.Errorf(":ns printed %q", out)
	}
	term.run(`kube.create({apiVersion = "v1", kind = "ConfigMap", metadata = {name = "here"}})`)
	if out := term.run(`kube.get("configmaps", "here").metadata.namespace`); !strings.Contains(out, ns) {
		t.Errorf("after :ns, an object went to %q, want %s", out, ns)
	}
	if out := term.run(":ns no-such-ns-yet"); !strings.Contains(out, "does not exist yet") {
		t.Errorf(":ns to a missing namespace printed %q", out)
	}
	if out := term.run(":ctx no-such-context"); !strings.Contains(out, `error: :ctx: no context "no-such-context"`) {
		t.Errorf(":ctx to a missing context printed %q", out)
	}
	if out := term.run(":ctx " + cl.NobodyContext); !strings.Contains(out, "context "+cl.NobodyContext) {
		t.Errorf(":ctx printed %q", out)
	}
	if out := term.run(`kube.get("ns", "default")`); !strings.Contains(out, "(403 Forbidden)") {
		t.Errorf("as nobody, kube.get printed %q, want Forbidden", out)
	}
	term.run(":ctx " + cl.AdminContext)
	if out := term.run(`kube.get("ns", "default").metadata.name`); !strings.Contains(out, "default") {
		t.Errorf("back as admin, kube.get printed %q", out)
	}
	term.quit()
}
