package kube

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// UnknownResourceError says that the server has no resource by a name,
// and which names come closest.
type UnknownResourceError struct {
	Name    string
	Closest []string
}

func (e *UnknownResourceError) Error() string {
	msg := fmt.Sprintf("the server has no resource %q", e.Name)
	if len(e.Closest) > 0 {
		msg += "; did you mean " + strings.Join(e.Closest, ", ") + "?"
	}
	return msg
}

const maxSuggestions = 3

func (c *Client) unknownResource(name string) error {
	infos, err := c.Resources(context.Background())
	if err != nil {
		return &UnknownResourceError{Name: name}
	}
	return &UnknownResourceError{Name: name, Closest: closestResources(name, infos)}
}

// closestResources ranks resources by the edit distance between what was
// typed and any of their names, and keeps the few that are plausibly meant.
func closestResources(typed string, infos []ResourceInfo) []string {
	typed = strings.ToLower(typed)
	type candidate struct {
		name string
		dist int
	}
	var cands []candidate
	for _, ri := range infos {
		best := -1
		for _, n := range ri.Names() {
			d := editDistance(typed, strings.ToLower(n))
			if strings.HasPrefix(n, typed) || strings.HasPrefix(typed, n) {
				d = min(d, 1)
			}
			if best < 0 || d < best {
				best = d
			}
		}
		if best <= max(2, len(typed)/3) {
			cands = append(cands, candidate{ri.String(), best})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	var out []string
	for _, c := range cands {
		if len(out) == maxSuggestions {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
