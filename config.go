package main

import (
	"k8s.io/cli-runtime/pkg/genericclioptions"
)

type genericFlags = genericclioptions.ConfigFlags

// copyConfigFlags copies the connection flags, so that kube.connect can
// change the context without changing the default client's.
func copyConfigFlags(f *genericFlags) *genericFlags {
	c := genericclioptions.NewConfigFlags(true)
	c.KubeConfig = copyString(f.KubeConfig)
	c.ClusterName = copyString(f.ClusterName)
	c.AuthInfoName = copyString(f.AuthInfoName)
	c.Context = copyString(f.Context)
	c.Namespace = copyString(f.Namespace)
	c.APIServer = copyString(f.APIServer)
	c.TLSServerName = copyString(f.TLSServerName)
	c.Insecure = f.Insecure
	c.CertFile = copyString(f.CertFile)
	c.KeyFile = copyString(f.KeyFile)
	c.CAFile = copyString(f.CAFile)
	c.BearerToken = copyString(f.BearerToken)
	c.Impersonate = copyString(f.Impersonate)
	c.ImpersonateUID = copyString(f.ImpersonateUID)
	c.ImpersonateGroup = f.ImpersonateGroup
	c.Timeout = copyString(f.Timeout)
	c.CacheDir = copyString(f.CacheDir)
	return c
}

func copyString(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
