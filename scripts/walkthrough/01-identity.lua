-- Step 1: who am I, and where? The walkthrough began by finding a token and
-- the API server's address. klua takes both from your kubeconfig (or the
-- pod's service account) as kubectl does, and never shows the token.
-- The server itself says who the token belongs to (SelfSubjectReview).
local cfg = kube.config()
print("context:   " .. tostring(cfg.context))
print("server:    " .. cfg.server)
print("namespace: " .. cfg.namespace)

local review = kube.create({
  apiVersion = "authentication.k8s.io/v1",
  kind = "SelfSubjectReview",
  metadata = {},
})
print("user:      " .. review.status.userInfo.username)
print("groups:    " .. table.concat(review.status.userInfo.groups or {}, ", "))
