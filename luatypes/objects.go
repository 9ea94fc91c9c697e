package luatypes

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Group is an API group version whose objects get a definition file.
type Group struct {
	Name        string // short, for file names: "core", "rbac"
	AddToScheme func(*runtime.Scheme) error
}

// Groups are the API groups klua types describes.
var Groups = []Group{
	{"core", corev1.AddToScheme},
	{"apps", appsv1.AddToScheme},
	{"batch", batchv1.AddToScheme},
	{"networking", networkingv1.AddToScheme},
	{"rbac", rbacv1.AddToScheme},
	{"coordination", coordinationv1.AddToScheme},
}

// ClassPrefix starts every object class's name: k8s.Pod, k8s.ObjectMeta.
const ClassPrefix = "k8s."

// scalars are types with a JSON form of their own (they implement
// json.Marshaler), and the Lua type of that form.
var scalars = map[reflect.Type]string{
	reflect.TypeFor[metav1.Time]():          "string",
	reflect.TypeFor[metav1.MicroTime]():     "string",
	reflect.TypeFor[metav1.Duration]():      "string",
	reflect.TypeFor[apiresource.Quantity](): "string|number",
	reflect.TypeFor[intstr.IntOrString]():   "integer|string",
	reflect.TypeFor[runtime.RawExtension](): "table",
	reflect.TypeFor[metav1.FieldsV1]():      "table",
}

// class is one Go struct type as a lua-language-server class.
type class struct {
	t      reflect.Type
	doc    string
	fields []field
	gvk    *metav1.GroupVersionKind // set for the API's kinds
}

type field struct {
	name, typ, doc string
	optional       bool
}

// generator walks Go types from the groups' kinds.
type generator struct {
	classes map[reflect.Type]*class
	files   map[string]string // Go package path -> file name
	err     error
}

type objects struct {
	files     []File
	resources []resource
}

func objectFiles(groups []Group) (objects, error) {
	g := &generator{classes: map[reflect.Type]*class{}, files: map[string]string{
		reflect.TypeFor[metav1.ObjectMeta]().PkgPath(): "k8s-meta-v1.lua",
	}}
	var out objects
	for _, grp := range groups {
		rs, err := g.addGroup(grp)
		if err != nil {
			return objects{}, err
		}
		out.resources = append(out.resources, rs...)
	}
	if g.err != nil {
		return objects{}, g.err
	}
	out.files = g.render()
	return out, nil
}

// addGroup adds the classes of a group's kinds (and of every type they
// reach), and returns its resources: the kinds that have a List.
func (g *generator) addGroup(grp Group) ([]resource, error) {
	s := runtime.NewScheme()
	if err := grp.AddToScheme(s); err != nil {
		return nil, fmt.Errorf("registering %s: %w", grp.Name, err)
	}
	var resources []resource
	for _, gv := range s.PrioritizedVersionsAllGroups() {
		types := s.KnownTypes(gv)
		for kind, t := range types {
			if !g.ownKind(grp, gv.Version, kind, t) {
				continue
			}
			c := g.class(t)
			c.gvk = &metav1.GroupVersionKind{Group: gv.Group, Version: gv.Version, Kind: kind}
			if _, ok := types[kind+"List"]; ok {
				resources = append(resources, newResource(gv.Group, kind))
			}
		}
	}
	sort.Slice(resources, func(i, j int) bool { return resources[i].kind < resources[j].kind })
	return resources, nil
}

// ownKind tells the group's own kinds from those every group registers
// (Status, WatchEvent, ListOptions...) and from query parameter types
// (PodLogOptions).
func (g *generator) ownKind(grp Group, version, kind string, t reflect.Type) bool {
	if t.PkgPath() == reflect.TypeFor[metav1.ObjectMeta]().PkgPath() || strings.HasSuffix(kind, "Options") {
		return false
	}
	if _, ok := g.files[t.PkgPath()]; !ok {
		g.files[t.PkgPath()] = fmt.Sprintf("k8s-%s-%s.lua", grp.Name, version)
	}
	return true
}

// class returns the class of struct type t, building it (and the classes
// of its fields' types) the first time.
func (g *generator) class(t reflect.Type) *class {
	if c, ok := g.classes[t]; ok {
		return c
	}
	c := &class{t: t, doc: swaggerDoc(t)[""]}
	g.classes[t] = c
	if _, ok := g.files[t.PkgPath()]; !ok {
		g.addPackage(t)
	}
	c.fields = g.fields(t, swaggerDoc(t))
	return c
}

// addPackage gives a file to a package that a group's types use but that
// is no group of Groups (core/v1 uses scheduling/v1alpha3).
func (g *generator) addPackage(t reflect.Type) {
	group, version, ok := strings.Cut(strings.TrimPrefix(t.PkgPath(), "k8s.io/api/"), "/")
	if !ok || strings.Contains(version, "/") {
		g.fail(fmt.Errorf("type %s of package %s is in no definition file", t.Name(), t.PkgPath()))
		return
	}
	g.files[t.PkgPath()] = fmt.Sprintf("k8s-%s-%s.lua", group, version)
}

func (g *generator) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

var luaName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// fields lists a struct's JSON fields, with those of inlined structs
// (TypeMeta, and the like) in their place.
func (g *generator) fields(t reflect.Type, docs map[string]string) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !sf.IsExported() {
			continue
		}
		if sf.Anonymous && name == "" || strings.Contains(opts, "inline") {
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			out = append(out, g.fields(ft, swaggerDoc(ft))...)
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if !luaName.MatchString(name) {
			g.fail(fmt.Errorf("%s.%s: JSON name %q is no Lua name", t.Name(), sf.Name, name))
			continue
		}
		out = append(out, field{name: name, typ: g.luaType(sf.Type), doc: docs[name],
			optional: strings.Contains(opts, "omitempty") || sf.Type.Kind() == reflect.Pointer})
	}
	return out
}

// luaType is the lua-language-server type of a Go type's JSON form.
func (g *generator) luaType(t reflect.Type) string {
	if s, ok := scalars[t]; ok {
		return s
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.luaType(t.Elem())
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "string" // []byte is base64 in JSON
		}
		return arrayOf(g.luaType(t.Elem()))
	case reflect.Map:
		return "table<string," + g.luaType(t.Elem()) + ">"
	case reflect.Interface:
		return "any"
	case reflect.Struct:
		if implementsMarshaler(t) {
			g.fail(fmt.Errorf("type %s.%s has a JSON form of its own and no Lua type for it", t.PkgPath(), t.Name()))
			return "any"
		}
		return ClassPrefix + g.class(t).t.Name()
	}
	g.fail(fmt.Errorf("no Lua type for Go type %s", t))
	return "any"
}

func arrayOf(elem string) string {
	if strings.ContainsAny(elem, "|<") {
		return "(" + elem + ")[]"
	}
	return elem + "[]"
}

func implementsMarshaler(t reflect.Type) bool {
	m := reflect.TypeFor[json.Marshaler]()
	return t.Implements(m) || reflect.PointerTo(t).Implements(m)
}

// swaggerDoc is the API documentation k8s.io/api generates for a type:
// "" holds the type's, each JSON field name the field's.
func swaggerDoc(t reflect.Type) map[string]string {
	if d, ok := reflect.Zero(t).Interface().(interface{ SwaggerDoc() map[string]string }); ok {
		return d.SwaggerDoc()
	}
	return nil
}
