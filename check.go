package main

import (
	"fmt"

	"github.com/klua/klua/runtime"
)

// checkCommand compiles scripts without running them.
func checkCommand(o *options, paths []string) int {
	code := exitOK
	for _, p := range paths {
		if err := runtime.CheckFile(p); err != nil {
			fmt.Fprintln(o.stderr, err)
			code = exitError
		}
	}
	return code
}
