package scripts

import (
	"fmt"
	"testing"
)

func TestClusterAdminServiceAccounts(t *testing.T) {
	ns := newNamespace(t, "scripts-admins")
	// Cluster-scoped objects carry the namespace's name, to be unique and
	// to be deleted with the test.
	seed := fmt.Sprintf(`
		local ns = %q
		local function sa(name) kube.create({apiVersion = "v1", kind = "ServiceAccount", metadata = {name = name}}) end
		local function binding(kind, name, roleKind, role, subject)
		  kube.create({apiVersion = "rbac.authorization.k8s.io/v1", kind = kind, metadata = {name = name},
		    roleRef = {apiGroup = "rbac.authorization.k8s.io", kind = roleKind, name = role}, subjects = {subject}})
		end
		for _, name in ipairs({"root", "local-admin", "wild", "viewer"}) do sa(name) end
		kube.create({apiVersion = "rbac.authorization.k8s.io/v1", kind = "ClusterRole", metadata = {name = ns .. "-wild"},
		  rules = {{apiGroups = {"*"}, resources = {"*"}, verbs = {"*"}}}})
		binding("ClusterRoleBinding", ns .. "-root", "ClusterRole", "cluster-admin", {kind = "ServiceAccount", name = "root", namespace = ns})
		binding("ClusterRoleBinding", ns .. "-wild", "ClusterRole", ns .. "-wild", {kind = "ServiceAccount", name = "wild", namespace = ns})
		binding("ClusterRoleBinding", ns .. "-group", "ClusterRole", "cluster-admin",
		  {kind = "Group", apiGroup = "rbac.authorization.k8s.io", name = "system:serviceaccounts:" .. ns})
		binding("RoleBinding", "local-admin", "ClusterRole", "cluster-admin", {kind = "ServiceAccount", name = "local-admin"})
		binding("RoleBinding", "viewer", "ClusterRole", "view", {kind = "ServiceAccount", name = "viewer", namespace = ns})`, ns)
	t.Cleanup(func() {
		luaIn(t, "", fmt.Sprintf(`
			for _, n in ipairs({"-root", "-wild", "-group"}) do
			  kube.delete("clusterrolebindings", %[1]q .. n, {ignoreNotFound = true})
			end
			kube.delete("clusterroles", %[1]q .. "-wild", {ignoreNotFound = true})`, ns))
	})
	luaIn(t, ns, seed)

	out := mustRun(t, nil, "cluster-admin-service-accounts.lua")
	matches(t, out, `^SERVICE-ACCOUNT\s+SCOPE\s+BINDING\s+ROLE\n`,
		`(?m)^`+q(ns)+`/root\s+cluster\s+ClusterRoleBinding/`+q(ns)+`-root\s+ClusterRole/cluster-admin$`,
		`(?m)^`+q(ns)+`/wild\s+cluster\s+ClusterRoleBinding/`+q(ns)+`-wild\s+ClusterRole/`+q(ns)+`-wild$`,
		`(?m)^`+q(ns)+`/local-admin\s+namespace `+q(ns)+`\s+RoleBinding/local-admin\s+ClusterRole/cluster-admin$`,
		`(?m)^group system:serviceaccounts:`+q(ns)+`\s+cluster\s+ClusterRoleBinding/`+q(ns)+`-group\s+ClusterRole/cluster-admin$`,
		`!viewer`, `(?m)^\d+ bindings give service accounts full control$`)

	res := script(t, nil, "cluster-admin-service-accounts.lua", "--fail")
	if res.Code != 1 {
		t.Errorf("--fail with findings: exit %d", res.Code)
	}
	matches(t, res.Stderr, `\d+ service accounts with full control`)
}

func TestPrivilegedPods(t *testing.T) {
	ns := newNamespace(t, "scripts-privileged")
	// The local control plane allows privileged pods, as most clusters do;
	// a server started with --allow-privileged=false refuses them, and then
	// the script cannot meet one.
	privileged := luaIn(t, ns, seedLua+`
		local ok, err = pcall(kube.create, pod("priv", {phase = "Pending", spec = {
		  containers = {{name = "c", image = "nginx", securityContext = {privileged = true}}}}}))
		if not ok and err.reason == "Invalid" and err.message:find("disallowed by cluster policy") then
		  print("refused")
		elseif not ok then
		  error(err)
		end`) == ""
	findings := 3
	if privileged {
		findings++
	} else {
		t.Log("this API server refuses privileged pods (--allow-privileged=false)")
	}
	luaIn(t, ns, seedLua+`
		local function spec(s) s.containers = s.containers or {{name = "c", image = "nginx"}}; return {phase = "Pending", spec = s} end
		kube.create(pod("net", spec({hostNetwork = true})))
		kube.create(pod("disk", spec({volumes = {{name = "root", hostPath = {path = "/var/run"}}}})))
		kube.create(pod("caps", spec({initContainers = {{name = "setup", image = "busybox",
		  securityContext = {capabilities = {add = {"SYS_ADMIN", "CHOWN"}}}}}})))
		kube.create(pod("safe", spec({containers = {{name = "c", image = "nginx",
		  securityContext = {runAsNonRoot = true, allowPrivilegeEscalation = false}}}})))`)

	out := mustRun(t, nil, "privileged-pods.lua", ns)
	matches(t, out, `^NAMESPACE\s+POD\s+CONTAINER\s+FINDING\n`,
		`(?m)^`+q(ns)+`\s+caps\s+setup\s+capability SYS_ADMIN$`,
		`(?m)^`+q(ns)+`\s+disk\s+-\s+hostPath /var/run$`,
		`(?m)^`+q(ns)+`\s+net\s+-\s+hostNetwork$`,
		`!safe`, `!CHOWN`, fmt.Sprintf(`(?m)^%d findings$`, findings))
	if privileged {
		matches(t, out, `(?m)^`+q(ns)+`\s+priv\s+c\s+privileged$`)
	}

	res := script(t, nil, "privileged-pods.lua", "--fail", ns)
	if res.Code != 1 || res.Stderr != fmt.Sprintf("%d findings\n", findings) {
		t.Errorf("--fail: exit %d, stderr %q", res.Code, res.Stderr)
	}
	clean := newNamespace(t, "scripts-unprivileged")
	if out := mustRun(t, nil, "privileged-pods.lua", "--fail", clean); out != "NAMESPACE   POD   CONTAINER   FINDING\n0 findings\n" {
		t.Errorf("an empty namespace: %q", out)
	}
}
