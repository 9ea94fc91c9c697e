package repl

import (
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/klua/klua/docs"
)

// :help reads the documentation embedded from docs/*.md: a function's
// section is its heading ("## kube.get(resource, name [, opts]) ->
// object") down to the next heading of the same level, example included.

type helpSection struct {
	level int
	text  string
}

var helpIndex = sync.OnceValue(buildHelpIndex)

// headingName finds the function a heading documents: "kube.get(...)",
// "json.null", "kube.request{...}".
var headingName = regexp.MustCompile(`^([a-z_]+\.[a-z_]+)\b`)

func buildHelpIndex() map[string]helpSection {
	index := map[string]helpSection{}
	files, _ := fs.Glob(docs.FS, "*.md")
	for _, f := range files {
		src, err := fs.ReadFile(docs.FS, f)
		if err != nil {
			continue
		}
		module := strings.TrimSuffix(f, ".md")
		index[module] = moduleSummary(string(src))
		for name, sec := range sections(string(src)) {
			index[name] = sec
		}
	}
	return index
}

// sections splits a document at its headings and keeps those that name
// a function.
func sections(src string) map[string]helpSection {
	out := map[string]helpSection{}
	lines := strings.Split(src, "\n")
	for i, line := range lines {
		level, title := heading(line)
		m := headingName.FindStringSubmatch(strings.Trim(title, "`"))
		if level == 0 || m == nil {
			continue
		}
		end := len(lines)
		for j := i + 1; j < len(lines); j++ {
			if l, _ := heading(lines[j]); l > 0 && l <= level {
				end = j
				break
			}
		}
		body := strings.TrimSpace(strings.Join(lines[i+1:end], "\n"))
		out[m[1]] = helpSection{level: level, text: title + "\n\n" + body}
	}
	return out
}

func heading(line string) (int, string) {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n >= len(line) || line[n] != ' ' {
		return 0, ""
	}
	return n, strings.TrimSpace(line[n:])
}

// moduleSummary is a module's title, its first paragraph, and the
// functions it documents.
func moduleSummary(src string) helpSection {
	var title string
	var intro, fns []string
	inCode, introDone := false, false
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
			continue
		}
		level, t := heading(line)
		switch {
		case inCode:
		case level == 1:
			title = t
		case level > 1:
			introDone = true
			if headingName.MatchString(t) {
				fns = append(fns, "  "+t)
			}
		case title != "" && !introDone:
			if strings.TrimSpace(line) == "" {
				introDone = len(intro) > 0
				continue
			}
			intro = append(intro, strings.TrimSpace(line))
		}
	}
	text := title + "\n\n" + strings.Join(intro, " ") + "\n\n" + strings.Join(fns, "\n")
	return helpSection{text: strings.TrimSpace(text)}
}

func helpNames() []string {
	var names []string
	for n := range helpIndex() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (s *session) help(name string) {
	if name == "" {
		s.notef("%s", generalHelp())
		return
	}
	idx := helpIndex()
	sec, ok := idx[name]
	if !ok {
		sec, ok = idx["kube."+name]
	}
	if !ok {
		s.errorf("no help for %q (:help lists what there is)", name)
		return
	}
	s.notef("%s", sec.text)
}

func generalHelp() string {
	var b strings.Builder
	b.WriteString("Type Lua: an expression prints its value (kube.get(\"ns\", \"default\")), a statement runs.\n")
	b.WriteString("Unfinished input (an open function, do, table or string) goes on at the next prompt.\n\n")
	b.WriteString("Commands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-14s %s\n", ":"+c.name+" "+c.args, c.what)
	}
	b.WriteString("\nKeys: Tab completes names, fields of live objects, resources, object names and\n")
	b.WriteString("namespaces; Ctrl-R searches the history; Ctrl-C stops the running statement;\n")
	b.WriteString("Ctrl-D leaves. The last value is in _. Globals stay between inputs, locals do not.\n\n")
	b.WriteString("Modules: kube, json, yaml, log, time (:help kube lists its functions).")
	return b.String()
}
