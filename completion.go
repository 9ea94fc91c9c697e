package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (o *options) completionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion SHELL",
		Short: "Output shell completion code for bash, zsh, fish or powershell",
		Long: `Output shell completion code for bash, zsh, fish or powershell.

 The code completes commands, flags, script files, the values of flags
 that name things (namespaces from the cluster, contexts, clusters and
 users from the kubeconfig), and a script's arguments as its usage line
 declares them (NAMESPACE, DEPLOYMENT, ... complete with the names of
 those objects, RESOURCE with the server's resources).

 For "kubectl lua", kubectl 1.26 and later complete through an executable
 named kubectl_complete-lua on the PATH: link it to klua.

 bash needs the bash-completion package.`,
		Example: examples(`
			# Load completion in the current bash shell
			source <(klua completion bash)

			# Load it in every new bash shell
			klua completion bash > ~/.local/share/bash-completion/completions/klua

			# zsh (with compinit), then start a new shell
			klua completion zsh > "${fpath[1]}/_klua"

			# fish
			klua completion fish > ~/.config/fish/completions/klua.fish

			# Complete "kubectl lua" too
			ln -s "$(command -v kubectl-lua)" "$(dirname "$(command -v kubectl-lua)")/kubectl_complete-lua"`),
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		Args:      cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			var err error
			switch args[0] {
			case "bash":
				err = root.GenBashCompletionV2(o.stdout, true)
			case "zsh":
				err = root.GenZshCompletion(o.stdout)
			case "fish":
				err = root.GenFishCompletion(o.stdout, true)
			case "powershell":
				err = root.GenPowerShellCompletionWithDesc(o.stdout)
			}
			if err != nil {
				return fmt.Errorf("writing %s completion: %w", args[0], err)
			}
			return nil
		},
	}
}
