package kube

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"
	"k8s.io/client-go/discovery"
	diskcached "k8s.io/client-go/discovery/cached/disk"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/homedir"
)

// ConfigFlags are kubectl's connection flags (--kubeconfig, --context,
// -n, --server, --token, --as, ...), with kubectl's names, defaults and
// meaning, turned into client-go's kubeconfig loader and cached discovery.
//
// It is k8s.io/cli-runtime's genericclioptions.ConfigFlags, cut down to
// what klua uses: linking cli-runtime (its resource builder, kustomize,
// printers) cost every klua process 28 MiB of resident memory and a few
// milliseconds of start-up, for these ~150 lines. The loading itself is
// client-go's clientcmd, untouched.
type ConfigFlags struct {
	CacheDir   *string
	KubeConfig *string

	ClusterName          *string
	AuthInfoName         *string
	Context              *string
	Namespace            *string
	APIServer            *string
	TLSServerName        *string
	Insecure             *bool
	CertFile             *string
	KeyFile              *string
	CAFile               *string
	BearerToken          *string
	Impersonate          *string
	ImpersonateUID       *string
	ImpersonateGroup     *[]string
	ImpersonateUserExtra *[]string
	Timeout              *string
	DisableCompression   *bool
	ProxyURL             *string

	// persistent: build the loader and the discovery client once.
	persistent bool
	loaderMu   sync.Mutex
	loader     clientcmd.ClientConfig
	discoMu    sync.Mutex // not loaderMu: building discovery needs the loader
	disco      discovery.CachedDiscoveryInterface
}

// NewConfigFlags returns the flags at kubectl's defaults. persistent keeps
// the kubeconfig loader and discovery client once built, as kubectl does.
func NewConfigFlags(persistent bool) *ConfigFlags {
	str := func(s string) *string { return &s }
	insecure, disableCompression := false, false
	groups, extras := []string{}, []string{}
	return &ConfigFlags{
		CacheDir:             str(defaultCacheDir()),
		KubeConfig:           str(""),
		ClusterName:          str(""),
		AuthInfoName:         str(""),
		Context:              str(""),
		Namespace:            str(""),
		APIServer:            str(""),
		TLSServerName:        str(""),
		Insecure:             &insecure,
		CertFile:             str(""),
		KeyFile:              str(""),
		CAFile:               str(""),
		BearerToken:          str(""),
		Impersonate:          str(""),
		ImpersonateUID:       str(""),
		ImpersonateGroup:     &groups,
		ImpersonateUserExtra: &extras,
		Timeout:              str("0"),
		DisableCompression:   &disableCompression,
		ProxyURL:             str(""),
		persistent:           persistent,
	}
}

// AddFlags registers the flags on fs, with kubectl's names and help.
func (f *ConfigFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(f.KubeConfig, "kubeconfig", *f.KubeConfig, "Path to the kubeconfig file to use for CLI requests.")
	fs.StringVar(f.CacheDir, "cache-dir", *f.CacheDir, "Default cache directory")
	fs.StringVar(f.CertFile, "client-certificate", *f.CertFile, "Path to a client certificate file for TLS")
	fs.StringVar(f.KeyFile, "client-key", *f.KeyFile, "Path to a client key file for TLS")
	fs.StringVar(f.BearerToken, "token", *f.BearerToken, "Bearer token for authentication to the API server")
	fs.StringVar(f.Impersonate, "as", *f.Impersonate, "Username to impersonate for the operation. User could be a regular user or a service account in a namespace.")
	fs.StringVar(f.ImpersonateUID, "as-uid", *f.ImpersonateUID, "UID to impersonate for the operation.")
	fs.StringArrayVar(f.ImpersonateGroup, "as-group", *f.ImpersonateGroup, "Group to impersonate for the operation, this flag can be repeated to specify multiple groups.")
	fs.StringArrayVar(f.ImpersonateUserExtra, "as-user-extra", *f.ImpersonateUserExtra, "User extras to impersonate for the operation, this flag can be repeated to specify multiple values for the same key.")
	fs.StringVar(f.ClusterName, "cluster", *f.ClusterName, "The name of the kubeconfig cluster to use")
	fs.StringVar(f.AuthInfoName, "user", *f.AuthInfoName, "The name of the kubeconfig user to use")
	fs.StringVarP(f.Namespace, "namespace", "n", *f.Namespace, "If present, the namespace scope for this CLI request")
	fs.StringVar(f.Context, "context", *f.Context, "The name of the kubeconfig context to use")
	fs.StringVarP(f.APIServer, "server", "s", *f.APIServer, "The address and port of the Kubernetes API server")
	fs.StringVar(f.TLSServerName, "tls-server-name", *f.TLSServerName, "Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used")
	fs.BoolVar(f.Insecure, "insecure-skip-tls-verify", *f.Insecure, "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure")
	fs.StringVar(f.CAFile, "certificate-authority", *f.CAFile, "Path to a cert file for the certificate authority")
	fs.StringVar(f.Timeout, "request-timeout", *f.Timeout, "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.")
	fs.BoolVar(f.DisableCompression, "disable-compression", *f.DisableCompression, "If true, opt-out of response compression for all requests to the server")
	fs.StringVar(f.ProxyURL, "proxy-url", *f.ProxyURL, "Proxy URL to use for requests to the API server")
}

// Copy is an independent copy of the flag values (for a second client
// that switches context without touching the first).
func (f *ConfigFlags) Copy() *ConfigFlags {
	return &ConfigFlags{
		CacheDir:             clonePtr(f.CacheDir),
		KubeConfig:           clonePtr(f.KubeConfig),
		ClusterName:          clonePtr(f.ClusterName),
		AuthInfoName:         clonePtr(f.AuthInfoName),
		Context:              clonePtr(f.Context),
		Namespace:            clonePtr(f.Namespace),
		APIServer:            clonePtr(f.APIServer),
		TLSServerName:        clonePtr(f.TLSServerName),
		Insecure:             clonePtr(f.Insecure),
		CertFile:             clonePtr(f.CertFile),
		KeyFile:              clonePtr(f.KeyFile),
		CAFile:               clonePtr(f.CAFile),
		BearerToken:          clonePtr(f.BearerToken),
		Impersonate:          clonePtr(f.Impersonate),
		ImpersonateUID:       clonePtr(f.ImpersonateUID),
		ImpersonateGroup:     cloneSlicePtr(f.ImpersonateGroup),
		ImpersonateUserExtra: cloneSlicePtr(f.ImpersonateUserExtra),
		Timeout:              clonePtr(f.Timeout),
		DisableCompression:   clonePtr(f.DisableCompression),
		ProxyURL:             clonePtr(f.ProxyURL),
		persistent:           f.persistent,
	}
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func cloneSlicePtr(p *[]string) *[]string {
	if p == nil {
		return nil
	}
	v := append([]string(nil), *p...)
	return &v
}

// ToRESTConfig is the client-go configuration the flags and kubeconfig
// (or the in-cluster service account) describe.
func (f *ConfigFlags) ToRESTConfig() (*rest.Config, error) {
	return f.ToRawKubeConfigLoader().ClientConfig()
}

// ToRawKubeConfigLoader is client-go's kubeconfig loader with the flags
// as overrides, as kubectl builds it.
func (f *ConfigFlags) ToRawKubeConfigLoader() clientcmd.ClientConfig {
	if !f.persistent {
		return f.newLoader()
	}
	f.loaderMu.Lock()
	defer f.loaderMu.Unlock()
	if f.loader == nil {
		f.loader = f.newLoader()
	}
	return f.loader
}

func (f *ConfigFlags) newLoader() clientcmd.ClientConfig {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.DefaultClientConfig = &clientcmd.DefaultClientConfig
	set := func(p *string, to *string) {
		if p != nil {
			*to = *p
		}
	}
	set(f.KubeConfig, &rules.ExplicitPath)
	o := &clientcmd.ConfigOverrides{ClusterDefaults: clientcmd.ClusterDefaults}
	if f.CertFile != nil {
		o.AuthInfo.ClientCertificate, o.AuthInfo.ClientCertificateData = *f.CertFile, nil
	}
	if f.KeyFile != nil {
		o.AuthInfo.ClientKey, o.AuthInfo.ClientKeyData = *f.KeyFile, nil
	}
	if f.BearerToken != nil {
		o.AuthInfo.Token, o.AuthInfo.TokenFile = *f.BearerToken, ""
	}
	set(f.Impersonate, &o.AuthInfo.Impersonate)
	set(f.ImpersonateUID, &o.AuthInfo.ImpersonateUID)
	if f.ImpersonateGroup != nil {
		o.AuthInfo.ImpersonateGroups = *f.ImpersonateGroup
	}
	if f.ImpersonateUserExtra != nil && len(*f.ImpersonateUserExtra) > 0 {
		o.AuthInfo.ImpersonateUserExtra = map[string][]string{}
		for _, kv := range *f.ImpersonateUserExtra {
			if k, v, ok := strings.Cut(kv, "="); ok {
				o.AuthInfo.ImpersonateUserExtra[k] = append(o.AuthInfo.ImpersonateUserExtra[k], v)
			}
		}
	}
	set(f.APIServer, &o.ClusterInfo.Server)
	set(f.TLSServerName, &o.ClusterInfo.TLSServerName)
	set(f.CAFile, &o.ClusterInfo.CertificateAuthority)
	if f.Insecure != nil {
		o.ClusterInfo.InsecureSkipTLSVerify = *f.Insecure
	}
	if f.DisableCompression != nil {
		o.ClusterInfo.DisableCompression = *f.DisableCompression
	}
	set(f.ProxyURL, &o.ClusterInfo.ProxyURL)
	set(f.Context, &o.CurrentContext)
	set(f.ClusterName, &o.Context.Cluster)
	set(f.AuthInfoName, &o.Context.AuthInfo)
	set(f.Namespace, &o.Context.Namespace)
	set(f.Timeout, &o.Timeout)
	return clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, o)
}

// ToDiscoveryClient is client-go's disk-cached discovery, in kubectl's
// cache directory (--cache-dir, $KUBECACHEDIR, ~/.kube/cache), so that
// klua and kubectl share one warm cache.
func (f *ConfigFlags) ToDiscoveryClient() (discovery.CachedDiscoveryInterface, error) {
	if !f.persistent {
		return f.newDiscoveryClient()
	}
	f.discoMu.Lock()
	defer f.discoMu.Unlock()
	if f.disco == nil {
		d, err := f.newDiscoveryClient()
		if err != nil {
			return nil, err
		}
		f.disco = d
	}
	return f.disco, nil
}

func (f *ConfigFlags) newDiscoveryClient() (discovery.CachedDiscoveryInterface, error) {
	config, err := f.ToRESTConfig()
	if err != nil {
		return nil, err
	}
	// kubectl's: many groups mean many requests, which its own rate
	// limit should not slow down.
	config.Burst, config.QPS = 300, 0
	cacheDir := defaultCacheDir()
	if f.CacheDir != nil && *f.CacheDir != "" {
		cacheDir = *f.CacheDir
	}
	return diskcached.NewCachedDiscoveryClientForConfig(config,
		discoveryCacheDir(filepath.Join(cacheDir, "discovery"), config.Host),
		filepath.Join(cacheDir, "http"), 6*time.Hour)
}

func defaultCacheDir() string {
	if dir := os.Getenv("KUBECACHEDIR"); dir != "" {
		return dir
	}
	return filepath.Join(homedir.HomeDir(), ".kube", "cache")
}

// discoveryCacheDir is kubectl's directory for host's discovery cache:
// the address without its scheme, every character but letters, digits,
// '_', '/', '.', '(' and ')' replaced by '_' (kubectl's regexp
// [^(\w/.)], spelled out so that klua's start compiles no regexp).
func discoveryCacheDir(parent, host string) string {
	host = strings.Replace(strings.Replace(host, "https://", "", 1), "http://", "", 1)
	safe := strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', strings.ContainsRune("_/.()", r):
			return r
		}
		return '_'
	}, host)
	return filepath.Join(parent, safe)
}
