package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/klua/klua/kube"
)

// Shell completion: cobra's protocol ("klua __complete ARGS... PARTIAL"),
// which the scripts of "klua completion SHELL" call, and which kubectl
// calls through kubectl_complete-lua for "kubectl lua". Completions that
// need the cluster ask it as kubectl's do, bounded by completionTimeout.

const completionTimeout = 5 * time.Second

// registerFlagCompletions completes the values of the flags that name
// things: namespaces from the cluster, contexts, clusters and users from
// the kubeconfig, and the enumerated values of klua's own flags.
func (o *options) registerFlagCompletions(root *cobra.Command) {
	fixed := map[string][]string{
		"on-error":   {"report", "exit"},
		"log-format": {"text", "json"},
		"log-level":  {"debug", "info", "warn", "error"},
	}
	for name, values := range fixed {
		_ = root.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	_ = root.RegisterFlagCompletionFunc("init", completeLuaFiles)
	_ = root.RegisterFlagCompletionFunc("namespace", func(_ *cobra.Command, _ []string, partial string) ([]string, cobra.ShellCompDirective) {
		return o.resourceNames("namespaces", "", partial), cobra.ShellCompDirectiveNoFileComp
	})
	kubeconfig := map[string]func(*kubeconfigNames) []string{
		"context": func(k *kubeconfigNames) []string { return k.contexts },
		"cluster": func(k *kubeconfigNames) []string { return k.clusters },
		"user":    func(k *kubeconfigNames) []string { return k.users },
	}
	for name, pick := range kubeconfig {
		_ = root.RegisterFlagCompletionFunc(name, func(_ *cobra.Command, _ []string, partial string) ([]string, cobra.ShellCompDirective) {
			return withPrefix(pick(o.kubeconfigNames()), partial), cobra.ShellCompDirectiveNoFileComp
		})
	}
}

type kubeconfigNames struct{ contexts, clusters, users []string }

func (o *options) kubeconfigNames() *kubeconfigNames {
	cfg, err := o.config.ToRawKubeConfigLoader().RawConfig()
	if err != nil {
		return &kubeconfigNames{}
	}
	return &kubeconfigNames{contexts: keys(cfg.Contexts), clusters: keys(cfg.Clusters), users: keys(cfg.AuthInfos)}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func withPrefix(names []string, partial string) []string {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, partial) {
			out = append(out, n)
		}
	}
	return out
}

// resourceNames lists the names of a resource's objects that start with
// partial, in namespace (the context's when empty). It returns nothing
// when the cluster cannot say: completion must never print errors.
func (o *options) resourceNames(resource, namespace, partial string) []string {
	ctx, cancel := context.WithTimeout(context.Background(), completionTimeout)
	defer cancel()
	client := newClient(o, o.config)
	r, err := client.Resolve(ctx, resource)
	if err != nil {
		return nil
	}
	body, err := client.List(ctx, r, kube.Options{Namespace: namespace})
	if err != nil {
		return nil
	}
	var list struct {
		Items []struct {
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		} `json:"items"`
	}
	if json.Unmarshal(body, &list) != nil {
		return nil
	}
	names := make([]string, 0, len(list.Items))
	for _, it := range list.Items {
		names = append(names, it.Metadata.Name)
	}
	return withPrefix(names, partial)
}

// resourceTypes lists the resources the server has that can be listed,
// by plural ("pods", "deployments"), group-qualified where two groups
// share a plural ("events.events.k8s.io").
func (o *options) resourceTypes(partial string) []string {
	ctx, cancel := context.WithTimeout(context.Background(), completionTimeout)
	defer cancel()
	infos, err := newClient(o, o.config).Resources(ctx)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var names []string
	for _, ri := range infos {
		if !slices.Contains(ri.Verbs, "list") {
			continue
		}
		name := ri.Name
		if seen[name] {
			name = ri.String()
		}
		seen[name] = true
		names = append(names, name)
	}
	sort.Strings(names)
	return withPrefix(names, partial)
}

// completeLuaFiles completes script files (and directories).
func completeLuaFiles(_ *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	return []string{"lua"}, cobra.ShellCompDirectiveFilterFileExt
}

// completeRoot completes "klua <TAB>": the commands (cobra adds them) and
// the scripts of the directory; then, after a script, its arguments.
func (o *options) completeRoot(cmd *cobra.Command, args []string, partial string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 || o.eval != "" {
		return o.completeScriptArgs(cmd, args, partial)
	}
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), partial) {
			return luaFilesIn(partial), cobra.ShellCompDirectiveNoFileComp
		}
	}
	return completeLuaFiles(cmd, args, partial)
}

// luaFilesIn lists the .lua files of partial's directory that start with
// partial, for when commands and scripts are completed together.
func luaFilesIn(partial string) []string {
	matches, _ := filepath.Glob(partial + "*.lua")
	return matches
}

// completeScriptArgs completes "klua run <TAB>" with scripts, and the
// arguments after a script by its usage line (see scriptUsage).
func (o *options) completeScriptArgs(cmd *cobra.Command, args []string, partial string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		if o.eval != "" {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completeLuaFiles(cmd, args, partial)
	}
	usage, err := readScriptUsage(args[0])
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	arg, ok := usage.argAt(args[1:], partial)
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	if arg.flags != nil {
		return arg.flags, cobra.ShellCompDirectiveNoFileComp
	}
	if arg.isFile() {
		return nil, cobra.ShellCompDirectiveDefault
	}
	if arg.isResourceType() {
		return o.resourceTypes(partial), cobra.ShellCompDirectiveNoFileComp
	}
	namespace := ""
	if ns, ok := usage.valueOf("NAMESPACE", args[1:]); ok {
		namespace = ns
	}
	return o.resourceNames(arg.resource(), namespace, partial), cobra.ShellCompDirectiveNoFileComp
}

// readScriptUsage reads a script's usage line from its leading comments.
func readScriptUsage(path string) (scriptUsage, error) {
	f, err := os.Open(path)
	if err != nil {
		return scriptUsage{}, err
	}
	defer f.Close()
	buf := make([]byte, 8<<10)
	n, _ := f.Read(buf)
	return parseScriptUsage(string(buf[:n])), nil
}
