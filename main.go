// Command klua runs Lua scripts against the Kubernetes API.
//
//	klua run fix-crashloops.lua
//	klua -e 'print(kube.get("ns", "default").status.phase)'
//
// main only parses the command line and hands over to the packages that do
// the work: runtime (the Lua host), stdlib (the Lua modules) and kube (the
// API).
package main

import (
	"os"
	// The timezone database, for schedule.cron's timezone option in
	// minimal container images that have none (about 450 KB).
	_ "time/tzdata"
)

func main() {
	relaxStartupGC()
	os.Exit(runCLI(os.Args[0], os.Args[1:]))
}
