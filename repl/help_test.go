package repl

import (
	"strings"
	"testing"
)

func TestHelpIndex(t *testing.T) {
	idx := helpIndex()
	get, ok := idx["kube.get"]
	if !ok {
		t.Fatalf("no help for kube.get; names: %q", helpNames())
	}
	if !strings.HasPrefix(get.text, "kube.get(resource, name [, opts]) -> object") ||
		!strings.Contains(get.text, "```lua") || strings.Contains(get.text, "kube.list(") {
		t.Errorf("kube.get's help:\n%s", get.text)
	}
	for _, name := range []string{"kube.delete", "kube.request", "json.decode", "json.null", "yaml.encode", "time.now", "kube", "json"} {
		if _, ok := idx[name]; !ok {
			t.Errorf("no help for %s", name)
		}
	}
	kube := idx["kube"].text
	if !strings.HasPrefix(kube, "The `kube` module") || !strings.Contains(kube, "  kube.watch(resource, opts, callback) -> handle") {
		t.Errorf("kube's summary:\n%s", kube)
	}
}
