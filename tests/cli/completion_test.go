package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// bashCompletion is the bash-completion package's library, which the
// completion code of "klua completion bash" needs, as kubectl's does.
const bashCompletion = "/usr/share/bash-completion/bash_completion"

// completeInBash loads "klua completion bash" into bash, as a user's
// shell would, and returns what <TAB> offers for each line (words
// separated by spaces), run in dir with klua on the PATH.
func completeInBash(t *testing.T, dir string, lines ...string) map[string][]string {
	t.Helper()
	if _, err := os.Stat(bashCompletion); err != nil {
		t.Fatalf("the completion tests need bash-completion (Debian: apt-get install bash-completion): %v", err)
	}
	res := kluabin.Run(t, "completion", "bash")
	if res.Code != 0 {
		t.Fatalf("klua completion bash: exit %d: %s", res.Code, res.Stderr)
	}
	code := filepath.Join(t.TempDir(), "klua.bash")
	if err := os.WriteFile(code, []byte(res.Stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	var sh strings.Builder
	sh.WriteString("source " + bashCompletion + "\nsource " + code + `
comp() {
  COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
  read -ra COMP_WORDS <<< "$1"
  [[ "$1" == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]}-1))
  COMPREPLY=()
  __start_klua klua "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
  printf '%s\t%s\n' "$1" "${COMPREPLY[*]}"
}
`)
	for _, l := range lines {
		sh.WriteString("comp '" + l + "'\n")
	}
	cmd := exec.Command("bash", "--norc", "--noprofile", "-c", sh.String())
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "KUBECONFIG="+testcluster.Get(t).Kubeconfig,
		"PATH="+filepath.Dir(kluabin.Path(t))+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	got := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		line, words, _ := strings.Cut(l, "\t")
		got[line] = strings.Fields(words)
	}
	return got
}

// Bash completes commands, script files, flags and their values, and a
// script's arguments by its usage line: namespaces and Deployments from
// the cluster.
func TestBashCompletion(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"restart.lua":   "-- restart.lua: restart a Deployment.\n--   klua run restart.lua NAMESPACE DEPLOYMENT...\nprint(...)\n",
		"label.lua":     "-- label.lua: label objects.\n--   klua run label.lua RESOURCE KEY=VALUE...\n",
		"scripts/a.lua": "", "scripts/notes.txt": "",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if res := kluabin.Run(t, "-e", `kube.apply({apiVersion = "apps/v1", kind = "Deployment",
		metadata = {name = "completion-web", namespace = "kube-public"},
		spec = {selector = {matchLabels = {app = "c"}}, template = {metadata = {labels = {app = "c"}},
		spec = {containers = {{name = "c", image = "nginx"}}}}}})`); res.Code != 0 {
		t.Fatal(res.Stderr)
	}
	defer kluabin.Run(t, "-e", `kube.delete("deploy", "completion-web", {namespace = "kube-public"})`)

	got := completeInBash(t, dir,
		"klua ", "klua ch", "klua run ", "klua run scripts/", "klua check scripts/",
		"klua --namespace kube-", "klua -n kube-s", "klua --context ", "klua --log-level w",
		"klua completion ", "klua run restart.lua kube-p", "klua run restart.lua kube-public completion-",
		"klua --dry-r", "klua types ", "klua run label.lua deploy", "klua run label.lua replicationc",
	)
	want := map[string]string{
		"klua ":                       "run repl check types completion version options help label.lua restart.lua",
		"klua ch":                     "check",
		"klua run ":                   "label.lua restart.lua scripts",
		"klua run scripts/":           "scripts/a.lua",
		"klua check scripts/":         "scripts/a.lua",
		"klua --namespace kube-":      "kube-node-lease kube-public kube-system",
		"klua -n kube-s":              "kube-system",
		"klua --context ":             "admin nobody",
		"klua --log-level w":          "warn",
		"klua completion ":            "bash zsh fish powershell",
		"klua run restart.lua kube-p": "kube-public",
		"klua run restart.lua kube-public completion-": "completion-web",
		"klua --dry-r": "--dry-run",
		"klua types ":  "scripts",
	}
	// The shell lists files in the directory's order: compare sorted.
	for line, w := range want {
		words, wantWords := slices.Sorted(slices.Values(got[line])), strings.Fields(w)
		slices.Sort(wantWords)
		if !slices.Equal(words, wantWords) {
			t.Errorf("%q completes to %q, want %q", line, got[line], w)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "__start_klua", "zsh": "#compdef klua", "fish": "complete -c klua", "powershell": "Register-ArgumentCompleter",
	} {
		res := kluabin.Run(t, "completion", shell)
		if res.Code != 0 || !strings.Contains(res.Stdout, want) {
			t.Errorf("klua completion %s: exit %d, lacks %q", shell, res.Code, want)
		}
	}
	if res := kluabin.Run(t, "completion", "bash"); !strings.Contains(res.Stdout, `requestComp="${words[0]} __complete ${args[*]}"`) {
		t.Errorf("the bash completion does not ask klua for completions")
	}
}
