package docs

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// Every flag klua takes is documented in some page of docs/, and every
// command has a help that the reference points to.
func TestEveryFlagIsDocumented(t *testing.T) {
	root, err := testcluster.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	var docs strings.Builder
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs.Write(b)
	}
	flag := regexp.MustCompile(`(?m)^    (?:-\w, )?--([\w-]+)=`)
	var help strings.Builder
	for _, args := range [][]string{{"options"}, {"--help"}} {
		res := kluabin.Run(t, args...)
		help.WriteString(res.Stdout)
	}
	names := flag.FindAllStringSubmatch(help.String(), -1)
	if len(names) < 25 {
		t.Fatalf("found %d flags in the help", len(names))
	}
	for _, m := range names {
		if !strings.Contains(docs.String(), "`--"+m[1]) {
			t.Errorf("no page of docs/ documents --%s", m[1])
		}
	}
}
