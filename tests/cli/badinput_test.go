package cli

import (
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// Bad input gets a clear message naming the file, line, field or
// resource at fault, and exit code 1 (2 for bad usage); never a Go panic
// or stack dump.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name string
		src  string   // script source; empty: args alone
		args []string // after the script path, or instead of it
		code int
		want []string
	}{
		{name: "syntax error", src: "local x = 1\nx = = 2\n", code: 1,
			want: []string{"bad.lua:2:5: syntax error near '='"}},
		{name: "runtime error", src: "local pod\nprint(pod.metadata)\n", code: 1,
			want: []string{"bad.lua:2: attempt to index a non-table object(nil) with key 'metadata'"}},
		{name: "yaml error", src: "yaml.decode('a: 1\\nb: [1, 2\\n')", code: 1,
			want: []string{"bad.lua:1: yaml.decode: line "}},
		{name: "json error", src: "json.decode('{\"a\": }')", code: 1,
			want: []string{"bad.lua:1: json.decode: line 1, column 7"}},
		{name: "unknown resource", src: "kube.list('deploymnets')", code: 1,
			want: []string{"bad.lua:1: kube.list: the server has no resource \"deploymnets\"; did you mean deployments.apps?"}},
		{name: "no apiVersion", src: "kube.create({kind = 'ConfigMap', metadata = {name = 'x'}})", code: 1,
			want: []string{"bad.lua:1: kube.create: bad argument #1 (the object has no apiVersion)"}},
		{name: "no kind", src: "kube.apply({apiVersion = 'v1', metadata = {name = 'x'}})", code: 1,
			want: []string{"bad.lua:1: kube.apply: bad argument #1 (the object has no kind)"}},
		{name: "no name", src: "kube.apply({apiVersion = 'v1', kind = 'ConfigMap', metadata = {}})", code: 1,
			want: []string{"kube.apply: the ConfigMap has no metadata.name"}},
		{name: "wrong argument type", src: "kube.get(42, 'web')", code: 1,
			want: []string{"bad.lua:1: kube.get: bad argument #1 (string expected, got number)"}},
		{name: "unknown option", src: "kube.list('pods', {namepsace = 'x'})", code: 1,
			want: []string{"bad.lua:1: kube.list: bad argument #2 (unknown option \"namepsace\"; allowed: "}},
		{name: "function in an object", src: "kube.create({apiVersion = 'v1', kind = 'ConfigMap', metadata = {name = 'x'}, data = {f = print}})", code: 1,
			want: []string{"kube.create: bad argument #1 (data.f: cannot encode a function)"}},
		{name: "NaN in an object", src: "kube.create({apiVersion = 'v1', kind = 'ConfigMap', metadata = {name = 'x'}, data = {n = 0/0}})", code: 1,
			want: []string{"kube.create: bad argument #1 (data.n: "}},
		{name: "missing script", args: []string{"run", "no-such-script.lua"}, code: 1,
			want: []string{"no-such-script.lua: no such file or directory"}},
		{name: "unknown flag", args: []string{"--no-such-flag"}, code: 2,
			want: []string{"unknown flag: --no-such-flag"}},
		{name: "bad on-error", args: []string{"--on-error=maybe", "-e", "x = 1"}, code: 2,
			want: []string{"--on-error: \"maybe\" is not allowed (want report or exit)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := c.args
			if c.src != "" {
				args = append([]string{"run", script(t, "bad.lua", c.src)}, c.args...)
			}
			res := kluabin.Run(t, args...)
			if res.Code != c.code {
				t.Errorf("exit code %d, want %d", res.Code, c.code)
			}
			for _, w := range c.want {
				if !strings.Contains(res.Stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, res.Stderr)
				}
			}
			for _, bad := range []string{"goroutine ", "panic:", ".go:"} {
				if strings.Contains(res.Stderr, bad) {
					t.Errorf("stderr has Go internals (%q):\n%s", bad, res.Stderr)
				}
			}
		})
	}
}
