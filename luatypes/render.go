package luatypes

import (
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
)

// render writes the classes into their files: the API's kinds first,
// then the types they use, each sorted by name.
func (g *generator) render() []File {
	byFile := map[string][]*class{}
	for _, c := range g.classes {
		name := g.files[c.t.PkgPath()]
		byFile[name] = append(byFile[name], c)
	}
	var files []File
	for name, classes := range byFile {
		sort.Slice(classes, func(i, j int) bool {
			a, b := classes[i], classes[j]
			if (a.gvk != nil) != (b.gvk != nil) {
				return a.gvk != nil
			}
			return a.t.Name() < b.t.Name()
		})
		var b strings.Builder
		fmt.Fprintf(&b, "---@meta\n-- Kubernetes objects of %s (k8s.io/api %s), for lua-language-server.\n", groupVersionOf(name, classes), apiVersion())
		b.WriteString("-- Written by `klua types` from the API's Go types and documentation; do not edit.\n")
		for _, c := range classes {
			b.WriteString("\n")
			c.render(&b)
		}
		files = append(files, File{Name: name, Data: []byte(b.String())})
	}
	return files
}

func groupVersionOf(file string, classes []*class) string {
	for _, c := range classes {
		if c.gvk != nil {
			return apiVersionOf(c)
		}
	}
	return strings.TrimSuffix(strings.TrimPrefix(file, "k8s-"), ".lua")
}

func apiVersionOf(c *class) string {
	if c.gvk.Group == "" {
		return c.gvk.Version
	}
	return c.gvk.Group + "/" + c.gvk.Version
}

func (c *class) render(b *strings.Builder) {
	for _, l := range wrap(c.doc, 96) {
		b.WriteString("--- " + l + "\n")
	}
	if c.gvk != nil {
		fmt.Fprintf(b, "---\n--- apiVersion: %s, kind: %s\n", apiVersionOf(c), c.gvk.Kind)
	}
	b.WriteString("---@class " + ClassPrefix + c.t.Name() + "\n")
	for _, f := range c.fields {
		typ := f.typ
		switch {
		case c.gvk != nil && f.name == "apiVersion":
			typ = fmt.Sprintf("%q", apiVersionOf(c))
		case c.gvk != nil && f.name == "kind":
			typ = fmt.Sprintf("%q", c.gvk.Kind)
		}
		opt := ""
		if f.optional {
			opt = "?"
		}
		fmt.Fprintf(b, "---@field %s%s %s %s\n", f.name, opt, typ, oneLine(f.doc))
	}
}

// oneLine puts a documentation text on one line: a field's description
// ends with its line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// wrap breaks a text into lines of about width characters, keeping its
// paragraphs.
func wrap(s string, width int) []string {
	var lines []string
	for i, para := range strings.Split(strings.TrimSpace(s), "\n\n") {
		if i > 0 {
			lines = append(lines, "")
		}
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len(line)+1+len(w) > width {
				lines = append(lines, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// apiVersion is the version of k8s.io/api the types come from.
func apiVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "k8s.io/api" {
				return d.Version
			}
		}
	}
	return "(unknown version)"
}
