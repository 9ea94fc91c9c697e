package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/klua/klua/luatypes"
)

func (o *options) typesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "types DIR",
		Short: "Write lua-language-server definitions of klua and Kubernetes objects",
		Long: `Write lua-language-server definition files (---@meta) into DIR: one for
 each klua module (kube, json, yaml, log, time, schedule, progress, and the globals),
 and one for each API group whose objects they describe (core, apps, batch,
 networking, rbac and coordination, all v1), with the API's field names,
 types and documentation. Point lua-language-server at DIR (workspace.library
 in .luarc.json) and scripts get completion (pod.spec.containers[1].image),
 hover documentation, and warnings for misspelt fields.

 kube.get, kube.list and kube.wait know the object they return when the
 resource is a literal name ("pods", "deploy", "Job", ...); elsewhere
 annotate: ---@type k8s.Pod. DIR is created if needed; the files in it
 that klua writes are replaced.`,
		Example: examples(`
			# Write the definitions, then point lua-language-server at them
			klua types .klua/types
			echo '{"runtime.version": "Lua 5.1", "workspace.library": [".klua/types"]}' > .luarc.json`),
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		Run: func(_ *cobra.Command, args []string) {
			files, err := luatypes.Write(args[0])
			if err != nil {
				fmt.Fprintf(o.stderr, "%s types: %v\n", o.name, err)
				o.code = exitError
				return
			}
			fmt.Fprintf(o.stdout, "wrote %d files to %s\n", len(files), args[0])
		},
	}
}
