package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// Bad input gets a clear message naming the file, line, field or
// resource at fault, and exit code 1 (2 for bad usage); never a Go panic
// or stack dump.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name  string
		src   string            // script source; empty: args alone; DIR is its directory
		files map[string]string // written into the script's directory first
		args  []string          // after the script path, or instead of it; DIR as in src
		code  int
		want  []string // DIR as in src
		deny  []string // what stderr must not have (beyond Go internals)
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
		{name: "table with a cycle", src: "local t = {}\nt.self = t\nkube.create({apiVersion = 'v1', kind = 'ConfigMap', metadata = {name = 'x'}, data = {t = t}})", code: 1,
			want: []string{"bad.lua:3: kube.create: bad argument #1 (data.t.self: cycle (a table that contains itself))"}},
		{name: "userdata in an object", src: "kube.apply({apiVersion = 'v1', kind = 'ConfigMap', metadata = {name = 'x'}, data = {f = io.stdout}})", code: 1,
			want: []string{"bad.lua:1: kube.apply: bad argument #1 (data.f: cannot encode a userdata)"}},
		{name: "infinity in a patch", src: "kube.patch('deployments', 'web', {spec = {replicas = 1/0}})", code: 1,
			want: []string{"bad.lua:1: kube.patch: bad argument #3 (spec.replicas: cannot encode +Inf)"}},
		{name: "invalid UTF-8 in a value", src: "kube.create({apiVersion = 'v1', kind = 'ConfigMap', metadata = {name = 'x'}, data = {s = 'a\\255'}})", code: 1,
			want: []string{"bad.lua:1: kube.create: bad argument #1 (data.s: invalid UTF-8 in string)"}},
		{name: "invalid UTF-8 in a key", src: "kube.patch('configmaps', 'x', {data = {['\\255'] = 'x'}})", code: 1,
			want: []string{`bad.lua:1: kube.patch: bad argument #3 (data["\xff"]: invalid UTF-8 in key)`}},
		{name: "invalid UTF-8 in a raw body", src: "kube.request{method = 'POST', path = '/api/v1/namespaces/default/configmaps', body = {s = '\\255'}}", code: 1,
			want: []string{`bad.lua:1: kube.request: bad argument #1 (field "body": s: invalid UTF-8 in string)`}},
		{name: "unknown kind", src: "kube.create({apiVersion = 'v1', kind = 'ConfigMapp', metadata = {name = 'x'}})", code: 1,
			want: []string{`bad.lua:1: kube.create: no resource of kind "ConfigMapp" in "v1" on the server: the server has no resource "ConfigMapp"; did you mean configmaps?`}},
		{name: "kubectl's TYPE/NAME", src: "kube.get('deploy/web')", code: 1,
			want: []string{`bad.lua:1: kube.get: resource "deploy/web": a resource name has no "/" (for kubectl's TYPE/NAME, give the name as its own argument: "deploy", "web"`}},
		{name: "malformed YAML manifest", src: "kube.apply(yaml.load_file('DIR/app.yaml')[1])", code: 1,
			files: map[string]string{"app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b: c\n"},
			want:  []string{"bad.lua:1: yaml.load_file: DIR/app.yaml: line 6, column 7: mapping values are not allowed in this context"}},
		{name: "malformed JSON manifest", src: "kube.apply(yaml.load_file('DIR/app.json')[1])", code: 1,
			files: map[string]string{"app.json": "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\",\n \"metadata\": {\"name\": \"x\"\n"},
			want:  []string{"bad.lua:1: yaml.load_file: DIR/app.json: line 3, column 1: did not find expected ',' or '}' (while parsing a flow mapping that starts at line 2, column 14)"}},
		{name: "JSON text", src: "json.decode('{\"items\": [1, 2,]}')", code: 1,
			want: []string{"bad.lua:1: json.decode: line 1, column 17: invalid character ']' looking for beginning of value"}},
		{name: "manifest without a name", src: "kube.apply(yaml.load_file('DIR/app.yaml')[1])", code: 1,
			files: map[string]string{"app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n"},
			want:  []string{"bad.lua:1: kube.apply: the ConfigMap has no metadata.name"}},
		{name: "missing manifest", src: "yaml.load_file('DIR/none.yaml')", code: 1,
			want: []string{"bad.lua:1: yaml.load_file: DIR/none.yaml: no such file or directory"}},
		{name: "unreadable manifest", src: "yaml.load_file('DIR/sub')", code: 1,
			files: map[string]string{"sub/x": ""},
			want:  []string{"bad.lua:1: yaml.load_file: DIR/sub: is a directory"}},
		{name: "unreadable script", args: []string{"run", "DIR"}, code: 1,
			want: []string{"klua: cannot read script: DIR: is a directory"}},
		{name: "json bad argument", src: "json.encode({}, {indnet = 2})", code: 1,
			want: []string{`bad.lua:1: json.encode: bad argument #2 (unknown option "indnet"; allowed: indent)`}},
		{name: "yaml bad argument", src: "yaml.decode(42)", code: 1,
			want: []string{"bad.lua:1: yaml.decode: bad argument #1 (string expected, got number)"}},
		{name: "traceback of the script's frames", src: "local function inner(x)\n  return x.y.z\nend\nlocal function outer()\n  return inner({}) + 1\nend\nouter()\n", code: 1,
			want: []string{"bad.lua:2: attempt to index a non-table object(nil) with key 'z'\nstack traceback:\n\t", "bad.lua:2: in function 'inner'", "bad.lua:5: in function 'outer'", "bad.lua:7: in main chunk"},
			deny: []string{"[G]"}},
		{name: "Go frames with --debug", src: "local function f()\n  error('boom')\nend\nf()\n", args: []string{}, code: 1,
			want: []string{"bad.lua:2: boom", "[G]: in function 'error'"}},
		{name: "missing script", args: []string{"run", "no-such-script.lua"}, code: 1,
			want: []string{"no-such-script.lua: no such file or directory"}},
		{name: "unknown flag", args: []string{"--no-such-flag"}, code: 2,
			want: []string{"unknown flag: --no-such-flag"}},
		{name: "bad on-error", args: []string{"--on-error=maybe", "-e", "x = 1"}, code: 2,
			want: []string{"--on-error: \"maybe\" is not allowed (want report or exit)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range c.files {
				writeFile(t, filepath.Join(dir, name), data)
			}
			expand := func(s string) string { return strings.ReplaceAll(s, "DIR", dir) }
			var args []string
			for _, a := range c.args {
				args = append(args, expand(a))
			}
			if c.src != "" {
				path := filepath.Join(dir, "bad.lua")
				writeFile(t, path, expand(c.src))
				args = append([]string{"run", path}, args...)
				if strings.HasPrefix(c.name, "Go frames") {
					args = append([]string{"--debug"}, args...)
				}
			}
			res := kluabin.Run(t, args...)
			if res.Code != c.code {
				t.Errorf("exit code %d, want %d", res.Code, c.code)
			}
			for _, w := range c.want {
				if !strings.Contains(res.Stderr, expand(w)) {
					t.Errorf("stderr lacks %q:\n%s", expand(w), res.Stderr)
				}
			}
			for _, bad := range c.deny {
				if strings.Contains(res.Stderr, bad) {
					t.Errorf("stderr has %q:\n%s", bad, res.Stderr)
				}
			}
			if strings.HasPrefix(c.name, "Go frames") {
				return // --debug asked for them
			}
			for _, bad := range []string{"goroutine ", "panic:", ".go:"} {
				if strings.Contains(res.Stderr, bad) {
					t.Errorf("stderr has Go internals (%q):\n%s", bad, res.Stderr)
				}
			}
		})
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
