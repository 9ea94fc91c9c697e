package daemon

import (
	"net"
	"strings"
	"testing"

	"github.com/klua/klua/tests/kluabin"
)

// Lease timings that client-go would refuse, and a port in use, are
// errors at start that name the flag.
func TestDaemonFlagErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := ln.Addr().String()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--leader-elect-lease-duration=5s", "--leader-elect-renew-deadline=5s"}, 2,
			"--leader-elect-lease-duration (5s) must be more than --leader-elect-renew-deadline (5s)"},
		{[]string{"--leader-elect-renew-deadline=2s", "--leader-elect-retry-period=2s"}, 2,
			"--leader-elect-renew-deadline (2s) must be more than 1.2 times --leader-elect-retry-period (2s)"},
		{[]string{"--leader-elect-name=Not_A_Name"}, 2, `--leader-elect-name: "Not_A_Name" is not a valid object name`},
		{[]string{"--health-callback-limit=0"}, 2, "--health-callback-limit must be more than 0"},
		{[]string{"--health-addr=" + busy}, 1, `serving health and metrics on "` + busy + `"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			res := kluabin.Run(t, append(tt.args, "-e", "print('ran')")...)
			if res.Code != tt.code || !strings.Contains(res.Stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant it to contain %q", res.Code, tt.code, res.Stderr, tt.want)
			}
			if strings.Contains(res.Stdout, "ran") {
				t.Errorf("the script ran")
			}
		})
	}
}
