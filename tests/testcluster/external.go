package testcluster

import (
	"fmt"
	"os"
)

// External describes the running cluster of the kubeconfig at path, for
// tests that run against it instead of a control plane of their own. Its
// contexts should be named AdminContext and NobodyContext, as those of
// `testcluster up`; without an AdminContext the current context is used.
// Server, tokens and CA are filled in only from a kubeconfig written as JSON
// (`kubectl config view --raw --flatten -o json` converts one).
func External(path string) (*Cluster, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s: %w", EnvKubeconfig, err)
	}
	c := &Cluster{Kubeconfig: path, AdminContext: AdminContext, NobodyContext: NobodyContext}
	kc, err := readKubeconfig(path)
	if err != nil {
		// Still usable by tests that only hand the kubeconfig to a client.
		fmt.Fprintf(os.Stderr, "testcluster: %s: %v; tests that need the server or tokens will fail\n", EnvKubeconfig, err)
		return c, nil
	}
	if !kc.hasContext(AdminContext) {
		c.AdminContext = kc.CurrentContext
	}
	c.Server, c.CA, c.AdminToken = kc.credentials(c.AdminContext)
	_, _, c.NobodyToken = kc.credentials(c.NobodyContext)
	return c, nil
}

func (kc *kubeconfig) hasContext(name string) bool {
	for _, ctx := range kc.Contexts {
		if ctx.Name == name {
			return true
		}
	}
	return false
}
