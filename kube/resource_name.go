package kube

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ResourceNameError says why what a user typed cannot name a resource at
// all, before asking the server.
type ResourceNameError struct {
	Name, Why string
}

func (e *ResourceNameError) Error() string {
	return fmt.Sprintf("resource %q: %s", e.Name, e.Why)
}

// normalizeResourceArg tidies what a user typed as a resource name
// ("pods", " Deploy ", "deployments.v1.apps") and rejects what cannot be
// one, with a hint: kubectl's TYPE/NAME form is the commonest slip. It
// needs no server, so it is fuzzed with the rest of the resolver's
// string handling.
func normalizeResourceArg(name string) (string, error) {
	trimmed := strings.TrimSpace(name)
	switch {
	case trimmed == "":
		return "", &ResourceNameError{Name: name, Why: "empty resource name"}
	case !utf8.ValidString(trimmed):
		return "", &ResourceNameError{Name: name, Why: "not valid UTF-8"}
	case strings.Contains(trimmed, "/"):
		typ, obj, _ := strings.Cut(trimmed, "/")
		return "", &ResourceNameError{Name: name, Why: fmt.Sprintf(
			"a resource name has no \"/\" (for kubectl's TYPE/NAME, give the name as its own argument: %q, %q; subresources go in opts.subresource)", typ, obj)}
	}
	if i := strings.IndexFunc(trimmed, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }); i >= 0 {
		return "", &ResourceNameError{Name: name, Why: "a resource name has no spaces or control characters"}
	}
	return trimmed, nil
}
