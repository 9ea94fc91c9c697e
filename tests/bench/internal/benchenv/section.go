package benchenv

import (
	"os"
	"strings"
)

// WriteSection replaces the section that starts with heading (up to the
// next "## ") in the document at path, or appends it, so that each
// benchmark command rewrites only its own part of docs/benchmarks.md.
func WriteSection(path, heading, section string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	doc := string(old)
	if doc == "" {
		doc = "# Benchmarks\n\n"
	}
	start := strings.Index(doc, heading)
	if start < 0 {
		doc = strings.TrimRight(doc, "\n") + "\n\n" + section
	} else {
		end := len(doc)
		if i := strings.Index(doc[start+len(heading):], "\n## "); i >= 0 {
			end = start + len(heading) + i + 1
		}
		doc = doc[:start] + section + "\n" + doc[end:]
	}
	return os.WriteFile(path, []byte(strings.TrimRight(doc, "\n")+"\n"), 0o644)
}
