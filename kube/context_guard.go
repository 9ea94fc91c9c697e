package kube

import (
	"fmt"
	"path"
	"strings"
)

// ContextNotAllowedError is a client whose kubeconfig context matches none
// of the allowed patterns (--allow-context).
type ContextNotAllowedError struct {
	Context  string // "" when there is none (in-cluster, or --server alone)
	Patterns []string
}

func (e *ContextNotAllowedError) Error() string {
	allowed := strings.Join(e.Patterns, ", ")
	if e.Context == "" {
		return fmt.Sprintf("no kubeconfig context is in use, and --allow-context allows only %s", allowed)
	}
	return fmt.Sprintf("context %q is not allowed by --allow-context (allowed: %s)", e.Context, allowed)
}

// CheckContextPatterns reports the first malformed pattern.
func CheckContextPatterns(patterns []string) error {
	for _, p := range patterns {
		if _, err := path.Match(p, ""); err != nil {
			return fmt.Errorf("pattern %q: %w", p, err)
		}
	}
	return nil
}

// checkContext refuses a context that matches none of the allowed
// patterns (path.Match globs: "staging", "dev-*"). It runs when the
// client loads its configuration, before any request.
func checkContext(context string, patterns []string) error {
	if len(patterns) == 0 {
		return nil
	}
	for _, p := range patterns {
		if ok, _ := path.Match(p, context); ok && context != "" {
			return nil
		}
	}
	return &ContextNotAllowedError{Context: context, Patterns: patterns}
}
