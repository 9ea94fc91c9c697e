package controlplane

import (
	"context"
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

// Objects live in etcd, so they survive a restart of the apiserver.
func TestObjectsSurviveAPIServerRestart(t *testing.T) {
	c := testcluster.Get(t)
	c.RequireLocal(t)
	a := adminAPI(t)
	ns := a.namespace()
	created := a.must("POST", "/api/v1/namespaces/"+ns+"/configmaps", object{
		"metadata": object{"name": "kept"},
		"data":     object{"greeting": "hello"},
	})
	before := c.Pids()["apiserver"]
	if err := c.RestartAPIServer(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := c.Pids()["apiserver"]; after == before || after == 0 {
		t.Fatalf("apiserver pid %d before the restart, %d after: not restarted", before, after)
	}
	got := a.must("GET", "/api/v1/namespaces/"+ns+"/configmaps/kept", nil)
	if str(got, "data", "greeting") != "hello" || str(got, "metadata", "uid") != str(created, "metadata", "uid") {
		t.Errorf("after the restart got %v, want the ConfigMap created before it", got)
	}
}

// While the apiserver is stopped, requests fail; once started again, they
// work.
func TestAPIServerStopAndStart(t *testing.T) {
	c := testcluster.Get(t)
	c.RequireLocal(t)
	a := adminAPI(t)
	if err := c.StopAPIServer(); err != nil {
		t.Fatal(err)
	}
	req := func() error {
		resp, err := a.client.Get(a.server + "/readyz")
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := req(); err == nil {
		t.Error("the apiserver answered while stopped")
	}
	if err := c.StartAPIServer(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := req(); err != nil {
		t.Errorf("the apiserver does not answer after StartAPIServer: %v", err)
	}
}

// Extra flags given to RestartAPIServer reach the apiserver: with the
// AlwaysPullImages admission plugin, every new pod's image pull policy
// becomes Always.
func TestAPIServerExtraFlags(t *testing.T) {
	c := testcluster.Get(t)
	c.RequireLocal(t)
	a := adminAPI(t)
	ns := a.namespace()
	policy := func(name string) string {
		created := a.must("POST", "/api/v1/namespaces/"+ns+"/pods", object{
			"metadata": object{"name": name},
			"spec": object{"containers": []object{{
				"name": "main", "image": "nginx:1.27", "imagePullPolicy": "IfNotPresent",
			}}},
		})
		return str(created, "spec", "containers", 0, "imagePullPolicy")
	}
	if got := policy("before"); got != "IfNotPresent" {
		t.Fatalf("without the flag, imagePullPolicy %q, want IfNotPresent", got)
	}
	if err := c.RestartAPIServer(context.Background(), "--enable-admission-plugins=AlwaysPullImages"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.RestartAPIServer(context.Background()); err != nil {
			t.Errorf("restart the apiserver with the usual flags: %v", err)
		}
	})
	if got := policy("after"); got != "Always" {
		t.Errorf("with AlwaysPullImages, imagePullPolicy %q, want Always", got)
	}
}
