package luatest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Block is a ```lua fenced block of a Markdown file.
type Block struct {
	Line int // 1-based line of the first line of code
	Code string
}

// LuaBlocks returns the ```lua blocks of a Markdown document.
func LuaBlocks(doc string) []Block {
	var blocks []Block
	var code []string
	start, in := 0, false
	for i, line := range strings.Split(doc, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case !in && trimmed == "```lua":
			in, start, code = true, i+2, nil
		case in && trimmed == "```":
			in = false
			blocks = append(blocks, Block{Line: start, Code: strings.Join(code, "\n") + "\n"})
		case in:
			code = append(code, line)
		}
	}
	return blocks
}

// RunMarkdown runs every ```lua block of the Markdown file as a subtest,
// each in a fresh state from newState, so that documentation examples
// cannot rot. Examples show their results with assert. Error messages give
// the Markdown file's own line numbers.
func RunMarkdown(t *testing.T, newState StateFactory, file string) {
	t.Helper()
	doc, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	blocks := LuaBlocks(string(doc))
	if len(blocks) == 0 {
		t.Fatalf("%s: no ```lua blocks", file)
	}
	name := filepath.Base(file)
	for _, b := range blocks {
		t.Run(fmt.Sprintf("line %d", b.Line), func(t *testing.T) {
			L := newState(t)
			defer L.Close()
			// Blank lines in front make Lua's line numbers the file's.
			fn, err := L.Load(strings.NewReader(strings.Repeat("\n", b.Line-1)+b.Code), name)
			if err != nil {
				t.Fatal(err)
			}
			L.Push(fn)
			if err := L.PCall(0, 0, nil); err != nil {
				reportLuaError(t, L, err)
			}
		})
	}
}
