package testcluster

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
)

// kubeconfig is the part of a kubeconfig file that testcluster writes and
// reads. It is written as JSON, which is YAML too, so kubectl and client-go
// read it as any kubeconfig, and this package reads it back (for
// KLUA_TEST_KUBECONFIG) with the standard library alone.
type kubeconfig struct {
	APIVersion     string         `json:"apiVersion"`
	Kind           string         `json:"kind"`
	Clusters       []namedCluster `json:"clusters"`
	Users          []namedUser    `json:"users"`
	Contexts       []namedContext `json:"contexts"`
	CurrentContext string         `json:"current-context"`
}

type namedCluster struct {
	Name    string `json:"name"`
	Cluster struct {
		Server                   string `json:"server"`
		CertificateAuthorityData string `json:"certificate-authority-data,omitempty"`
	} `json:"cluster"`
}

type namedUser struct {
	Name string `json:"name"`
	User struct {
		Token string `json:"token,omitempty"`
	} `json:"user"`
}

type namedContext struct {
	Name    string `json:"name"`
	Context struct {
		Cluster   string `json:"cluster"`
		User      string `json:"user"`
		Namespace string `json:"namespace,omitempty"`
	} `json:"context"`
}

// newKubeconfig is a kubeconfig for one cluster with a context, of the same
// name, for each of users; the first is the current context.
func newKubeconfig(server string, ca []byte, users []identity) *kubeconfig {
	kc := &kubeconfig{APIVersion: "v1", Kind: "Config", CurrentContext: users[0].context}
	var cluster namedCluster
	cluster.Name = "klua"
	cluster.Cluster.Server = server
	cluster.Cluster.CertificateAuthorityData = base64.StdEncoding.EncodeToString(ca)
	kc.Clusters = append(kc.Clusters, cluster)
	for _, u := range users {
		var user namedUser
		user.Name, user.User.Token = u.context, u.token
		var context namedContext
		context.Name = u.context
		context.Context.Cluster, context.Context.User, context.Context.Namespace = "klua", u.context, "default"
		kc.Users = append(kc.Users, user)
		kc.Contexts = append(kc.Contexts, context)
	}
	return kc
}

func (kc *kubeconfig) write(path string) error {
	data, err := json.MarshalIndent(kc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode kubeconfig %q: %w", path, err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("write kubeconfig %q: %w", path, err)
	}
	return nil
}

// readKubeconfig reads a kubeconfig written as JSON; YAML ones are not
// understood (the standard library has no YAML).
func readKubeconfig(path string) (*kubeconfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read kubeconfig: %w", err)
	}
	var kc kubeconfig
	if err := json.Unmarshal(data, &kc); err != nil {
		return nil, fmt.Errorf("read kubeconfig %q as JSON: %w", path, err)
	}
	return &kc, nil
}

// credentials returns the server, CA and token of a context, with empty
// strings for what the kubeconfig does not have.
func (kc *kubeconfig) credentials(contextName string) (server string, ca []byte, token string) {
	for _, ctx := range kc.Contexts {
		if ctx.Name != contextName {
			continue
		}
		for _, c := range kc.Clusters {
			if c.Name == ctx.Context.Cluster {
				server = c.Cluster.Server
				ca, _ = base64.StdEncoding.DecodeString(c.Cluster.CertificateAuthorityData)
			}
		}
		for _, u := range kc.Users {
			if u.Name == ctx.Context.User {
				token = u.User.Token
			}
		}
	}
	return server, ca, token
}
