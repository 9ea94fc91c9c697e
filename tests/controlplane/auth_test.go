package controlplane

import (
	"testing"
)

// The nobody user is authenticated but has no RBAC grant: listing pods is
// 403 Forbidden for it, while the admin may.
func TestNobodyIsForbidden(t *testing.T) {
	const path = "/api/v1/namespaces/default/pods"
	if code, body := adminAPI(t).do("GET", path, nil); code != 200 {
		t.Fatalf("admin: GET %s: HTTP %d, want 200: %v", path, code, body["message"])
	}
	code, body := nobodyAPI(t).do("GET", path, nil)
	if code != 403 || str(body, "reason") != "Forbidden" || str(body, "kind") != "Status" {
		t.Fatalf("nobody: GET %s: HTTP %d, reason %q, want 403 Forbidden", path, code, str(body, "reason"))
	}
}

// The tokens of the kubeconfig's contexts authenticate as the users the
// tests expect: a cluster admin, and a user in no group of its own.
func TestTokensAuthenticateTheirUsers(t *testing.T) {
	review := object{"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}
	const path = "/apis/authentication.k8s.io/v1/selfsubjectreviews"
	admin := adminAPI(t).must("POST", path, review)
	if groups := get(admin, "status", "userInfo", "groups"); !contains(groups, "system:masters") {
		t.Errorf("admin's groups %v lack system:masters", groups)
	}
	nobody := nobodyAPI(t).must("POST", path, review)
	groups, _ := get(nobody, "status", "userInfo", "groups").([]any)
	if contains(groups, "system:masters") || !contains(groups, "system:authenticated") {
		t.Errorf("nobody's groups are %v, want only system:authenticated", groups)
	}
}

func contains(list any, want string) bool {
	l, _ := list.([]any)
	for _, v := range l {
		if v == want {
			return true
		}
	}
	return false
}
