package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// Help reads like kubectl's: a description, commented examples, options,
// the usage line, and where to find the global options.
func TestHelpReadsLikeKubectl(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"}, {"run", "--help"}, {"help", "run"}, {"check", "--help"},
		{"types", "--help"}, {"completion", "--help"}, {"version", "--help"}, {"options", "--help"}, {"repl", "--help"},
	} {
		res := kluabin.Run(t, args...)
		if res.Code != 0 || res.Stderr != "" {
			t.Errorf("klua %v: exit %d, stderr %q", args, res.Code, res.Stderr)
			continue
		}
		for _, re := range []string{
			`(?m)^Examples:\n  # [A-Z].*\n  .*klua `,
			`(?m)^Usage:\n  klua `,
			`(?m)^Use "klua options" for a list of global command-line options \(applies to all commands\)\.$`,
		} {
			if !regexp.MustCompile(re).MatchString(res.Stdout) {
				t.Errorf("klua %v: the help does not match %q:\n%s", args, re, res.Stdout)
			}
		}
	}
}

func TestRootHelpListsCommandsAndRunFlags(t *testing.T) {
	res := kluabin.Run(t, "--help")
	for _, want := range []string{
		"\nCommands:\n  run          Run a Lua script\n  repl         Explore the cluster interactively\n  check ",
		"  types        Write lua-language-server definitions",
		"  completion   Output shell completion code for bash, zsh, fish or powershell\n",
		"\nOptions:\n",
		"    -e, --eval='':\n\tRun this Lua code instead of a script file.\n",
		"    --dry-run=false:\n\tSend every write with dryRun=All",
		`Use "klua <command> --help" for more information about a given command.`,
	} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("the help lacks %q:\n%s", want, res.Stdout)
		}
	}
	// kubectl's global flags are left to "klua options", as in kubectl.
	if strings.Contains(res.Stdout, "--kubeconfig") {
		t.Errorf("the root help lists the global flags:\n%s", res.Stdout)
	}
}

func TestOptionsListsKubectlFlags(t *testing.T) {
	res := kluabin.Run(t, "options")
	if res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	for _, want := range []string{
		"The following options can be passed to any command:",
		"    --kubeconfig='':\n\tPath to the kubeconfig file to use for CLI requests.",
		"    --context='':", "    -n, --namespace='':", "    -v, --v=0:", "    --as='':", "    --request-timeout='0':",
	} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("options lacks %q:\n%s", want, res.Stdout)
		}
	}
	if strings.Contains(res.Stdout, "--dry-run") {
		t.Errorf("options lists klua's own run flags:\n%s", res.Stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{nil, "Usage:\n  klua [flags] SCRIPT.lua [ARGS...]"},
		{[]string{"rn"}, `klua: unknown command "rn" (want run, repl, check, types, completion, version, or a script file); did you mean run?`},
		{[]string{"run"}, "klua: run: no script given (klua run SCRIPT.lua [ARGS...])"},
		{[]string{"check"}, "klua: check: no script given (klua check SCRIPT.lua...)"},
		{[]string{"types"}, "klua: accepts 1 arg(s), received 0"},
		{[]string{"completion", "tcsh"}, `klua: invalid argument "tcsh" for "klua completion"`},
		{[]string{"--log-level=loud", "-e", "x = 1"}, `klua: --log-level: log level "loud": want debug, info, warn or error`},
	}
	for _, c := range cases {
		res := kluabin.Run(t, c.args...)
		if res.Code != 2 {
			t.Errorf("klua %v: exit %d, want 2", c.args, res.Code)
		}
		if !strings.Contains(res.Stderr, c.want) {
			t.Errorf("klua %v: stderr lacks %q:\n%s", c.args, c.want, res.Stderr)
		}
	}
}
