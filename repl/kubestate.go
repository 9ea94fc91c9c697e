package repl

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/klua/klua/kube"
)

// kubeState is the session's connection (switched by :ctx and :ns) and
// what completion caches of the cluster. The line editor's goroutine reads
// it while completing, the Lua goroutine when switching: hence the lock.
type kubeState struct {
	connect func(context, namespace string) *kube.Client

	mu        sync.Mutex
	client    *kube.Client
	context   string // "" : the kubeconfig's current context
	resources []string
	names     map[namesKey]namesEntry
}

type namesKey struct {
	client   *kube.Client
	resource string
}

type namesEntry struct {
	at    time.Time
	names []string
}

// Names of objects are cached briefly: long enough for a few Tabs in a
// row, short enough to see a pod that was just created.
const namesTTL = 5 * time.Second

// completionTimeout bounds what a Tab may wait for the server.
const completionTimeout = 3 * time.Second

// maxNames bounds the object names fetched for completion.
const maxNames = 5000

func newKubeState(c *kube.Client, connect func(context, namespace string) *kube.Client) *kubeState {
	return &kubeState{client: c, connect: connect, names: map[namesKey]namesEntry{}}
}

func (k *kubeState) current() *kube.Client {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.client
}

// namespaceName is the default namespace, "" when there is no
// configuration to tell.
func (k *kubeState) namespaceName() string {
	ns, err := k.current().Namespace()
	if err != nil {
		return ""
	}
	return ns
}

// switchTo makes a client for context and namespace the session's.
func (k *kubeState) switchTo(context, namespace string) *kube.Client {
	c := k.connect(context, namespace)
	k.mu.Lock()
	k.client, k.context = c, context
	k.resources = nil
	k.mu.Unlock()
	go k.warm()
	return c
}

func (k *kubeState) contextName() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.context
}

// warm fills the resource names from discovery (from the disk cache when
// warm), in the background at start.
func (k *kubeState) warm() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	k.resourceNames(ctx)
}

// resourceNames are the plurals of every resource that can be read, and
// group-qualified names for plurals served by more than one group
// (events, events.events.k8s.io).
func (k *kubeState) resourceNames(ctx context.Context) []string {
	k.mu.Lock()
	c, cached := k.client, k.resources
	k.mu.Unlock()
	if cached != nil {
		return cached
	}
	infos, err := c.Resources(ctx)
	if err != nil {
		return nil
	}
	names := qualifiedNames(infos)
	k.mu.Lock()
	if k.client == c {
		k.resources = names
	}
	k.mu.Unlock()
	return names
}

func qualifiedNames(infos []kube.ResourceInfo) []string {
	groups := map[string]int{}
	for _, ri := range infos {
		groups[ri.Name]++
	}
	seen := map[string]bool{}
	var names []string
	for _, ri := range infos {
		if !readable(ri.Verbs) {
			continue
		}
		for _, n := range []string{ri.Name, ri.String()} {
			if !seen[n] && (n == ri.Name || groups[ri.Name] > 1) {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	return names
}

func readable(verbs []string) bool {
	for _, v := range verbs {
		if v == "get" || v == "list" {
			return true
		}
	}
	return false
}

// objectNames lists the names of resource's objects in the default
// namespace, cached for namesTTL.
func (k *kubeState) objectNames(ctx context.Context, resource string) []string {
	c := k.current()
	key := namesKey{c, resource}
	k.mu.Lock()
	e, ok := k.names[key]
	k.mu.Unlock()
	if ok && time.Since(e.at) < namesTTL {
		return e.names
	}
	r, err := c.Resolve(ctx, resource)
	if err != nil {
		return nil
	}
	names, err := c.Names(ctx, r, kube.Options{}, maxNames)
	if err != nil {
		return nil
	}
	k.mu.Lock()
	k.names[key] = namesEntry{at: time.Now(), names: names}
	k.mu.Unlock()
	return names
}

func (k *kubeState) contexts() []string {
	names, _ := k.current().Contexts()
	return names
}
