package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// The krew manifest template renders, as krew-release-bot renders it,
// into a Plugin that installs klua as kubectl-lua on every platform.
func TestKrewManifest(t *testing.T) {
	tmpl, err := os.ReadFile("deploy/krew/lua.yaml")
	if err != nil {
		t.Fatal(err)
	}
	addURI := regexp.MustCompile(`\{\{addURIAndSha "([^"]+)" \.TagName \}\}`)
	rendered := addURI.ReplaceAllString(string(tmpl), "uri: $1\n    sha256: "+strings.Repeat("ab", 32))
	rendered = strings.ReplaceAll(rendered, "{{ .TagName }}", "v0.1.0")
	var m struct {
		Kind     string
		Metadata struct{ Name string }
		Spec     struct {
			Version   string
			Platforms []struct {
				Selector struct{ MatchLabels map[string]string }
				URI      string
				Sha256   string
				Bin      string
				Files    []struct{ From, To string }
			}
		}
	}
	if err := yaml.Unmarshal([]byte(rendered), &m); err != nil {
		t.Fatalf("the rendered manifest: %v\n%s", err, rendered)
	}
	if m.Kind != "Plugin" || m.Metadata.Name != "lua" || m.Spec.Version != "v0.1.0" || len(m.Spec.Platforms) != 5 {
		t.Fatalf("manifest: %+v", m)
	}
	for _, p := range m.Spec.Platforms {
		os := p.Selector.MatchLabels["os"]
		exe := map[bool]string{true: ".exe"}[os == "windows"]
		if p.Bin != "kubectl-lua"+exe || len(p.Files) == 0 || p.Files[0].To != "kubectl-lua"+exe || len(p.Sha256) != 64 ||
			!strings.HasPrefix(p.URI, "https://github.com/klua/klua/releases/download/v0.1.0/klua_"+os+"_") {
			t.Errorf("platform %v: %+v", p.Selector.MatchLabels, p)
		}
	}
}
