package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/klua/klua/kube"
)

// daemonOptions are the flags for scripts that run as long-lived services,
// in a cluster or not: leader election among replicas, health endpoints
// and metrics. docs/in-cluster.md describes each.
type daemonOptions struct {
	leaderElect    bool
	leaseNamespace string
	leaseName      string
	leaseDuration  time.Duration
	renewDeadline  time.Duration
	retryPeriod    time.Duration

	healthAddr    string
	metricsAddr   string
	callbackLimit time.Duration
}

// defaultCallbackLimit is how long a callback may run before /healthz
// fails: long enough for a slow batch, short enough that a stuck script is
// restarted within minutes.
const defaultCallbackLimit = 5 * time.Minute

func addDaemonFlags(fs *pflag.FlagSet, d *daemonOptions) {
	fs.BoolVar(&d.leaderElect, "leader-elect", false, "run the script only while this process holds a coordination.k8s.io Lease, so that one of several replicas runs it; exit with status 1 if the lease is lost")
	fs.StringVar(&d.leaseNamespace, "leader-elect-namespace", "", "namespace of the Lease (default: the current namespace: -n, the context's, or the service account's in a pod)")
	fs.StringVar(&d.leaseName, "leader-elect-name", "", "name of the Lease (default: klua-SCRIPT, from the script's file name)")
	fs.DurationVar(&d.leaseDuration, "leader-elect-lease-duration", kube.DefaultLeaseDuration, "how long a standby waits after the leader's last renewal before it takes over")
	fs.DurationVar(&d.renewDeadline, "leader-elect-renew-deadline", kube.DefaultRenewDeadline, "how long the leader tries to renew the Lease before it gives up and exits (less than the lease duration)")
	fs.DurationVar(&d.retryPeriod, "leader-elect-retry-period", kube.DefaultRetryPeriod, "time between tries to acquire or renew the Lease")
	fs.StringVar(&d.healthAddr, "health-addr", "", "serve /healthz and /readyz on this address, e.g. :8081 (default: not served)")
	fs.StringVar(&d.metricsAddr, "metrics-addr", "", "serve Prometheus metrics on /metrics at this address, e.g. :8080 (default: not served)")
	fs.DurationVar(&d.callbackLimit, "health-callback-limit", defaultCallbackLimit, "/healthz fails while a callback has been running, or callbacks have waited for the script, longer than this")
}

func (d *daemonOptions) validate() error {
	if d.leaseDuration <= d.renewDeadline {
		return fmt.Errorf("--leader-elect-lease-duration (%s) must be more than --leader-elect-renew-deadline (%s)", d.leaseDuration, d.renewDeadline)
	}
	if d.renewDeadline <= d.retryPeriod*12/10 {
		return fmt.Errorf("--leader-elect-renew-deadline (%s) must be more than 1.2 times --leader-elect-retry-period (%s)", d.renewDeadline, d.retryPeriod)
	}
	if d.retryPeriod <= 0 {
		return fmt.Errorf("--leader-elect-retry-period must be more than 0")
	}
	if d.callbackLimit <= 0 {
		return fmt.Errorf("--health-callback-limit must be more than 0")
	}
	if d.leaseName != "" && !validObjectName(d.leaseName) {
		return fmt.Errorf("--leader-elect-name: %q is not a valid object name (lowercase letters, digits, '-' and '.')", d.leaseName)
	}
	return nil
}

// validObjectName is the API server's rule for most object names, a DNS
// subdomain. (Not a package-level regexp: compiling its {0,251} took a
// millisecond of every klua start.)
func validObjectName(name string) bool { return len(validation.IsDNS1123Subdomain(name)) == 0 }

// defaultLeaseName is klua-SCRIPT: replicas of one script share a Lease,
// and two different scripts in one namespace do not block each other.
func defaultLeaseName(script string) string {
	base := strings.TrimSuffix(filepath.Base(script), filepath.Ext(script))
	base = strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(base), "-"), "-")
	if base == "" {
		return "klua"
	}
	return "klua-" + base
}
