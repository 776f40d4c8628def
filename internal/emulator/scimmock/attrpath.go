package scimmock

import (
	"errors"
	"fmt"
	"strings"

	filter "github.com/scim2/filter-parser/v2"
)

// The mock's own reading of SCIM attribute paths and filters (RFC 7644
// sections 3.4.2.2 and 3.5.2), on github.com/scim2/filter-parser directly.
// It deliberately shares no code with the provider's scimpath or the
// tenant stand-in's scimwrite: a bug in either then shows as a difference
// between what a client sends or reads and what this server stores.

// Schema URNs the mock knows.
const (
	coreUserSchema  = "urn:ietf:params:scim:schemas:core:2.0:User"
	coreGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
	enterpriseUser  = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
)

// errNoTarget: the operation's path addresses nothing it can change.
var errNoTarget = errors.New("no target")

// parseFilter parses a filter; the parser panics on some inputs.
func parseFilter(s string) (e filter.Expression, err error) {
	defer func() {
		if recover() != nil {
			e, err = nil, fmt.Errorf("invalid filter %q", s)
		}
	}()
	return filter.ParseFilter([]byte(s))
}

// parsePath parses a PATCH path.
func parsePath(s string) (p filter.Path, err error) {
	defer func() {
		if recover() != nil {
			p, err = filter.Path{}, fmt.Errorf("invalid path %q", s)
		}
	}()
	return filter.ParsePath([]byte(s))
}

// field finds an attribute by name, ignoring case (RFC 7643 section 2.1):
// the key it is stored under (name itself when absent), and its value.
func field(obj map[string]any, name string) (string, any, bool) {
	if v, ok := obj[name]; ok {
		return name, v, true
	}
	for k, v := range obj {
		if strings.EqualFold(k, name) {
			return k, v, true
		}
	}
	return name, nil, false
}

// scope is the object holding the attributes of ap's schema: obj itself for
// no URN or a core schema, the extension's object otherwise (made when
// create is set; nil when absent).
func scope(obj map[string]any, ap filter.AttributePath, create bool) map[string]any {
	urn := ap.URI()
	if urn == "" || strings.EqualFold(urn, coreUserSchema) || strings.EqualFold(urn, coreGroupSchema) {
		return obj
	}
	k, v, _ := field(obj, urn)
	if ext, ok := v.(map[string]any); ok {
		return ext
	}
	if !create {
		return nil
	}
	ext := map[string]any{}
	obj[k] = ext
	return ext
}

// elements are the values of ap's attribute, one per element of a
// multi-valued one; with a sub-attribute, that of each element that has it.
func elements(obj map[string]any, ap filter.AttributePath) []any {
	holder := scope(obj, ap, false)
	if holder == nil {
		return nil
	}
	_, v, ok := field(holder, ap.AttributeName)
	if !ok || v == nil {
		return nil
	}
	all, multi := v.([]any)
	if !multi {
		all = []any{v}
	}
	sub := ap.SubAttributeName()
	if sub == "" {
		return all
	}
	var out []any
	for _, el := range all {
		if m, ok := el.(map[string]any); ok {
			if _, sv, ok := field(m, sub); ok {
				out = append(out, sv)
			}
		}
	}
	return out
}

// matches evaluates a filter on a resource, or on one element of a
// multi-valued attribute.
func matches(e filter.Expression, obj map[string]any) bool {
	switch x := e.(type) {
	case *filter.LogicalExpression:
		if x.Operator == filter.AND {
			return matches(x.Left, obj) && matches(x.Right, obj)
		}
		return matches(x.Left, obj) || matches(x.Right, obj)
	case *filter.NotExpression:
		return !matches(x.Expression, obj)
	case *filter.ValuePath:
		for _, el := range elements(obj, x.AttributePath) {
			if m, ok := el.(map[string]any); ok && matches(x.ValueFilter, m) {
				return true
			}
		}
		return false
	case *filter.AttributeExpression:
		vals := elements(obj, x.AttributePath)
		if x.Operator == filter.PR {
			return len(vals) > 0
		}
		if len(vals) == 0 {
			return x.Operator == filter.NE
		}
		for _, v := range vals {
			if m, ok := v.(map[string]any); ok { // `emails eq "x"` compares emails.value
				_, v, _ = field(m, "value")
			}
			if holds(v, x.Operator, x.CompareValue) {
				return true
			}
		}
	}
	return false
}

// holds compares one stored value with a filter's value: strings without
// regard to case (caseExact is false for every attribute the mock keeps),
// booleans and numbers by value.
func holds(have any, op filter.CompareOperator, want any) bool {
	var c int
	switch w := want.(type) {
	case string:
		h, ok := have.(string)
		if !ok {
			return op == filter.NE
		}
		h, w = strings.ToLower(h), strings.ToLower(w)
		switch op {
		case filter.CO:
			return strings.Contains(h, w)
		case filter.SW:
			return strings.HasPrefix(h, w)
		case filter.EW:
			return strings.HasSuffix(h, w)
		}
		c = strings.Compare(h, w)
	case bool:
		h, ok := have.(bool)
		if op != filter.EQ && op != filter.NE {
			return false
		}
		return ok && h == w == (op == filter.EQ)
	default:
		hf, ok1 := number(have)
		wf, ok2 := number(want)
		if !ok1 || !ok2 {
			return op == filter.NE
		}
		switch {
		case hf < wf:
			c = -1
		case hf > wf:
			c = 1
		}
	}
	switch op {
	case filter.EQ:
		return c == 0
	case filter.NE:
		return c != 0
	case filter.GT:
		return c > 0
	case filter.GE:
		return c >= 0
	case filter.LT:
		return c < 0
	case filter.LE:
		return c <= 0
	}
	return false
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

// mergeInto is a PATCH "add" or "replace" without a path: each attribute of
// value is set on obj, objects merged one level deep.
func mergeInto(obj, value map[string]any) {
	for name, v := range value {
		k, cur, _ := field(obj, name)
		curObj, ok1 := cur.(map[string]any)
		newObj, ok2 := v.(map[string]any)
		if !ok1 || !ok2 {
			obj[k] = v
			continue
		}
		for sub, sv := range newObj {
			sk, _, _ := field(curObj, sub)
			curObj[sk] = sv
		}
	}
}

// patch applies one operation with a path ("add", "replace" or "remove",
// already lower case) to obj. An add or replace through a filter that
// selects no element appends one made of the filter's eq comparisons, as
// AWS does for `emails[type eq "work"].value`.
func patch(obj map[string]any, op, path string, value any) error {
	p, err := parsePath(path)
	if err != nil {
		return err
	}
	holder := scope(obj, p.AttributePath, op != "remove")
	if holder == nil {
		return nil // removing from an extension the user does not have
	}
	k, cur, _ := field(holder, p.AttributePath.AttributeName)
	if p.ValueExpression != nil { // attr[filter] or attr[filter].sub
		return patchSelected(holder, k, cur, p.ValueExpression, p.SubAttributeName(), op, value)
	}
	sub := p.AttributePath.SubAttributeName() // attr.sub
	if sub == "" {
		setField(holder, k, op, value)
		return nil
	}
	switch c := cur.(type) {
	case nil:
		if op != "remove" {
			holder[k] = map[string]any{sub: value}
		}
	case map[string]any:
		sk, _, _ := field(c, sub)
		setField(c, sk, op, value)
	case []any:
		for _, el := range c {
			if m, ok := el.(map[string]any); ok {
				sk, _, _ := field(m, sub)
				setField(m, sk, op, value)
			}
		}
	default:
		return errNoTarget
	}
	return nil
}

// setField performs op on obj[k]: an add appends to a list or merges into
// an object, a replace overwrites, a remove deletes.
func setField(obj map[string]any, k, op string, value any) {
	switch op {
	case "remove":
		delete(obj, k)
		return
	case "add":
		if l, ok := obj[k].([]any); ok {
			if more, ok := value.([]any); ok {
				obj[k] = append(l, more...)
				return
			}
		}
		if m, ok := obj[k].(map[string]any); ok {
			if more, ok := value.(map[string]any); ok {
				mergeInto(m, more)
				return
			}
		}
	}
	obj[k] = value
}

// patchSelected performs op on the elements of the multi-valued attribute
// holder[k] that sel selects (their sub-attribute sub, when set).
func patchSelected(holder map[string]any, k string, cur any, sel filter.Expression, sub, op string, value any) error {
	list, ok := cur.([]any)
	if cur != nil && !ok {
		return errNoTarget
	}
	kept := make([]any, 0, len(list)+1)
	hit := false
	for _, el := range list {
		m, isObj := el.(map[string]any)
		if !isObj || !matches(sel, m) {
			kept = append(kept, el)
			continue
		}
		hit = true
		switch {
		case sub != "":
			sk, _, _ := field(m, sub)
			setField(m, sk, op, value)
		case op == "remove":
			continue
		default:
			v, ok := value.(map[string]any)
			if !ok {
				return errNoTarget
			}
			if op == "replace" {
				clear(m)
			}
			mergeInto(m, v)
		}
		kept = append(kept, m)
	}
	if !hit && op != "remove" {
		el, ok := eqComparisons(sel)
		if !ok {
			return errNoTarget
		}
		if sub != "" {
			el[sub] = value
		} else if v, ok := value.(map[string]any); ok {
			mergeInto(el, v)
		} else {
			return errNoTarget
		}
		kept = append(kept, el)
	}
	holder[k] = kept
	return nil
}

// eqComparisons turns `a eq x and b eq y` into {a: x, b: y}; any other
// filter cannot describe a new element.
func eqComparisons(e filter.Expression) (map[string]any, bool) {
	out := map[string]any{}
	var walk func(filter.Expression) bool
	walk = func(e filter.Expression) bool {
		switch x := e.(type) {
		case *filter.AttributeExpression:
			if x.Operator != filter.EQ || x.AttributePath.SubAttribute != nil {
				return false
			}
			out[x.AttributePath.AttributeName] = x.CompareValue
			return true
		case *filter.LogicalExpression:
			return x.Operator == filter.AND && walk(x.Left) && walk(x.Right)
		}
		return false
	}
	return out, walk(e)
}
