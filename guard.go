package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/klua/klua/kube"
	"github.com/klua/klua/runtime"
)

// checkAllowedContext refuses to start a run whose context --allow-context
// does not allow, before the script runs and before any request. Every
// client (kube.connect's too) checks again when it loads its config.
func checkAllowedContext(o *options, client *kube.Client) error {
	if len(o.allowContexts) == 0 {
		return nil
	}
	_, err := client.Info()
	if errors.As(err, new(*kube.ContextNotAllowedError)) {
		return err
	}
	if err != nil {
		return fmt.Errorf("--allow-context: cannot tell which context is in use: %w", err)
	}
	return nil
}

// warnInsecure says once, on stderr, that TLS is not verified: kubectl
// stays silent, but a script that runs unattended deserves the line in
// its log.
func warnInsecure(o *options) {
	if o.config.Insecure == nil || !*o.config.Insecure {
		return
	}
	fmt.Fprintln(o.stderr, "klua: warning: --insecure-skip-tls-verify: the API server's certificate is not verified; "+
		"anyone on the network path can read and change the traffic, credentials included")
}

// sandboxOptions are --sandbox's settings for the runtime, or nil.
func (o *options) sandboxOptions() *runtime.Sandbox {
	if !o.sandbox {
		return nil
	}
	return &runtime.Sandbox{Env: o.sandboxEnv, LookupEnv: os.LookupEnv}
}
