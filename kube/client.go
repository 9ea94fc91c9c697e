// Package kube is klua's access to the Kubernetes API. It speaks HTTP to the
// API server with client-go's configuration, authentication and discovery,
// and hands back the server's JSON bytes untouched, so that callers can
// convert them straight into their own values. It knows nothing of Lua.
package kube

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/flowcontrol"
)

// Config says how to reach a cluster and how to behave there.
type Config struct {
	// Flags are the kubectl-style connection flags (kubeconfig, context,
	// namespace, server, token, ...). Nil means the defaults: KUBECONFIG,
	// ~/.kube/config, or the in-cluster service account.
	Flags *ConfigFlags
	// QPS and Burst bound the requests per second. client-go's own
	// defaults (5 and 10) make a paged list wait on itself, so klua's
	// defaults are higher; a negative QPS turns the limit off.
	QPS   float32
	Burst int
	// DryRun sends every write with dryRun=All: the server validates and
	// answers as usual but persists nothing.
	DryRun bool
	// ReadOnly refuses every write before it is sent (a ReadOnlyError),
	// dry runs included; reads, watches and access reviews still work.
	ReadOnly bool
	// AllowContexts, when not empty, are the only kubeconfig contexts
	// the client may use (path.Match patterns); any other fails the
	// client before its first request with a ContextNotAllowedError.
	AllowContexts []string
	// UserAgent names the client to the server. It must not start with
	// "curl": the server pretty-prints JSON for curl.
	UserAgent string
	// Observer, when set, is told about every request (for logs and metrics).
	Observer Observer
}

// Default rate limits: high enough that a normal script never waits on
// itself, low enough that a runaway loop cannot flood the server.
const (
	DefaultQPS   = 100
	DefaultBurst = 200
)

// Client talks to one cluster. It is safe for concurrent use. Connection
// details are loaded on first use, so that commands that never reach the
// cluster (check, version without a cluster) do not fail on a missing
// kubeconfig.
type Client struct {
	cfg Config

	once      sync.Once
	initErr   error
	rest      *rest.Config
	http      *http.Client
	base      *url.URL
	namespace string
	limiter   flowcontrol.RateLimiter
	// reached is set once the server has answered a request: after
	// that, an unreachable server is an outage that reads wait out.
	reached atomic.Bool

	discoOnce sync.Once
	disco     discovery.CachedDiscoveryInterface
	mapper    meta.RESTMapper
	deferred  *restmapper.DeferredDiscoveryRESTMapper
	discoErr  error
	// rediscovered is when discovery was last re-read for an unknown name.
	rediscovered atomic.Int64
	resolved     resolver
}

// New returns a client for the cluster that cfg describes. It does not
// contact the server.
func New(cfg Config) *Client {
	if cfg.Flags == nil {
		cfg.Flags = NewConfigFlags(true)
	}
	if cfg.QPS == 0 {
		cfg.QPS = DefaultQPS
	}
	if cfg.Burst == 0 {
		cfg.Burst = DefaultBurst
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "klua"
	}
	return &Client{cfg: cfg}
}

// DryRun reports whether every write is sent as a dry run.
func (c *Client) DryRun() bool { return c.cfg.DryRun }

func (c *Client) init() error {
	c.once.Do(func() { c.initErr = c.load() })
	return c.initErr
}

func (c *Client) load() error {
	if err := checkContext(c.contextName(), c.cfg.AllowContexts); err != nil {
		return err
	}
	rc, err := c.cfg.Flags.ToRESTConfig()
	if err != nil {
		return configError(err)
	}
	rc.UserAgent = c.cfg.UserAgent
	rc.QPS, rc.Burst = c.cfg.QPS, c.cfg.Burst
	ns, _, err := c.cfg.Flags.ToRawKubeConfigLoader().Namespace()
	if err != nil {
		return configError(err)
	}
	hc, err := rest.HTTPClientFor(rc)
	if err != nil {
		return fmt.Errorf("kubernetes client for %s: %w", rc.Host, err)
	}
	base, err := serverURL(rc)
	if err != nil {
		return err
	}
	c.rest, c.http, c.base, c.namespace = rc, hc, base, ns
	if rc.QPS > 0 {
		c.limiter = flowcontrol.NewTokenBucketRateLimiter(rc.QPS, rc.Burst)
	}
	return nil
}

// configError explains a missing configuration the way a user can act on.
func configError(err error) error {
	if clientcmd.IsEmptyConfig(err) {
		return fmt.Errorf("no Kubernetes configuration: set KUBECONFIG or --kubeconfig, or run inside a cluster")
	}
	return fmt.Errorf("kubernetes configuration: %w", err)
}

func serverURL(rc *rest.Config) (*url.URL, error) {
	host := rc.Host
	if !strings.Contains(host, "://") {
		host = "https://" + host
	}
	u, err := url.Parse(host)
	if err != nil {
		return nil, fmt.Errorf("server address %q: %w", rc.Host, err)
	}
	u.Path = strings.TrimRight(u.Path+rc.APIPath, "/")
	return u, nil
}

// Namespace is the default namespace: --namespace, else the context's,
// else the in-cluster service account's, else "default".
func (c *Client) Namespace() (string, error) {
	if err := c.init(); err != nil {
		return "", err
	}
	return c.namespace, nil
}

// RESTConfig returns the client-go configuration, for libraries that need
// one (informers, leader election).
func (c *Client) RESTConfig() (*rest.Config, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	return rest.CopyConfig(c.rest), nil
}

// Info describes the connection without anything secret in it.
type Info struct {
	Context, Cluster, Server, Namespace, User string
}

// Info returns what the client connects to.
func (c *Client) Info() (Info, error) {
	if err := c.init(); err != nil {
		return Info{}, err
	}
	info := Info{Server: c.rest.Host, Namespace: c.namespace, Context: c.contextName()}
	raw, err := c.cfg.Flags.ToRawKubeConfigLoader().RawConfig()
	if err != nil {
		return info, nil // in-cluster: there is no kubeconfig to name things
	}
	if ctx, ok := raw.Contexts[info.Context]; ok {
		info.Cluster, info.User = ctx.Cluster, ctx.AuthInfo
	}
	if f := c.cfg.Flags.ClusterName; f != nil && *f != "" {
		info.Cluster = *f
	}
	if f := c.cfg.Flags.AuthInfoName; f != nil && *f != "" {
		info.User = *f
	}
	return info, nil
}

// contextName is the kubeconfig context in use: --context, else the
// kubeconfig's current context; "" in-cluster.
func (c *Client) contextName() string {
	if f := c.cfg.Flags.Context; f != nil && *f != "" {
		return *f
	}
	raw, err := c.cfg.Flags.ToRawKubeConfigLoader().RawConfig()
	if err != nil {
		return ""
	}
	return raw.CurrentContext
}

// wait blocks on the client-side rate limit.
func (c *Client) wait(ctx context.Context) error {
	if c.limiter == nil {
		return nil
	}
	return c.limiter.Wait(ctx)
}

// Contexts lists the kubeconfig's contexts, sorted, for completion and
// for checking a context name before switching to it.
func (c *Client) Contexts() ([]string, error) {
	raw, err := c.cfg.Flags.ToRawKubeConfigLoader().RawConfig()
	if err != nil {
		return nil, configError(err)
	}
	names := make([]string, 0, len(raw.Contexts))
	for name := range raw.Contexts {
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}
