package scimwrite

import (
	"errors"
	"fmt"
	"strings"

	filter "github.com/scim2/filter-parser/v2"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim/scimpath"
)

// ErrNoTarget is returned when a path cannot be applied to the resource, for
// instance a sub-attribute of a plain string or a filter that cannot create
// a new element.
var ErrNoTarget = errors.New("scimwrite: path does not address a settable attribute")

// Merge adds or replaces each attribute of value in res; objects are merged
// one level deep (a PATCH operation without a path).
func Merge(res map[string]any, value map[string]any) {
	for k, v := range value {
		k = scimpath.Key(res, k)
		if vm, ok := v.(map[string]any); ok {
			if cur, ok := res[k].(map[string]any); ok {
				for sk, sv := range vm {
					cur[scimpath.Key(cur, sk)] = sv
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
		return fmt.Errorf("scimwrite: unknown op %q", op)
	}
	p, err := scimpath.Parse(path)
	if err != nil {
		return err
	}
	c := scimpath.Container(res, p.AttributePath, op != "remove")
	if c == nil {
		return nil
	}
	name := scimpath.Key(c, p.AttributePath.AttributeName)
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
		return setAttr(cur, scimpath.Key(cur, sub), op, value)
	case []any:
		for _, e := range cur {
			if m, ok := e.(map[string]any); ok {
				if err := setAttr(m, scimpath.Key(m, sub), op, value); err != nil {
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
			ok, _ = scimpath.Match(p.ValueExpression, m)
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
			_ = setAttr(m, scimpath.Key(m, sub), op, value)
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
