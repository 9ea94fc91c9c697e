package testcluster

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
)

// errPortTaken marks a start that failed because a port was taken between
// choosing it and binding it; Start then tries again with other ports.
var errPortTaken = errors.New("a chosen port was taken meanwhile")

// lowestPort is the lowest port freePorts chooses.
const lowestPort = 10000

// freePorts returns n distinct loopback ports that are free now. They are
// chosen below the kernel's ephemeral range rather than by listening on
// port 0, which hands out ports from that range: there, any outgoing
// connection on the machine may take one as its source port before the
// component binds it, or while a restarted apiserver is down.
func freePorts(n int) ([]int, error) {
	low, high := lowestPort, ephemeralStart()
	var ports []int
	for tries := 0; len(ports) < n; tries++ {
		if tries == 1000 || high-low < 100 {
			return nil, fmt.Errorf("find %d free ports in %d-%d", n, low, high)
		}
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", low+rand.IntN(high-low)))
		if err != nil {
			continue
		}
		// Kept open until all are found, so none is chosen twice.
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// ephemeralStart is the first port of the kernel's ephemeral range.
func ephemeralStart() int {
	data, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err != nil {
		return 32768 // Linux's default
	}
	fields := strings.Fields(string(data))
	if len(fields) == 0 {
		return 32768
	}
	start, err := strconv.Atoi(fields[0])
	if err != nil {
		return 32768
	}
	return start
}
