package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// klua is also a kubectl plugin: installed (or linked) as kubectl-lua,
// "kubectl lua run x.lua" runs it with every argument after "lua". Linked
// as kubectl_complete-lua, it answers kubectl's completion requests for
// "kubectl lua <TAB>" (kubectl 1.26 and later look for that name).
const (
	pluginName     = "kubectl-lua"
	completionName = "kubectl_complete-lua"
)

// invokedAs tells how klua was called: "klua", or "kubectl lua".
func invokedAs(argv0 string) string {
	switch strings.TrimSuffix(filepath.Base(argv0), ".exe") {
	case pluginName, completionName:
		return "kubectl lua"
	}
	return "klua"
}

// pluginArgs turns a plugin's arguments into klua's.
func pluginArgs(argv0 string, argv []string, fs *pflag.FlagSet) ([]string, error) {
	switch strings.TrimSuffix(filepath.Base(argv0), ".exe") {
	case pluginName:
		return hoistGlobalFlags(argv, fs)
	case completionName:
		return append([]string{cobra.ShellCompRequestCmd}, argv...), nil
	}
	return argv, nil
}

// hoistGlobalFlags moves kubectl's global flags to the front, wherever
// they are: kubectl users put them last ("kubectl get pods -n web"), and
// kubectl refuses them before a plugin's name, so "kubectl lua run x.lua
// --context prod" must mean --context for klua, not an argument of the
// script. After "--", everything is the script's.
func hoistGlobalFlags(argv []string, fs *pflag.FlagSet) ([]string, error) {
	var global, rest []string
	positional := false
	for i := 0; i < len(argv); i++ {
		a := argv[i]
		if a == "--" {
			if !positional {
				rest = append(rest, a) // ends klua's flags, as usual
			}
			rest = append(rest, argv[i+1:]...)
			break
		}
		f, inline := lookupFlag(fs, a)
		if f == nil {
			positional = positional || !strings.HasPrefix(a, "-")
			rest = append(rest, a)
			continue
		}
		n := 1
		if f.NoOptDefVal == "" && !inline {
			if i+1 == len(argv) {
				return nil, fmt.Errorf("flag needs an argument: %s", a)
			}
			n = 2 // the flag's value, which may look like a flag
		}
		if isGlobal(f) {
			global = append(global, argv[i:i+n]...)
		} else {
			rest = append(rest, argv[i:i+n]...)
		}
		i += n - 1
	}
	return append(global, rest...), nil
}

// lookupFlag finds the flag that argument a sets ("--context=x",
// "--context", "-nweb", "-n"), and whether a holds its value too.
func lookupFlag(fs *pflag.FlagSet, a string) (*pflag.Flag, bool) {
	switch {
	case strings.HasPrefix(a, "--") && len(a) > 2:
		name, _, inline := strings.Cut(a[2:], "=")
		return fs.Lookup(name), inline
	case strings.HasPrefix(a, "-") && len(a) > 1:
		f := fs.ShorthandLookup(a[1:2])
		return f, len(a) > 2
	}
	return nil, false
}
