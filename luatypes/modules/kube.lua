---@meta kube
-- The kube module, for lua-language-server. Written by `klua types`.

---@class kube.Options
---@field namespace? string The namespace to work in (default: the context's, or -n).

---@class kube.GetOptions: kube.Options
---@field resourceVersion? string As in the API.
---@field subresource? string "status", "scale", ...
---@field ignoreNotFound? boolean Return nil instead of raising NotFound.

---@class kube.ListOptions: kube.Options
---@field allNamespaces? boolean Every namespace.
---@field labelSelector? string As in the API: "app=web,tier!=db".
---@field fieldSelector? string As in the API: "status.phase=Running".
---@field limit? integer One page of this many items; metadata.continue asks for the next.
---@field continue? string The continue token of the page before.
---@field resourceVersion? string As in the API.
---@field managedFields? boolean true: keep the items' metadata.managedFields (left out by default).

---@class kube.WriteOptions: kube.Options
---@field dryRun? boolean|"All" The server checks the write and persists nothing.
---@field fieldManager? string Who owns the fields written.

---@class kube.UpdateOptions: kube.WriteOptions
---@field subresource? string "status", "scale", ...
---@field resource? string Where to write when the object's kind is not the resource's (a Scale).

---@class kube.PatchOptions: kube.WriteOptions
---@field type? "merge"|"strategic"|"json" The patch type (default "merge").
---@field subresource? string "status", "scale", ...

---@class kube.ApplyOptions: kube.UpdateOptions
---@field force? boolean Take fields owned by another field manager.

---@class kube.DeleteOptions: kube.Options
---@field dryRun? boolean|"All" The server checks the deletion and deletes nothing.
---@field propagationPolicy? "Background"|"Foreground"|"Orphan" What happens to dependents.
---@field gracePeriodSeconds? integer As in the API.
---@field ignoreNotFound? boolean Return nil instead of raising NotFound.

---@class kube.TableOptions: kube.Options
---@field allNamespaces? boolean Every namespace (adds a NAMESPACE column).
---@field labelSelector? string As in the API.
---@field fieldSelector? string As in the API.
---@field limit? integer At most this many rows.
---@field columns? string[] For rows given by the script: the column names, in order.

---@class kube.WatchOptions: kube.Options
---@field allNamespaces? boolean Every namespace.
---@field labelSelector? string As in the API.
---@field fieldSelector? string As in the API.
---@field initial? boolean false: skip the ADDED events of objects that exist when the watch starts.
---@field managedFields? boolean true: keep metadata.managedFields in the objects.

---@class kube.ReconcileOptions: kube.WatchOptions
---@field minBackoff? number|string First retry delay after an error (0.25 s; seconds or "5s").
---@field maxBackoff? number|string Longest retry delay (300 s).

---@class kube.WaitOptions: kube.Options
---@field timeout? number|string Raise a Timeout error after this long (seconds or "2m").

---@class kube.Request
---@field method? string "GET" (default), "POST", "PUT", "PATCH", "DELETE".
---@field path string An absolute path: "/api/v1/nodes", "/version".
---@field query? table<string, string|number|boolean|(string|number|boolean)[]> Query parameters.
---@field body? table|string A table is sent as JSON; a string as it is.
---@field headers? table<string, string> Request headers.

---@class kube.Response
---@field status integer The HTTP status.
---@field headers table<string, string> Header names in lower case.
---@field body table|string A JSON body decoded, anything else as a string.

---@class kube.Error
---@field code integer The HTTP status; 0 when no request was answered.
---@field reason string "NotFound", "AlreadyExists", "Conflict", "Forbidden", "Invalid", "UnknownResource", "Timeout", "ClientError", ...
---@field message string The server's words.
---@field details? table The server's Status.details: name, kind, causes.

---@class kube.Config
---@field context string
---@field cluster string
---@field server string
---@field namespace string
---@field user string

--- Any object of the API; the classes of k8s-*.lua (k8s.Pod, ...) say
--- more of each kind.
---@class kube.Object
---@field apiVersion? string
---@field kind? string
---@field metadata k8s.ObjectMeta
---@field [string] any

---@class kube.WatchEvent
---@field type "ADDED"|"MODIFIED"|"DELETED"
---@field object kube.Object The object (for DELETED, its last state).
---@field old? kube.Object For MODIFIED, the object's previous state.

---@class kube.Handle
local Handle = {}

--- Stops the watch or reconciler.
function Handle:stop() end

---@class kube.List
---@field apiVersion string
---@field kind string
---@field metadata k8s.ListMeta
---@field items kube.Object[]

---@class kube.Client
local Client = {}

--- The Kubernetes API. Objects are tables spelled as in the API reference;
--- failures raise kube.Error values.
---@class kube
kube = {}

--- Fetches one object.
---@param resource string "pods", "pod", "po", "Deployment", "deployments.apps", ...
---@param name string
---@param opts? kube.GetOptions
---@return kube.Object object
---@klua-overloads get
function kube.get(resource, name, opts) end

--- Fetches a collection, every page unless opts.limit is given.
---@param resource string
---@param opts? kube.ListOptions
---@return kube.List list
---@klua-overloads list
function kube.list(resource, opts) end

--- Calls fn(object) for every object of a collection, one page in memory
--- at a time. fn returning false stops early.
---@param resource string
---@param opts kube.ListOptions|nil
---@param fn fun(object: kube.Object): boolean?
---@klua-overloads each
function kube.each(resource, opts, fn) end

--- POSTs a new object and returns it as the server stored it.
---@generic T: table
---@param object T
---@param opts? kube.WriteOptions
---@return T
function kube.create(object, opts) end

--- PUTs the whole object; a stale metadata.resourceVersion is a 409 Conflict.
---@generic T: table
---@param object T
---@param opts? kube.UpdateOptions
---@return T
function kube.update(object, opts) end

--- Changes part of an object: a merge (default), strategic or JSON patch.
---@param resource string
---@param name string
---@param patch table|string
---@param opts? kube.PatchOptions
---@return kube.Object object
---@klua-overloads patch
function kube.patch(resource, name, patch, opts) end

--- Server-side apply: the object states the fields its field manager owns.
---@generic T: table
---@param object T
---@param opts? kube.ApplyOptions
---@return T
function kube.apply(object, opts) end

--- Deletes an object, named or given whole. Returns the server's answer
--- (the object while finalizers run, or a Status), nil with ignoreNotFound.
---@param resource string|table A resource, or the object itself (then no name).
---@param name? string|kube.DeleteOptions
---@param opts? kube.DeleteOptions
---@return kube.Object|nil
function kube.delete(resource, name, opts) end

--- Any request on the API server; returns whatever the status.
---@param req kube.Request
---@return kube.Response
function kube.request(req) end

--- The columns kubectl prints for a resource, asked of the server; or a
--- script's own rows (arrays of cells, or tables keyed by opts.columns)
--- laid out the same way.
---@param resource string|table[]
---@param opts? kube.TableOptions
---@return string
function kube.table(resource, opts) end

--- What the script is connected to; nothing secret.
---@return kube.Config
function kube.config() end

--- A client for another context or kubeconfig; every kube function is a
--- method of it (client:get(...)).
---@param target {context?: string, kubeconfig?: string}
---@return kube.Client
function kube.connect(target) end

--- Calls callback(event) for every change to a resource's objects, on the
--- script's own thread.
---@param resource string
---@param opts kube.WatchOptions|nil
---@param callback fun(event: kube.WatchEvent)
---@return kube.Handle
function kube.watch(resource, opts, callback) end

--- Level-based handling: handler(object, key) for each object added or
--- changed, with object = nil once it is gone. An error retries the key
--- with backoff; returning {requeueAfter = seconds} handles it again later.
---@param resource string
---@param opts kube.ReconcileOptions|nil
---@param handler fun(object: kube.Object|nil, key: string): {requeueAfter: number}?
---@return kube.Handle
function kube.reconcile(resource, opts, handler) end

--- Blocks until predicate(object) is true (object is nil while it does
--- not exist) and returns the object.
---@param resource string
---@param name string
---@param predicate fun(object: kube.Object|nil): boolean?
---@param opts? kube.WaitOptions
---@return kube.Object|nil
---@klua-overloads wait
function kube.wait(resource, name, predicate, opts) end

--- Calls fn again, after a short growing pause, while it fails with 409
--- Conflict (at most attempts times, 5 by default). Returns what fn returns.
---@generic R
---@param fn fun(): R
---@param attempts? integer
---@return R
function kube.retry_on_conflict(fn, attempts) end

---@param resource string
---@param name string
---@param opts? kube.GetOptions
---@return kube.Object
function Client:get(resource, name, opts) end
---@param resource string
---@param opts? kube.ListOptions
---@return kube.List
function Client:list(resource, opts) end
---@param resource string
---@param opts kube.ListOptions|nil
---@param fn fun(object: kube.Object): boolean?
function Client:each(resource, opts, fn) end
---@generic T: table
---@param object T
---@param opts? kube.WriteOptions
---@return T
function Client:create(object, opts) end
---@generic T: table
---@param object T
---@param opts? kube.UpdateOptions
---@return T
function Client:update(object, opts) end
---@param resource string
---@param name string
---@param patch table|string
---@param opts? kube.PatchOptions
---@return kube.Object
function Client:patch(resource, name, patch, opts) end
---@generic T: table
---@param object T
---@param opts? kube.ApplyOptions
---@return T
function Client:apply(object, opts) end
---@param resource string|table
---@param name? string|kube.DeleteOptions
---@param opts? kube.DeleteOptions
---@return kube.Object|nil
function Client:delete(resource, name, opts) end
---@param req kube.Request
---@return kube.Response
function Client:request(req) end
---@param resource string|table[]
---@param opts? kube.TableOptions
---@return string
function Client:table(resource, opts) end
---@return kube.Config
function Client:config() end
---@param target {context?: string, kubeconfig?: string}
---@return kube.Client
function Client:connect(target) end
---@param resource string
---@param opts kube.WatchOptions|nil
---@param callback fun(event: kube.WatchEvent)
---@return kube.Handle
function Client:watch(resource, opts, callback) end
---@param resource string
---@param opts kube.ReconcileOptions|nil
---@param handler fun(object: kube.Object|nil, key: string): {requeueAfter: number}?
---@return kube.Handle
function Client:reconcile(resource, opts, handler) end
---@param resource string
---@param name string
---@param predicate fun(object: kube.Object|nil): boolean?
---@param opts? kube.WaitOptions
---@return kube.Object|nil
function Client:wait(resource, name, predicate, opts) end
---@generic R
---@param fn fun(): R
---@param attempts? integer
---@return R
function Client:retry_on_conflict(fn, attempts) end

return kube
