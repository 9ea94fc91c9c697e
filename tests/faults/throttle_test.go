package faults

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/klua/klua/tests/kluabin"
	"github.com/klua/klua/tests/testcluster"
)

// throttle makes the apiserver's own priority and fairness (APF) answer
// 429 Too Many Requests, with Retry-After, to a service account of its own
// while another of its requests runs: a flow schema sends it to a priority
// level with no seats of its own and none to borrow, where APF runs one
// request at a time (when none other runs) and rejects the rest. It
// returns a token of that account. (Not the cluster's "nobody" user: test
// packages that share a cluster through KLUA_TEST_KUBECONFIG run at the
// same time, and the REPL's tests expect 403, not 429, for nobody.)
func throttle(t *testing.T) (token string) {
	t.Helper()
	res := kluabin.Run(t, "-e", `
		kube.apply({apiVersion = "v1", kind = "ServiceAccount", metadata = {name = "klua-throttled", namespace = "default"}})
		kube.apply({apiVersion = "flowcontrol.apiserver.k8s.io/v1", kind = "PriorityLevelConfiguration",
			metadata = {name = "klua-no-seats"},
			spec = {type = "Limited", limited = {nominalConcurrencyShares = 0, lendablePercent = 0,
				borrowingLimitPercent = 0, limitResponse = {type = "Reject"}}}})
		kube.apply({apiVersion = "flowcontrol.apiserver.k8s.io/v1", kind = "FlowSchema",
			metadata = {name = "klua-nobody"},
			spec = {priorityLevelConfiguration = {name = "klua-no-seats"}, matchingPrecedence = 100,
				rules = {{subjects = {{kind = "ServiceAccount", serviceAccount = {name = "klua-throttled", namespace = "default"}}},
					resourceRules = {{verbs = {"*"}, apiGroups = {"*"}, resources = {"*"}, namespaces = {"*"}, clusterScope = true}},
					nonResourceRules = {{verbs = {"*"}, nonResourceURLs = {"*"}}}}}}})
		local tr = kube.request{method = "POST", path = "/api/v1/namespaces/default/serviceaccounts/klua-throttled/token",
			body = {apiVersion = "authentication.k8s.io/v1", kind = "TokenRequest", spec = {expirationSeconds = 3600}}}
		assert(tr.status == 201, tr.status)
		print(kube.get("prioritylevelconfigurations", "klua-no-seats").metadata.uid, tr.body.status.token)`)
	if res.Code != 0 {
		t.Fatalf("setting up APF: %s", res.Stderr)
	}
	t.Cleanup(func() {
		kluabin.Run(t, "-e", `
			kube.delete("flowschemas", "klua-nobody", {ignoreNotFound = true})
			kube.delete("prioritylevelconfigurations", "klua-no-seats", {ignoreNotFound = true})
			kube.delete("serviceaccounts", "klua-throttled", {namespace = "default", ignoreNotFound = true})`)
	})
	uid, token, _ := strings.Cut(strings.TrimSpace(res.Stdout), "\t")
	waitFor(t, token, "APF to use the priority level", func(resp *http.Response) bool {
		return resp.Header.Get("X-Kubernetes-Pf-Prioritylevel-Uid") == uid
	})
	return token
}

// holdSeat takes the priority level's one seat with a request whose body
// arrives only when release is called: APF counts a request as running
// from admission until its handler returns, and the handler waits for the
// body. The user may ask SelfSubjectAccessReviews, so the body is read.
func holdSeat(t *testing.T, token string) (release func()) {
	t.Helper()
	c := testcluster.Get(t)
	body, send := io.Pipe()
	req, err := http.NewRequest(http.MethodPost, c.Server+"/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	done := make(chan error, 1)
	go func() {
		resp, err := httpClient(t).Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	if _, err := send.Write([]byte(`{"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview", `)); err != nil {
		t.Fatal(err)
	}
	var once bool
	release = func() {
		if once {
			return
		}
		once = true
		send.Write([]byte(`"spec": {"resourceAttributes": {"verb": "get", "resource": "pods"}}}`))
		send.Close()
		if err := <-done; err != nil {
			t.Errorf("the request holding the seat: %v", err)
		}
	}
	t.Cleanup(release)
	waitFor(t, token, "the seat to be taken", func(resp *http.Response) bool { return resp.StatusCode == http.StatusTooManyRequests })
	return release
}

// waitFor sends GET /version with token until ok says so.
func waitFor(t *testing.T, token, what string, ok func(*http.Response) bool) {
	t.Helper()
	c := testcluster.Get(t)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		req, _ := http.NewRequest(http.MethodGet, c.Server+"/version", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := httpClient(t).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if ok(resp) {
			return
		}
	}
	t.Fatalf("waited 30s for %s", what)
}

func httpClient(t *testing.T) *http.Client {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(testcluster.Get(t).CA) {
		t.Fatal("no CA certificate")
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
}

// The real apiserver's 429 with Retry-After is waited out and retried: a
// script throttled throughout gets 429 TooManyRequests after the retries,
// and one whose throttle lifts meanwhile succeeds.
func TestTooManyRequestsHonorsRetryAfter(t *testing.T) {
	token := throttle(t)
	release := holdSeat(t, token)

	res := kluabin.Run(t, "--token", token, "-v", "4", "-e",
		`local ok, err = pcall(kube.request, {path = "/version", method = "GET"})
		 print(err and err.code or err.status)
		 local ok, err = pcall(kube.get, "namespaces", "default") print(err.code, err.reason)`)
	retries := strings.Count(res.Stderr, "429, retrying after 1s")
	if res.Code != 0 || !strings.HasSuffix(res.Stdout, "429\tTooManyRequests\n") || retries < 4 {
		t.Errorf("exit %d, %d retries after Retry-After:\n%s%s", res.Code, retries, res.Stdout, res.Stderr)
	}

	cmd := kluabin.Command(t, "--token", token, "-v", "4", "-e",
		`print(kube.request{path = "/version"}.status)`)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	var log strings.Builder
	for lines.Scan() {
		fmt.Fprintln(&log, lines.Text())
		if strings.Contains(lines.Text(), "429, retrying after 1s") {
			release()
			break
		}
	}
	for lines.Scan() {
		fmt.Fprintln(&log, lines.Text())
	}
	if err := cmd.Wait(); err != nil || strings.TrimSpace(stdout.String()) != "200" {
		t.Errorf("%v: status %q, want 200 once the seat was free:\n%s", err, stdout.String(), log.String())
	}
}
