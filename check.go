package main

import (
	"errors"
	"fmt"

	"github.com/klua/klua/runtime"
)

// checkCommand compiles scripts without running them.
func checkCommand(o *options, paths []string) int {
	if len(paths) == 0 {
		return usageError(o, errors.New("check: no script given (klua check SCRIPT.lua...)"))
	}
	code := exitOK
	for _, p := range paths {
		if err := runtime.CheckFile(p); err != nil {
			fmt.Fprintln(o.stderr, err)
			code = exitError
		}
	}
	return code
}
