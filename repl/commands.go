package repl

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/klua/klua/kube"
)

// Commands start with ":" and are the REPL's own: they are not Lua.
var commands = []struct{ name, args, what string }{
	{"help", "[NAME]", "this help, or a function's documentation with its example (:help kube.get)"},
	{"ns", "[NAME]", "show or switch the default namespace"},
	{"ctx", "[NAME]", "show or switch the kubeconfig context (in its own namespace)"},
	{"save", "FILE", "write what this session ran as a script for klua run"},
	{"all", "", "print the last result again, with nothing cut"},
	{"quit", "", "leave (so does Ctrl-D)"},
}

// command runs a ":" line; errQuit ends the session.
func (s *session) command(line string) error {
	name, arg, _ := strings.Cut(strings.TrimPrefix(line, ":"), " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case "quit", "q", "exit":
		return errQuit
	case "help", "h", "?":
		s.help(arg)
	case "ns":
		s.switchNamespace(arg)
	case "ctx":
		s.switchContext(arg)
	case "save":
		s.save(arg)
	case "all":
		if s.last == nil {
			s.errorf(":all: no result yet")
			return nil
		}
		s.notef("%s", s.format(s.last, true))
	default:
		s.errorf("unknown command :%s (:help lists the commands)", name)
	}
	return nil
}

func (s *session) switchNamespace(ns string) {
	if ns == "" {
		s.notef("namespace %s", s.kube.namespaceName())
		return
	}
	c := s.kube.switchTo(s.kube.contextName(), ns)
	s.mods.Kube.SetClient(c)
	s.inputs = append(s.inputs, input{src: ":ns " + ns, command: true})
	if err := namespaceExists(c, ns); err != nil {
		s.notef("namespace %s (%v)", ns, err)
		return
	}
	s.notef("namespace %s", ns)
}

// namespaceExists warns of a namespace that is not there (yet): switching
// to it is allowed, as in kubectl.
func namespaceExists(c *kube.Client, ns string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r := kube.Resource{Version: "v1", Name: "namespaces", Kind: "Namespace"}
	_, err := c.Get(ctx, r, ns, kube.Options{})
	var apiErr *kube.APIError
	if errors.As(err, &apiErr) && apiErr.Code == 404 {
		return fmt.Errorf("it does not exist yet")
	}
	return nil
}

func (s *session) switchContext(name string) {
	current := s.kube.current()
	if name == "" {
		info, err := current.Info()
		if err != nil {
			s.errorf(":ctx: %v", err)
			return
		}
		s.notef("context %s, namespace %s", info.Context, info.Namespace)
		return
	}
	names, err := current.Contexts()
	if err != nil {
		s.errorf(":ctx: %v", err)
		return
	}
	if !slices.Contains(names, name) {
		s.errorf(":ctx: no context %q in the kubeconfig (there are: %s)", name, strings.Join(names, ", "))
		return
	}
	c := s.kube.switchTo(name, "")
	s.mods.Kube.SetClient(c)
	s.inputs = append(s.inputs, input{src: ":ctx " + name, command: true})
	s.notef("context %s, namespace %s", name, s.kube.namespaceName())
}

// commandCandidates completes a ":" line: the command, then its argument.
func (s *session) commandCandidates(line string) (string, []string) {
	name, arg, hasArg := strings.Cut(strings.TrimPrefix(line, ":"), " ")
	if !hasArg {
		var names []string
		for _, c := range commands {
			names = append(names, ":"+c.name)
		}
		return line, matching(line, names)
	}
	arg = strings.TrimLeft(arg, " ")
	ctx, cancel := context.WithTimeout(context.Background(), completionTimeout)
	defer cancel()
	switch name {
	case "ns":
		return arg, matching(arg, s.kube.objectNames(ctx, "namespaces"))
	case "ctx":
		return arg, matching(arg, s.kube.contexts())
	case "help", "h", "?":
		return arg, matching(arg, helpNames())
	}
	return arg, nil
}
