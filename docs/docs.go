// Package docs embeds the Lua modules' documentation in the binary, so
// that the REPL's :help can show a function's text and example.
package docs

import "embed"

// FS holds docs/*.md.
//
//go:embed *.md
var FS embed.FS
