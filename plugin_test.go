package main

import (
	"strings"
	"testing"
)

// As kubectl-lua, kubectl's global flags are klua's wherever they are;
// everything else keeps its place, and "--" hands the rest to the script.
func TestHoistGlobalFlags(t *testing.T) {
	tests := []struct{ in, want string }{
		{"run x.lua --context prod a", "--context prod run x.lua a"},
		{"run x.lua -n web --context=prod a -v 6", "-n web --context=prod -v 6 run x.lua a"},
		{"run x.lua -nweb a", "-nweb run x.lua a"},
		{"run x.lua --once --dry-run", "run x.lua --once --dry-run"},
		{"-e print(1) --kubeconfig k", "--kubeconfig k -e print(1)"},
		{"-e --context", "-e --context"},
		{"run x.lua -- -n web", "run x.lua -n web"},
		{"-- x.lua -n web", "-- x.lua -n web"},
		{"--insecure-skip-tls-verify run x.lua", "--insecure-skip-tls-verify run x.lua"},
		{"repl --context prod", "--context prod repl"},
	}
	fs := newFlagSet(&options{})
	for _, tt := range tests {
		got, err := hoistGlobalFlags(strings.Fields(tt.in), fs)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q became %q, want %q", tt.in, strings.Join(got, " "), tt.want)
		}
	}
	if _, err := hoistGlobalFlags([]string{"run", "x.lua", "-n"}, fs); err == nil || err.Error() != "flag needs an argument: -n" {
		t.Errorf("a global flag without its value: %v", err)
	}
}

func TestInvokedAs(t *testing.T) {
	for argv0, want := range map[string]string{
		"klua": "klua", "/usr/local/bin/klua": "klua", "/home/me/.krew/bin/kubectl-lua": "kubectl lua",
		`C:\krew\kubectl-lua.exe`: "kubectl lua", "kubectl_complete-lua": "kubectl lua",
	} {
		if got := invokedAs(strings.ReplaceAll(argv0, `\`, "/")); got != want {
			t.Errorf("invokedAs(%q) = %q, want %q", argv0, got, want)
		}
	}
}
