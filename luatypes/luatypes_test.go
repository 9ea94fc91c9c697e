package luatypes_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"github.com/klua/klua/luatypes"
	"github.com/klua/klua/runtime"
	"github.com/klua/klua/stdlib"
)

// files returns the definition files by name.
func files(t *testing.T) map[string]string {
	t.Helper()
	fs, err := luatypes.Files()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range fs {
		out[f.Name] = string(f.Data)
	}
	return out
}

// Every file is valid Lua that lua-language-server reads as definitions.
func TestFilesParse(t *testing.T) {
	for name, src := range files(t) {
		if _, err := parse.Parse(strings.NewReader(src), name); err != nil {
			t.Errorf("%s does not parse: %v", name, err)
		}
		if !strings.HasPrefix(src, "---@meta") {
			t.Errorf("%s does not start with ---@meta", name)
		}
	}
}

var classLine = regexp.MustCompile(`(?m)^---@class (\S+)`)

// classes maps each class to its fields (name -> type).
func classes(src string) map[string]map[string]string {
	out := map[string]map[string]string{}
	var cur map[string]string
	for _, line := range strings.Split(src, "\n") {
		if m := classLine.FindStringSubmatch(line); m != nil {
			cur = map[string]string{}
			out[m[1]] = cur
			continue
		}
		if rest, ok := strings.CutPrefix(line, "---@field "); ok && cur != nil {
			f := strings.Fields(rest)
			cur[strings.TrimSuffix(f[0], "?")] = f[1]
			continue
		}
		if !strings.HasPrefix(line, "---") {
			cur = nil
		}
	}
	return out
}

// The listed groups each have a file whose kinds carry their fields,
// documentation and types, down to pod.spec.containers[1].image.
func TestGroupsCovered(t *testing.T) {
	fs := files(t)
	want := []struct {
		file, class string
		fields      map[string]string
	}{
		{"k8s-core-v1.lua", "k8s.Pod", map[string]string{"apiVersion": `"v1"`, "kind": `"Pod"`, "metadata": "k8s.ObjectMeta", "spec": "k8s.PodSpec", "status": "k8s.PodStatus"}},
		{"k8s-core-v1.lua", "k8s.PodSpec", map[string]string{"containers": "k8s.Container[]", "nodeName": "string", "restartPolicy": "string"}},
		{"k8s-core-v1.lua", "k8s.Container", map[string]string{"image": "string", "ports": "k8s.ContainerPort[]", "resources": "k8s.ResourceRequirements"}},
		{"k8s-core-v1.lua", "k8s.ResourceRequirements", map[string]string{"limits": "table<string,string|number>"}},
		{"k8s-core-v1.lua", "k8s.ConfigMap", map[string]string{"data": "table<string,string>", "binaryData": "table<string,string>"}},
		{"k8s-core-v1.lua", "k8s.ServicePort", map[string]string{"targetPort": "integer|string", "port": "integer"}},
		{"k8s-apps-v1.lua", "k8s.Deployment", map[string]string{"apiVersion": `"apps/v1"`, "spec": "k8s.DeploymentSpec"}},
		{"k8s-apps-v1.lua", "k8s.DeploymentSpec", map[string]string{"replicas": "integer", "template": "k8s.PodTemplateSpec", "selector": "k8s.LabelSelector"}},
		{"k8s-batch-v1.lua", "k8s.Job", map[string]string{"apiVersion": `"batch/v1"`, "status": "k8s.JobStatus"}},
		{"k8s-batch-v1.lua", "k8s.JobStatus", map[string]string{"completionTime": "string", "succeeded": "integer"}},
		{"k8s-batch-v1.lua", "k8s.CronJob", map[string]string{"spec": "k8s.CronJobSpec"}},
		{"k8s-networking-v1.lua", "k8s.Ingress", map[string]string{"apiVersion": `"networking.k8s.io/v1"`, "spec": "k8s.IngressSpec"}},
		{"k8s-rbac-v1.lua", "k8s.Role", map[string]string{"rules": "k8s.PolicyRule[]"}},
		{"k8s-rbac-v1.lua", "k8s.ClusterRoleBinding", map[string]string{"subjects": "k8s.Subject[]", "roleRef": "k8s.RoleRef"}},
		{"k8s-coordination-v1.lua", "k8s.Lease", map[string]string{"apiVersion": `"coordination.k8s.io/v1"`, "spec": "k8s.LeaseSpec"}},
		{"k8s-coordination-v1.lua", "k8s.LeaseSpec", map[string]string{"holderIdentity": "string", "renewTime": "string"}},
		{"k8s-meta-v1.lua", "k8s.ObjectMeta", map[string]string{"name": "string", "labels": "table<string,string>", "ownerReferences": "k8s.OwnerReference[]"}},
	}
	for _, w := range want {
		src, ok := fs[w.file]
		if !ok {
			t.Errorf("no file %s", w.file)
			continue
		}
		fields, ok := classes(src)[w.class]
		if !ok {
			t.Errorf("%s: no class %s", w.file, w.class)
			continue
		}
		for name, typ := range w.fields {
			if fields[name] != typ {
				t.Errorf("%s.%s is %q, want %q", w.class, name, fields[name], typ)
			}
		}
	}
	pod := fs["k8s-core-v1.lua"]
	if !strings.Contains(pod, "---@field image? string Container image name.") {
		t.Errorf("Container.image has no documentation")
	}
}

// Every type a field names is a class of some file, so nothing resolves
// to an unknown type in the editor.
func TestEveryTypeIsDefined(t *testing.T) {
	fs := files(t)
	defined := map[string]bool{}
	for _, src := range fs {
		for name := range classes(src) {
			defined[name] = true
		}
	}
	typeName := regexp.MustCompile(`k8s\.[A-Za-z0-9]+`)
	quoted := regexp.MustCompile(`"[^"]*"`)
	for file, src := range fs {
		for _, cls := range classes(src) {
			for field, typ := range cls {
				typ = quoted.ReplaceAllString(typ, `""`) // "networking.k8s.io/v1" is a literal
				for _, name := range typeName.FindAllString(typ, -1) {
					if !defined[name] {
						t.Errorf("%s: field %s has undefined type %s", file, field, name)
					}
				}
			}
		}
	}
}

// Every function of every klua module has a stub, so the editor knows
// the whole API; a module without a file fails here.
func TestEveryModuleFunctionHasAStub(t *testing.T) {
	fs := files(t)
	h := runtime.New(context.Background(), runtime.Options{Stdout: io.Discard})
	defer h.Close()
	if err := stdlib.Open(h, stdlib.Config{}); err != nil {
		t.Fatal(err)
	}
	loaded := h.L.GetField(h.L.Get(lua.RegistryIndex), "_LOADED").(*lua.LTable)
	var modules []string
	loaded.ForEach(func(k, v lua.LValue) {
		name := k.String()
		mod, ok := v.(*lua.LTable)
		if !ok || isStandardLibrary(name) {
			return
		}
		modules = append(modules, name)
		src, ok := fs[name+".lua"]
		if !ok {
			t.Errorf("module %s has no definition file", name)
			return
		}
		mod.ForEach(func(fk, fv lua.LValue) {
			if fv.Type() != lua.LTFunction {
				return
			}
			stub := "function " + name + "." + fk.String() + "("
			if !strings.Contains(src, stub) {
				t.Errorf("%s.lua lacks %q", name, stub)
			}
		})
	})
	sort.Strings(modules)
	if len(modules) < 7 {
		t.Errorf("found modules %v, want kube, json, yaml, log, time, schedule, progress at least", modules)
	}
}

func isStandardLibrary(name string) bool {
	switch name {
	case "_G", "package", "table", "string", "math", "os", "io", "debug", "channel", "coroutine":
		return true
	}
	return false
}

// kube.get("pods", ...) is typed k8s.Pod through an overload, and every
// resource name alias lists the names discovery knows.
func TestResourceOverloads(t *testing.T) {
	fs := files(t)
	kube := fs["kube.lua"]
	for _, want := range []string{
		"---@overload fun(resource: kube.resource.Pod, name: string, opts?: kube.GetOptions): k8s.Pod\n",
		"---@overload fun(resource: kube.resource.Deployment, opts?: kube.ListOptions): k8s.DeploymentList\n",
		"---@overload fun(resource: kube.resource.Lease, name: string, predicate: fun(object: k8s.Lease|nil): boolean?, opts?: kube.WaitOptions): k8s.Lease|nil\n",
	} {
		if !strings.Contains(kube, want) {
			t.Errorf("kube.lua lacks %q", want)
		}
	}
	if strings.Contains(kube, "@klua-overloads") {
		t.Errorf("kube.lua still has a @klua-overloads marker")
	}
	aliases := fs["kube-resources.lua"]
	for _, want := range []string{
		`---@alias kube.resource.Pod "pods"|"pod"|"Pod"|"po"` + "\n",
		`---@alias kube.resource.Deployment "deployments"|"deployment"|"Deployment"|"deploy"|"deployments.apps"` + "\n",
		`---@alias kube.resource.Endpoints "endpoints"|"Endpoints"|"ep"` + "\n",
		`---@alias kube.resource.NetworkPolicy "networkpolicies"|"networkpolicy"|"NetworkPolicy"|"netpol"|"networkpolicies.networking.k8s.io"` + "\n",
	} {
		if !strings.Contains(aliases, want) {
			t.Errorf("kube-resources.lua lacks %q", want)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "types")
	paths, err := luatypes.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	fs := files(t)
	if len(paths) != len(fs) {
		t.Errorf("wrote %d files, want %d", len(paths), len(fs))
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, []byte(fs[filepath.Base(p)])) {
			t.Errorf("%s differs from Files()", p)
		}
	}
}
