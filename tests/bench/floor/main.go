// Command floor is the comparison harness's floor for one GET: the least a
// Go program does to fetch an object and print its name (net/http, HTTP/2
// as client-go speaks it, encoding/json into a map). Built with
// -tags clientgo it also links the client-go packages klua needs and the
// mission keeps (kubeconfig loading, discovery with its disk cache, the
// REST mapper, informers, leader election) without calling them: the
// difference is what linking them costs every process at start.
//
//	floor CA-FILE URL TOKEN
package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: floor CA-FILE URL TOKEN")
		os.Exit(2)
	}
	if err := get(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func get(caFile, url, token string) error {
	ca, err := os.ReadFile(caFile)
	if err != nil {
		return err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca) {
		return fmt.Errorf("%s: no certificate", caFile)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	var obj map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&obj); err != nil {
		return err
	}
	meta, _ := obj["metadata"].(map[string]any)
	fmt.Println(meta["name"])
	return nil
}
