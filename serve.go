package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/klua/klua/runtime"
)

// leaseTolerance is how long past its lease duration a leader that has not
// renewed may still call itself healthy (kube-controller-manager's 20 s).
const leaseTolerance = 20 * time.Second

// serve starts the health and metrics endpoints that were asked for, on
// one server when both have the same address. It returns once they
// listen, so that a port in use is an error at start.
func (d *daemon) serve(h *runtime.Host) (stop func(), err error) {
	muxes := map[string]*http.ServeMux{}
	mux := func(addr string) *http.ServeMux {
		if muxes[addr] == nil {
			muxes[addr] = http.NewServeMux()
		}
		return muxes[addr]
	}
	if d.opts.healthAddr != "" {
		m := mux(d.opts.healthAddr)
		m.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { answer(w, d.healthy(h)) })
		m.HandleFunc("/readyz", func(w http.ResponseWriter, _ *http.Request) { answer(w, d.ready(h)) })
	}
	if d.metrics != nil {
		mux(d.opts.metricsAddr).Handle("/metrics", d.metrics.Handler())
	}
	var servers []*http.Server
	stop = func() {
		for _, s := range servers {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			s.Shutdown(ctx)
			cancel()
		}
	}
	for addr, m := range muxes {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			stop()
			return nil, fmt.Errorf("serving health and metrics on %q: %w", addr, err)
		}
		s := &http.Server{Handler: m, ReadHeaderTimeout: 10 * time.Second}
		servers = append(servers, s)
		go s.Serve(ln)
	}
	return stop, nil
}

// answer writes "ok" or what is wrong, with the status probes read.
func answer(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, err)
		return
	}
	fmt.Fprintln(w, "ok")
}

// healthy: the loop is not held up by a stuck callback, and a leader has
// not gone on without renewing its Lease.
func (d *daemon) healthy(h *runtime.Host) error {
	if err := h.Stuck(d.opts.callbackLimit); err != nil {
		return err
	}
	if e := d.elector.Load(); e != nil {
		if err := e.Check(leaseTolerance); err != nil {
			return err
		}
	}
	return nil
}

// ready: the script runs and every watch and reconciler has delivered its
// initial list. A standby is ready: it is where it should be, and a
// Deployment's rollout must not wait for it to lead.
func (d *daemon) ready(h *runtime.Host) error {
	if d.standby.Load() {
		return nil
	}
	if !d.started.Load() {
		return fmt.Errorf("the script has not started")
	}
	if names := h.NotReady(); len(names) > 0 {
		return fmt.Errorf("not synced yet: %s", strings.Join(names, ", "))
	}
	return nil
}
