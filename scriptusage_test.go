package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseScriptUsage(t *testing.T) {
	src := `-- rollout-restart.lua: restart Deployments.
--
--   klua run scripts/rollout-restart.lua [--selector SELECTOR] [--once] NAMESPACE DEPLOYMENT...   (default: all)
--
-- RBAC: deployments: get, patch.
local x = 1
`
	u := parseScriptUsage(src)
	if !reflect.DeepEqual(u.positional, []string{"NAMESPACE", "DEPLOYMENT"}) || !u.repeat {
		t.Errorf("positional %v repeat %v", u.positional, u.repeat)
	}
	if !reflect.DeepEqual(u.flags, map[string]string{"--selector": "SELECTOR", "--once": ""}) {
		t.Errorf("flags %v", u.flags)
	}
	tests := []struct {
		typed, partial string
		want           string // placeholder, or flags joined by ","
	}{
		{"", "", "NAMESPACE"},
		{"web", "", "DEPLOYMENT"},
		{"web api", "", "DEPLOYMENT"},
		{"--once", "", "NAMESPACE"},
		{"--selector", "", "SELECTOR"},
		{"--selector app=x web", "", "DEPLOYMENT"},
		{"", "--o", "--once"},
	}
	for _, tt := range tests {
		arg, ok := u.argAt(strings.Fields(tt.typed), tt.partial)
		got := arg.placeholder
		if arg.flags != nil {
			got = strings.Join(arg.flags, ",")
		}
		if !ok || got != tt.want {
			t.Errorf("after %q, %q: got %q (%v), want %q", tt.typed, tt.partial, got, ok, tt.want)
		}
	}
	if ns, ok := u.valueOf("NAMESPACE", []string{"--selector", "a=b", "web", "api"}); !ok || ns != "web" {
		t.Errorf("valueOf NAMESPACE = %q, %v", ns, ok)
	}
	if sel, ok := u.valueOf("SELECTOR", []string{"--selector=a=b"}); !ok || sel != "a=b" {
		t.Errorf("valueOf SELECTOR = %q, %v", sel, ok)
	}
}

func TestScriptUsageNeedsTheLeadingComments(t *testing.T) {
	u := parseScriptUsage("local x = 1\n-- klua run x.lua NAMESPACE\n")
	if len(u.positional) != 0 {
		t.Errorf("a usage line after the code counted: %v", u.positional)
	}
	if _, ok := u.argAt(nil, ""); ok {
		t.Errorf("a script without a usage line expects arguments")
	}
}

func TestPlaceholderResource(t *testing.T) {
	for p, want := range map[string]string{"NAMESPACE": "namespace", "DEPLOYMENT_NAME": "deployment", "CONFIG_MAP": "configmap"} {
		if got := (usageArg{placeholder: p}).resource(); got != want {
			t.Errorf("%s: %q, want %q", p, got, want)
		}
	}
	if !(usageArg{placeholder: "YAML_FILE"}).isFile() || (usageArg{placeholder: "NODE"}).isFile() {
		t.Errorf("isFile")
	}
	if !(usageArg{placeholder: "RESOURCE"}).isResourceType() || (usageArg{placeholder: "DEPLOYMENT"}).isResourceType() {
		t.Errorf("isResourceType")
	}
}
