// Package scimpath reads and writes SCIM 2.0 attribute paths (RFC 7644
// section 3.5.2) on resources held as generic JSON maps, and evaluates SCIM
// filters against them. Parsing is done by github.com/scim2/filter-parser/v2.
//
// Paths understood: "attr", "attr.sub", "attr[filter]", "attr[filter].sub",
// each optionally prefixed by a schema URN such as
// "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department".
// Core schema URNs are accepted and ignored; extension URNs address the
// nested object stored under that URN. Attribute names match
// case-insensitively, as RFC 7643 requires.
package scimpath

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	filter "github.com/scim2/filter-parser/v2"
)

// Core schema URNs; a path prefixed by one of these addresses the top level.
const (
	CoreUserSchema  = "urn:ietf:params:scim:schemas:core:2.0:User"
	CoreGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
	EnterpriseUser  = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
)

// ErrNoTarget is returned when a path cannot be applied to the resource, for
// instance a sub-attribute of a plain string or a filter that cannot create
// a new element.
var ErrNoTarget = errors.New("scimpath: path does not address a settable attribute")

// Parsed paths are cached: a sync maps every user through the same few
// paths, and the parser allocates heavily. The cache keeps at most
// maxCached paths; callers must treat a returned Path as read-only.
const maxCached = 4096

var (
	cacheMu sync.RWMutex
	cache   = map[string]filter.Path{}
)

// Parse parses a PATCH path. The result is shared: do not modify it.
func Parse(path string) (filter.Path, error) {
	cacheMu.RLock()
	p, ok := cache[path]
	cacheMu.RUnlock()
	if ok {
		return p, nil
	}
	p, err := parse(path)
	if err == nil {
		cacheMu.Lock()
		if len(cache) < maxCached {
			cache[path] = p
		}
		cacheMu.Unlock()
	}
	return p, err
}

func parse(path string) (p filter.Path, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("scimpath: invalid path %q", path)
		}
	}()
	return filter.ParsePath([]byte(path))
}

// ParseFilter parses a filter expression.
func ParseFilter(f string) (e filter.Expression, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("scimpath: invalid filter %q", f)
		}
	}()
	return filter.ParseFilter([]byte(f))
}

// key returns the key in m that matches name case-insensitively, or name.
func key(m map[string]any, name string) string {
	if _, ok := m[name]; ok {
		return name
	}
	for k := range m {
		if strings.EqualFold(k, name) {
			return k
		}
	}
	return name
}

// container returns the map holding the attributes of p's schema: res for
// core schemas, res[urn] for extensions (created when create is true).
func container(res map[string]any, p filter.AttributePath, create bool) map[string]any {
	uri := p.URI()
	if uri == "" || strings.EqualFold(uri, CoreUserSchema) || strings.EqualFold(uri, CoreGroupSchema) {
		return res
	}
	k := key(res, uri)
	if m, ok := res[k].(map[string]any); ok {
		return m
	}
	if !create {
		return nil
	}
	m := map[string]any{}
	res[k] = m
	return m
}

// Values returns the values an attribute path designates in res: for a
// multi-valued attribute every element (or every element's sub-attribute).
func Values(res map[string]any, p filter.AttributePath) []any {
	c := container(res, p, false)
	if c == nil {
		return nil
	}
	v, ok := c[key(c, p.AttributeName)]
	if !ok || v == nil {
		return nil
	}
	sub := p.SubAttributeName()
	var elems []any
	if l, ok := v.([]any); ok {
		elems = l
	} else {
		elems = []any{v}
	}
	if sub == "" {
		return elems
	}
	var out []any
	for _, e := range elems {
		if m, ok := e.(map[string]any); ok {
			if sv, ok := m[key(m, sub)]; ok {
				out = append(out, sv)
			}
		}
	}
	return out
}

// Get returns the value a PATCH path designates: for a filtered path the
// first matching element (or its sub-attribute).
func Get(res map[string]any, path string) (any, bool) {
	p, err := Parse(path)
	if err != nil {
		return nil, false
	}
	if p.ValueExpression == nil {
		vals := Values(res, p.AttributePath)
		if len(vals) == 0 {
			return nil, false
		}
		if c := container(res, p.AttributePath, false); p.AttributePath.SubAttribute == nil && c != nil {
			return c[key(c, p.AttributePath.AttributeName)], true
		}
		return vals[0], true
	}
	for _, e := range Values(res, p.AttributePath) {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		if match, _ := Match(p.ValueExpression, m); !match {
			continue
		}
		if sub := p.SubAttributeName(); sub != "" {
			v, ok := m[key(m, sub)]
			return v, ok
		}
		return m, true
	}
	return nil, false
}

// Merge adds or replaces each attribute of value in res; objects are merged
// one level deep (a PATCH operation without a path).
func Merge(res map[string]any, value map[string]any) {
	for k, v := range value {
		k = key(res, k)
		if vm, ok := v.(map[string]any); ok {
			if cur, ok := res[k].(map[string]any); ok {
				for sk, sv := range vm {
					cur[key(cur, sk)] = sv
				}
				continue
			}
		}
		res[k] = v
	}
}

// Apply performs one PATCH operation ("add", "replace" or "remove", any
// case) at path on res. An add or replace through a filter that matches no
// element creates one from the filter's eq comparisons.
func Apply(res map[string]any, op, path string, value any) error {
	op = strings.ToLower(op)
	if op != "add" && op != "replace" && op != "remove" {
		return fmt.Errorf("scimpath: unknown op %q", op)
	}
	p, err := Parse(path)
	if err != nil {
		return err
	}
	c := container(res, p.AttributePath, op != "remove")
	if c == nil {
		return nil
	}
	name := key(c, p.AttributePath.AttributeName)
	if p.ValueExpression != nil {
		return applyFiltered(c, name, p, op, value)
	}
	if p.AttributePath.SubAttribute == nil {
		return setAttr(c, name, op, value)
	}
	sub := p.AttributePath.SubAttributeName()
	switch cur := c[name].(type) {
	case nil:
		if op == "remove" {
			return nil
		}
		c[name] = map[string]any{sub: value}
	case map[string]any:
		return setAttr(cur, key(cur, sub), op, value)
	case []any:
		for _, e := range cur {
			if m, ok := e.(map[string]any); ok {
				if err := setAttr(m, key(m, sub), op, value); err != nil {
					return err
				}
			}
		}
	default:
		return ErrNoTarget
	}
	return nil
}

func setAttr(c map[string]any, name, op string, value any) error {
	switch op {
	case "remove":
		delete(c, name)
	case "add":
		if l, ok := c[name].([]any); ok {
			if vl, ok := value.([]any); ok {
				c[name] = append(l, vl...)
				return nil
			}
		}
		if m, ok := c[name].(map[string]any); ok {
			if vm, ok := value.(map[string]any); ok {
				Merge(m, vm)
				return nil
			}
		}
		c[name] = value
	default:
		c[name] = value
	}
	return nil
}

func applyFiltered(c map[string]any, name string, p filter.Path, op string, value any) error {
	var list []any
	switch cur := c[name].(type) {
	case nil:
	case []any:
		list = cur
	default:
		return ErrNoTarget
	}
	sub := p.SubAttributeName()
	matched := false
	out := list[:0:0]
	for _, e := range list {
		m, ok := e.(map[string]any)
		if ok {
			ok, _ = Match(p.ValueExpression, m)
		}
		if !ok {
			out = append(out, e)
			continue
		}
		matched = true
		if op == "remove" && sub == "" {
			continue
		}
		if sub != "" {
			_ = setAttr(m, key(m, sub), op, value)
		} else if vm, ok := value.(map[string]any); ok {
			if op == "replace" {
				clear(m)
			}
			Merge(m, vm)
		} else {
			return ErrNoTarget
		}
		out = append(out, m)
	}
	if !matched && op != "remove" {
		m, ok := eqPairs(p.ValueExpression)
		if !ok {
			return ErrNoTarget
		}
		if sub != "" {
			m[sub] = value
		} else if vm, ok := value.(map[string]any); ok {
			Merge(m, vm)
		} else {
			return ErrNoTarget
		}
		out = append(out, m)
	}
	c[name] = out
	return nil
}

// eqPairs turns a filter made only of eq comparisons joined by and into the
// attributes an element matching it would have.
func eqPairs(e filter.Expression) (map[string]any, bool) {
	switch x := e.(type) {
	case *filter.AttributeExpression:
		if x.Operator != filter.EQ || x.AttributePath.SubAttribute != nil {
			return nil, false
		}
		return map[string]any{x.AttributePath.AttributeName: x.CompareValue}, true
	case *filter.LogicalExpression:
		if x.Operator != filter.AND {
			return nil, false
		}
		l, ok1 := eqPairs(x.Left)
		r, ok2 := eqPairs(x.Right)
		if !ok1 || !ok2 {
			return nil, false
		}
		Merge(l, r)
		return l, true
	}
	return nil, false
}

// Match evaluates a filter against a resource (or an element of a
// multi-valued attribute). String comparisons ignore case.
func Match(e filter.Expression, res map[string]any) (bool, error) {
	switch x := e.(type) {
	case *filter.AttributeExpression:
		return compareAny(Values(res, x.AttributePath), x.Operator, x.CompareValue)
	case *filter.LogicalExpression:
		l, err := Match(x.Left, res)
		if err != nil {
			return false, err
		}
		if x.Operator == filter.AND && !l || x.Operator == filter.OR && l {
			return l, nil
		}
		return Match(x.Right, res)
	case *filter.NotExpression:
		m, err := Match(x.Expression, res)
		return !m, err
	case *filter.ValuePath:
		for _, v := range Values(res, x.AttributePath) {
			if m, ok := v.(map[string]any); ok {
				if ok, err := Match(x.ValueFilter, m); ok || err != nil {
					return ok, err
				}
			}
		}
		return false, nil
	}
	return false, fmt.Errorf("scimpath: unsupported expression %T", e)
}

func compareAny(vals []any, op filter.CompareOperator, want any) (bool, error) {
	if op == filter.PR {
		return len(vals) > 0, nil
	}
	for _, v := range vals {
		if m, ok := v.(map[string]any); ok {
			v = m["value"]
		}
		ok, err := compare(v, op, want)
		if ok || err != nil {
			return ok, err
		}
	}
	return op == filter.NE && len(vals) == 0, nil
}

func compare(v any, op filter.CompareOperator, want any) (bool, error) {
	vs, ws := strings.ToLower(fmt.Sprint(v)), strings.ToLower(fmt.Sprint(want))
	switch op {
	case filter.EQ:
		return vs == ws, nil
	case filter.NE:
		return vs != ws, nil
	case filter.CO:
		return strings.Contains(vs, ws), nil
	case filter.SW:
		return strings.HasPrefix(vs, ws), nil
	case filter.EW:
		return strings.HasSuffix(vs, ws), nil
	case filter.GT:
		return vs > ws, nil
	case filter.GE:
		return vs >= ws, nil
	case filter.LT:
		return vs < ws, nil
	case filter.LE:
		return vs <= ws, nil
	}
	return false, fmt.Errorf("scimpath: unsupported operator %q", op)
}
