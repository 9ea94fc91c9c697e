package docs

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// block is a fenced code example of a Markdown page.
type block struct {
	lang   string
	line   int // the 1-based line of its first line of code
	code   string
	notRun string // why it does not run, from <!-- not run: ... --> above it
}

var notRunComment = regexp.MustCompile(`^<!-- not run: (.+) -->$`)

// blocks returns a page's fenced examples.
func blocks(doc string) []block {
	var out []block
	var cur *block
	var code []string
	notRun := ""
	for i, line := range strings.Split(doc, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```") && len(trimmed) > 3:
			cur, code = &block{lang: strings.Fields(trimmed[3:])[0], line: i + 2, notRun: notRun}, nil
		case cur == nil:
			if m := notRunComment.FindStringSubmatch(trimmed); m != nil {
				notRun = m[1]
			} else if trimmed != "" {
				notRun = ""
			}
		case trimmed == "```":
			cur.code = strings.Join(code, "\n") + "\n"
			out = append(out, *cur)
			cur, notRun = nil, ""
		default:
			code = append(code, line)
		}
	}
	return out
}

// runElsewhere lists the pages whose examples a package test runs in
// process (luatest.RunMarkdown), found by their path in the sources of
// the tests that call it.
func runElsewhere(t *testing.T, root string) map[string]bool {
	t.Helper()
	found := map[string]bool{}
	re := regexp.MustCompile(`"(?:\.\./)*docs/([\w.-]+\.md)"`)
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if !strings.Contains(string(src), "RunMarkdown(") {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			found[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestExamples runs every example of every page of docs/ that no
// package test runs.
func TestExamples(t *testing.T) {
	root, err := testcluster.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := runElsewhere(t, root)
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	for _, page := range pages {
		name := filepath.Base(page)
		if elsewhere[name] {
			continue
		}
		t.Run(name, func(t *testing.T) { runPage(t, root, page) })
	}
}

// runPage runs a page's examples in order, in one scratch directory (so
// that a later example may use a file an earlier one wrote), which has
// scripts/ of the repository.
func runPage(t *testing.T, root, page string) {
	doc, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "scripts"), filepath.Join(dir, "scripts")); err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(page)
	for _, b := range blocks(string(doc)) {
		if b.notRun != "" {
			t.Logf("%s:%d not run: %s", name, b.line, b.notRun)
			continue
		}
		switch b.lang {
		case "lua":
			t.Run(fmt.Sprintf("line %d", b.line), func(t *testing.T) { runLua(t, dir, name, b) })
		case "sh", "bash":
			t.Run(fmt.Sprintf("line %d", b.line), func(t *testing.T) { runShell(t, dir, name, b) })
		case "text", "yaml", "json":
			// output and files shown, not code
		default:
			t.Errorf("%s:%d: a %q example: mark it lua, sh, or text", name, b.line, b.lang)
		}
	}
}

// runLua runs a Lua example as a script named after the page, with blank
// lines in front so that errors give the page's line numbers.
func runLua(t *testing.T, dir, page string, b block) {
	path := filepath.Join(t.TempDir(), page)
	if err := os.WriteFile(path, []byte(strings.Repeat("\n", b.line-1)+b.code), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := kluabin.Command(t, "run", path)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s:%d: %v\n%s", page, b.line, err, out)
	}
}

// runShell runs a shell example with bash -e, klua on the PATH as klua,
// kubectl-lua and kubectl_complete-lua.
func runShell(t *testing.T, dir, page string, b block) {
	bin := kluabin.BinDir(t, "klua", "kubectl-lua", "kubectl_complete-lua")
	cmd := exec.Command("bash", "--noprofile", "--norc", "-euo", "pipefail", "-c", b.code)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "KUBECONFIG="+testcluster.Get(t).Kubeconfig, "HOME="+dir,
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s:%d: %v\n%s", page, b.line, err, out)
	}
}
