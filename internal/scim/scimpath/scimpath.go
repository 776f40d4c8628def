// Package scimpath reads SCIM 2.0 attribute paths (RFC 7644 section
// 3.5.2) on resources held as generic JSON maps, and evaluates SCIM filters
// against them (the provider's SCIM data sources read attributes such as
// `emails[primary eq true].value`). Writing through paths (PATCH) is the
// tenant stand-in's business: internal/emulator/scimwrite. Parsing is done by github.com/scim2/filter-parser/v2.
//
// Paths understood: "attr", "attr.sub", "attr[filter]", "attr[filter].sub",
// each optionally prefixed by a schema URN such as
// "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department".
// Core schema URNs are accepted and ignored; extension URNs address the
// nested object stored under that URN. Attribute names match
// case-insensitively, as RFC 7643 requires.
package scimpath

import (
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

// Key returns the key in m that matches name case-insensitively, or name.
func Key(m map[string]any, name string) string {
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

// Container returns the map holding the attributes of p's schema: res for
// core schemas, res[urn] for extensions (created when create is true).
func Container(res map[string]any, p filter.AttributePath, create bool) map[string]any {
	uri := p.URI()
	if uri == "" || strings.EqualFold(uri, CoreUserSchema) || strings.EqualFold(uri, CoreGroupSchema) {
		return res
	}
	k := Key(res, uri)
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
	c := Container(res, p, false)
	if c == nil {
		return nil
	}
	v, ok := c[Key(c, p.AttributeName)]
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
			if sv, ok := m[Key(m, sub)]; ok {
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
		if c := Container(res, p.AttributePath, false); p.AttributePath.SubAttribute == nil && c != nil {
			return c[Key(c, p.AttributePath.AttributeName)], true
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
			v, ok := m[Key(m, sub)]
			return v, ok
		}
		return m, true
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
