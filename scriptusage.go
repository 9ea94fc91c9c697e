package main

import (
	"regexp"
	"strings"
)

// A script declares its arguments in a usage line among its leading
// comments, as the scripts in scripts/ do:
//
//	--   klua run scripts/rollout-restart.lua [--namespace-label KEY=VALUE] DEPLOYMENT...
//
// Upper-case words are placeholders. Completion offers, for a placeholder
// that names a resource (NAMESPACE, DEPLOYMENT, CONFIGMAP, NODE...), the
// names of its objects; for RESOURCE (or KIND), the server's resources;
// and files for FILE, PATH or DIR.

var usageLine = regexp.MustCompile(`^--+\s*(?:[Uu]sage:\s*)?(?:klua|kubectl lua)\s+(?:run\s+)?\S+\.lua\b(.*)$`)

var placeholderWord = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

type scriptUsage struct {
	positional []string          // placeholders in order
	repeat     bool              // the last positional may repeat ("DEPLOYMENT...")
	flags      map[string]string // flag -> its value's placeholder ("" for a switch)
}

// usageArg is what one argument position expects: a placeholder, or
// (when the user started typing a flag) the script's flags.
type usageArg struct {
	placeholder string
	flags       []string
}

func parseScriptUsage(src string) scriptUsage {
	u := scriptUsage{flags: map[string]string{}}
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "--") {
			break // the leading comments ended
		}
		if m := usageLine.FindStringSubmatch(line); m != nil {
			u.parse(m[1])
			break
		}
	}
	return u
}

// parse reads the words after the script's name, up to an explanation in
// parentheses.
func (u *scriptUsage) parse(rest string) {
	if i := strings.IndexAny(rest, "(#"); i >= 0 {
		rest = rest[:i]
	}
	words := strings.Fields(rest)
	for i := 0; i < len(words); i++ {
		w := strings.TrimSuffix(strings.Trim(words[i], "[]"), "...")
		if strings.HasPrefix(w, "-") {
			name, value, _ := strings.Cut(w, "=")
			if value == "" && !strings.HasSuffix(words[i], "]") && i+1 < len(words) {
				if next := strings.Trim(words[i+1], "[]"); placeholderWord.MatchString(next) {
					value = next
					i++
				}
			}
			u.flags[name] = value
			continue
		}
		if placeholderWord.MatchString(w) {
			u.positional = append(u.positional, w)
			u.repeat = strings.HasSuffix(strings.TrimRight(words[i], "]"), "...")
		}
	}
}

// argAt tells what the argument being typed (partial, after the typed
// ones) expects.
func (u scriptUsage) argAt(typed []string, partial string) (usageArg, bool) {
	if strings.HasPrefix(partial, "-") {
		var flags []string
		for f := range u.flags {
			if strings.HasPrefix(f, partial) {
				flags = append(flags, f)
			}
		}
		return usageArg{flags: flags}, len(flags) > 0
	}
	n := 0
	for i := 0; i < len(typed); i++ {
		if !strings.HasPrefix(typed[i], "-") {
			n++
			continue
		}
		if v := u.flags[typed[i]]; v != "" {
			if i == len(typed)-1 {
				return usageArg{placeholder: v}, true
			}
			i++
		}
	}
	switch {
	case n < len(u.positional):
		return usageArg{placeholder: u.positional[n]}, true
	case u.repeat && len(u.positional) > 0:
		return usageArg{placeholder: u.positional[len(u.positional)-1]}, true
	}
	return usageArg{}, false
}

// valueOf finds what the user typed for a placeholder, positional or a
// flag's value.
func (u scriptUsage) valueOf(placeholder string, typed []string) (string, bool) {
	n := 0
	for i := 0; i < len(typed); i++ {
		if strings.HasPrefix(typed[i], "-") {
			name, value, hasValue := strings.Cut(typed[i], "=")
			v := u.flags[name]
			switch {
			case v == placeholder && hasValue:
				return value, true
			case v == placeholder && i+1 < len(typed):
				return typed[i+1], true
			case v != "" && !hasValue:
				i++
			}
			continue
		}
		if n < len(u.positional) && u.positional[n] == placeholder {
			return typed[i], true
		}
		n++
	}
	return "", false
}

func (a usageArg) isFile() bool {
	for _, w := range []string{"FILE", "PATH", "DIR"} {
		if strings.Contains(a.placeholder, w) {
			return true
		}
	}
	return false
}

// isResourceType tells a placeholder that takes a kind of object
// (RESOURCE, KIND, RESOURCE_TYPE) from one that takes an object's name.
func (a usageArg) isResourceType() bool {
	switch a.placeholder {
	case "RESOURCE", "KIND", "RESOURCE_TYPE", "TYPE":
		return true
	}
	return false
}

// resource is the resource a placeholder names: DEPLOYMENT and
// DEPLOYMENT_NAME mean deployments, CONFIG_MAP configmaps.
func (a usageArg) resource() string {
	s := strings.TrimSuffix(a.placeholder, "_NAME")
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}
