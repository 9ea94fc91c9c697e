package controlplane

import (
	"strings"
	"testing"
	"time"
)

// The klua.dev/fake-phase annotation makes the fake kubelet report the
// failures that tests of klua's pod handling need.
func TestFakePhaseAnnotation(t *testing.T) {
	a := adminAPI(t)
	ns := a.namespace()
	tests := []struct {
		phase string
		check func(p object) string // "" when the pod is as wanted
	}{
		{"Failed", func(p object) string {
			cs := get(p, "status", "containerStatuses", 0)
			if str(p, "status", "phase") != "Failed" || num(cs, "state", "terminated", "exitCode") != 1 {
				return "want phase Failed, exit code 1"
			}
			return ""
		}},
		{"CrashLoopBackOff", func(p object) string {
			cs := get(p, "status", "containerStatuses", 0)
			switch {
			case str(p, "status", "phase") != "Running":
				return "want phase Running"
			case str(cs, "state", "waiting", "reason") != "CrashLoopBackOff":
				return "want container waiting in CrashLoopBackOff"
			case num(cs, "restartCount") < 1 || get(cs, "ready") != false || condition(p, "Ready") != "False":
				return "want restarts and not ready"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.phase, func(t *testing.T) {
			a := adminAPI(t)
			a.must("POST", "/api/v1/namespaces/"+ns+"/pods", pod("p-"+strings.ToLower(tt.phase), map[string]string{"klua.dev/fake-phase": tt.phase}))
			eventually(t, 30*time.Second, func() string {
				p := a.must("GET", "/api/v1/namespaces/"+ns+"/pods/p-"+strings.ToLower(tt.phase), nil)
				if missing := tt.check(p); missing != "" {
					return missing + ": " + describe(p)
				}
				return ""
			})
		})
	}
	t.Run("Pending", func(t *testing.T) {
		a := adminAPI(t)
		a.must("POST", "/api/v1/namespaces/"+ns+"/pods", pod("p-pending", map[string]string{"klua.dev/fake-phase": "Pending"}))
		// A running pod would be bound and Running by now (see the other tests).
		time.Sleep(2 * time.Second)
		p := a.must("GET", "/api/v1/namespaces/"+ns+"/pods/p-pending", nil)
		if str(p, "status", "phase") != "Pending" || str(p, "spec", "nodeName") != "" {
			t.Errorf("want an unbound Pending pod: nodeName %q, %s", str(p, "spec", "nodeName"), describe(p))
		}
	})
}
