package repl

import (
	"errors"
	"testing"
)

func TestCompileInput(t *testing.T) {
	for _, tc := range []struct {
		src        string
		expr       bool
		incomplete bool
		err        string
	}{
		{src: `kube.get("ns", "default")`, expr: true},
		{src: `1 + 1`, expr: true},
		{src: `x = 1`},
		{src: `for i = 1, 2 do print(i) end`},
		{src: `function f(x)`, incomplete: true},
		{src: `do`, incomplete: true},
		{src: `t = {`, incomplete: true},
		{src: `kube.get("ns",`, incomplete: true},
		{src: `s = [[first line`, incomplete: true},
		{src: "s = \"a\\", incomplete: true},
		{src: `--[[ a comment`, incomplete: true},
		{src: `s = "open`, err: `stdin:2:0: unterminated string near 'open'`},
		{src: `x = )`, err: `stdin:1:5: syntax error near ')'`},
		{src: `end`, err: `stdin:1:3: syntax error near 'end'`},
	} {
		t.Run(tc.src, func(t *testing.T) {
			c, err := compileInput(tc.src)
			switch {
			case tc.incomplete:
				if !errors.Is(err, errIncomplete) {
					t.Errorf("err = %v, want incomplete", err)
				}
			case tc.err != "":
				if err == nil || err.Error() != tc.err {
					t.Errorf("err = %v, want %q", err, tc.err)
				}
			case err != nil:
				t.Errorf("err = %v", err)
			case c.expr != tc.expr:
				t.Errorf("expr = %v, want %v", c.expr, tc.expr)
			}
		})
	}
}

func TestIsStatement(t *testing.T) {
	for src, want := range map[string]bool{
		`kube.get("ns", "default")`: true,
		`x = 1`:                     true,
		`x`:                         false,
		`pod.spec.containers[1]`:    false,
		`1 + 1`:                     false,
	} {
		if got := isStatement(src); got != want {
			t.Errorf("isStatement(%q) = %v, want %v", src, got, want)
		}
	}
}
