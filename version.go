package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"time"
)

// version is klua's version, set at release time with
// -ldflags "-X main.version=v1.2.3".
var version = "0.1.0-dev"

// versionCommand prints klua's version and, when a cluster is reachable
// within a few seconds, the server's.
func versionCommand(o *options) int {
	fmt.Fprintf(o.stdout, "klua %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	warnInsecure(o)
	client := newClient(o, o.config)
	resp, err := client.Raw(ctx, "GET", "/version", nil, nil, nil)
	if err != nil || resp.Status != 200 {
		return exitOK
	}
	var v struct {
		GitVersion string `json:"gitVersion"`
	}
	if json.Unmarshal(resp.Body, &v) == nil && v.GitVersion != "" {
		info, _ := client.Info()
		fmt.Fprintf(o.stdout, "server %s (%s)\n", v.GitVersion, info.Server)
	}
	return exitOK
}
