package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Help reads like kubectl's: what the command does, its examples as
// commented command lines, its options one per paragraph, the usage line,
// and a pointer to "klua options" for the flags every command shares.

const rootLong = `klua runs Lua scripts against the Kubernetes API.

 Scripts get the API itself, not kubectl's text: kube.get, list, create,
 update, patch, apply, delete, watch, reconcile and wait, with objects as
 Lua tables spelled exactly as in the API reference. klua connects as
 kubectl does: kubeconfig, contexts, exec plugins, in-cluster service
 accounts. Installed as kubectl-lua it is also "kubectl lua".

 Find the reference in docs/ (docs/README.md), and scripts to start from in
 scripts/.`

// runFlagsAnnotation marks the commands that run Lua and so take klua's own
// run flags (-e, --dry-run, --timeout, ...).
const runFlagsAnnotation = "klua.dev/run-flags"

// examples lays out examples as kubectl does: each line indented by two
// spaces, whatever the indentation of the Go source.
func examples(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			l = "  " + l
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

func (o *options) setHelp(root *cobra.Command) {
	// Commands are listed in the order they were added: the common first.
	cobra.EnableCommandSorting = false
	root.Annotations = map[string]string{runFlagsAnnotation: "true"}
	for _, c := range root.Commands() {
		if c.Name() == "run" {
			c.Annotations = map[string]string{runFlagsAnnotation: "true"}
		}
	}
	if o.name != "klua" {
		root.Annotations[cobra.CommandDisplayNameAnnotation] = o.name
	}
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) { o.printHelp(cmd.OutOrStdout(), cmd) })
	root.SetUsageFunc(func(cmd *cobra.Command) error { o.printHelp(cmd.OutOrStderr(), cmd); return nil })
}

// printHelp writes a command's help.
func (o *options) printHelp(w io.Writer, cmd *cobra.Command) {
	long := cmd.Long
	if long == "" {
		long = cmd.Short
	}
	fmt.Fprintf(w, "%s\n", o.named(long))
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\nCommands:\n")
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				fmt.Fprintf(w, "  %-12s %s\n", c.Name(), c.Short)
			}
		}
	}
	if cmd.Example != "" {
		fmt.Fprintf(w, "\nExamples:\n%s\n", o.named(cmd.Example))
	}
	if flags := helpFlags(cmd); flags.HasFlags() {
		fmt.Fprintf(w, "\nOptions:\n%s", flagUsages(flags))
	}
	fmt.Fprintf(w, "\nUsage:\n  %s\n", cmd.UseLine())
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintf(w, "  %s [command] [flags]\n", cmd.CommandPath())
	}
	fmt.Fprintln(w)
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintf(w, "Use \"%s <command> --help\" for more information about a given command.\n", o.name)
	}
	fmt.Fprintf(w, "Use \"%s options\" for a list of global command-line options (applies to all commands).\n", o.name)
}

// named puts the name klua was called by in place of "klua" at the start
// of command lines, so that as a kubectl plugin the examples read
// "kubectl lua run ...".
func (o *options) named(s string) string {
	if o.name == "klua" {
		return s
	}
	return strings.ReplaceAll(s, "  klua ", "  "+o.name+" ")
}

// helpFlags are the flags a command's help lists: its own, plus klua's run
// flags for the commands that run Lua. kubectl's global flags are left to
// "klua options".
func helpFlags(cmd *cobra.Command) *pflag.FlagSet {
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	add := func(f *pflag.Flag) {
		if !f.Hidden && f.Name != "help" && fs.Lookup(f.Name) == nil {
			fs.AddFlag(f)
		}
	}
	cmd.LocalNonPersistentFlags().VisitAll(add)
	if cmd.Annotations[runFlagsAnnotation] != "" {
		cmd.InheritedFlags().VisitAll(func(f *pflag.Flag) {
			if !isGlobal(f) {
				add(f)
			}
		})
		cmd.PersistentFlags().VisitAll(func(f *pflag.Flag) {
			if !isGlobal(f) {
				add(f)
			}
		})
	}
	return fs
}

// flagUsages formats flags as kubectl does: "    -n, --namespace=”:" and
// the description on the next line after a tab, a blank line between.
func flagUsages(fs *pflag.FlagSet) string {
	var b strings.Builder
	first := true
	fs.VisitAll(func(f *pflag.Flag) {
		if !first {
			b.WriteString("\n")
		}
		first = false
		short := ""
		if f.Shorthand != "" {
			short = "-" + f.Shorthand + ", "
		}
		fmt.Fprintf(&b, "    %s--%s=%s:\n\t%s\n", short, f.Name, defaultValue(f), sentence(f.Usage))
	})
	return b.String()
}

func defaultValue(f *pflag.Flag) string {
	switch f.Value.Type() {
	case "string":
		return "'" + f.DefValue + "'"
	case "stringSlice", "stringArray":
		return strings.Trim(f.DefValue, "[]")
	}
	return f.DefValue
}

// sentence capitalises a flag's description and ends it with a period.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	s = string(r)
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func (o *options) optionsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "options",
		Short: "Print the list of flags inherited by all commands",
		Long:  "Print the list of flags inherited by all commands: kubectl's own.",
		Example: examples(`
			# Print flags inherited by all commands
			klua options`),
		Args:              cobra.NoArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		Run: func(cmd *cobra.Command, _ []string) {
			fs := pflag.NewFlagSet("global", pflag.ContinueOnError)
			cmd.InheritedFlags().VisitAll(func(f *pflag.Flag) {
				if isGlobal(f) {
					fs.AddFlag(f)
				}
			})
			fmt.Fprintf(o.stdout, "The following options can be passed to any command:\n\n%s", flagUsages(fs))
		},
	}
}
