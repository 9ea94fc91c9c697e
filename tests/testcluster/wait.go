package testcluster

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// pollInterval is how often readiness is checked while starting: starts
// take seconds, and every 100 ms of waiting is paid by every test binary.
const pollInterval = 100 * time.Millisecond

// waitAPIServer waits for the apiserver's certificate, then for /readyz.
func (c *Cluster) waitAPIServer(ctx context.Context) error {
	l := c.local
	err := waitUntil(ctx, apiserverTimeout, "its serving certificate", func() error {
		ca, err := readCA(filepath.Join(c.Dir, servingCertFile))
		if err != nil {
			return err
		}
		c.CA = ca
		return os.WriteFile(filepath.Join(c.Dir, caFile), ca, 0o644)
	}, l.api, l.etcd)
	if err != nil {
		return err
	}
	client, err := c.adminClient()
	if err != nil {
		return err
	}
	return waitUntil(ctx, apiserverTimeout, "/readyz", func() error {
		_, err := get(ctx, client, c.Server+"/readyz", c.AdminToken)
		return err
	}, l.api, l.etcd)
}

// waitSettled waits for what the other components do that tests rely on:
// the node is Ready (pods get bound and run) and the default
// ServiceAccount exists (pods are admitted).
func (c *Cluster) waitSettled(ctx context.Context) error {
	l := c.local
	client, err := c.adminClient()
	if err != nil {
		return err
	}
	err = waitUntil(ctx, settleTimeout, "node "+NodeName+" to be Ready", func() error {
		return nodeReady(ctx, client, c.Server+"/api/v1/nodes/"+NodeName, c.AdminToken)
	}, l.kubelet, l.api)
	if err != nil {
		return err
	}
	return waitUntil(ctx, settleTimeout, "the default ServiceAccount", func() error {
		_, err := get(ctx, client, c.Server+"/api/v1/namespaces/default/serviceaccounts/default", c.AdminToken)
		return err
	}, l.kcm, l.api)
}

// waitUntil calls check every pollInterval until it returns nil. It fails
// when ctx ends, when timeout passes, or when one of the watched components
// exits, with the end of the first watched component's log.
func waitUntil(ctx context.Context, timeout time.Duration, what string, check func() error, watched ...*component) error {
	deadline := time.Now().Add(timeout)
	for {
		err := check()
		if err == nil {
			return nil
		}
		for _, comp := range watched {
			if exited, exitErr := comp.exited(); exited {
				return comp.failure(fmt.Errorf("exited (%v) while waiting for %s", exitErr, what))
			}
		}
		if time.Now().After(deadline) {
			return watched[0].failure(fmt.Errorf("no %s after %s: %w", what, timeout, err))
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for %s: %w", what, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// adminClient is an HTTP client that verifies the apiserver's certificate.
func (c *Cluster) adminClient() (*http.Client, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(c.CA) {
		return nil, errors.New("the apiserver's CA certificate is not PEM")
	}
	return &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
	}, nil
}

// get GETs url with a bearer token and returns the body of a 200 response.
func get(ctx context.Context, client *http.Client, url, token string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %.300s", url, resp.Status, body)
	}
	return body, nil
}

// nodeReady checks that the Node at url has condition Ready=True.
func nodeReady(ctx context.Context, client *http.Client, url, token string) error {
	body, err := get(ctx, client, url, token)
	if err != nil {
		return err
	}
	var node struct {
		Status struct {
			Conditions []struct{ Type, Status string }
		}
	}
	if err := json.Unmarshal(body, &node); err != nil {
		return fmt.Errorf("decode node: %w", err)
	}
	for _, cond := range node.Status.Conditions {
		if cond.Type == "Ready" && cond.Status == "True" {
			return nil
		}
	}
	return errors.New("node is not Ready")
}
