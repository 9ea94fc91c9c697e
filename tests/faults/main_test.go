// Package faults tests klua against a control plane that fails: an
// apiserver that is down at start, goes away mid-run, stops answering, or
// answers 409 Conflict and 429 Too Many Requests. Its tests stop, pause
// and restart the apiserver, so it needs a control plane of its own: run
// it without KLUA_TEST_KUBECONFIG (with it, those tests skip and say why).
package faults

import (
	"testing"

	"github.com/klua/klua/tests/testcluster"
)

func TestMain(m *testing.M) { testcluster.Main(m) }
