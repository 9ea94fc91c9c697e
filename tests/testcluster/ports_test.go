package testcluster

import "testing"

func TestFreePortsAreDistinctAndOutsideTheEphemeralRange(t *testing.T) {
	ports, err := freePorts(20)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, p := range ports {
		if p < lowestPort || p >= ephemeralStart() {
			t.Errorf("port %d is outside %d-%d", p, lowestPort, ephemeralStart())
		}
		if seen[p] {
			t.Errorf("port %d chosen twice", p)
		}
		seen[p] = true
	}
}
