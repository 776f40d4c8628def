package scim

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"

	filter "github.com/scim2/filter-parser/v2"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim/scimpath"
)

// MaxMembersPerPatch is how many member changes one group PATCH carries.
const MaxMembersPerPatch = 100

const patchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

// User is a SCIM user: typed common fields plus every attribute as returned.
type User struct {
	ID          string
	ExternalID  string
	UserName    string
	DisplayName string
	Active      *bool
	// Attributes is the whole resource as the server returned it.
	Attributes map[string]any
	// Adopted is set by CreateUser when the user already existed.
	Adopted bool
}

// Get reads an attribute path such as `emails[type eq "work"].value`.
func (u User) Get(path string) (any, bool) { return scimpath.Get(u.Attributes, path) }

// Group is a SCIM group. Members is empty in AWS mode (AWS never lists
// them); use GroupMembers.
type Group struct {
	ID          string
	DisplayName string
	ExternalID  string
	Members     []string
	Attributes  map[string]any
	Adopted     bool
}

// PatchOp is one SCIM PATCH operation.
type PatchOp struct {
	Op    string `json:"op"`
	Path  string `json:"path,omitempty"`
	Value any    `json:"value,omitempty"`
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func userFrom(m map[string]any) User {
	u := User{ID: str(m, "id"), ExternalID: str(m, "externalId"), UserName: str(m, "userName"), DisplayName: str(m, "displayName"), Attributes: m}
	switch a := m["active"].(type) {
	case bool:
		u.Active = &a
	case string:
		if b, err := strconv.ParseBool(a); err == nil {
			u.Active = &b
		}
	}
	return u
}

func groupFrom(m map[string]any) Group {
	g := Group{ID: str(m, "id"), DisplayName: str(m, "displayName"), ExternalID: str(m, "externalId"), Attributes: m}
	for _, v := range scimpath.Values(m, mustAttr("members.value")) {
		if s, ok := v.(string); ok {
			g.Members = append(g.Members, s)
		}
	}
	return g
}

func mustAttr(p string) filter.AttributePath {
	parsed, err := scimpath.Parse(p)
	if err != nil {
		panic(err)
	}
	return parsed.AttributePath
}

// BuildUser turns attribute paths (`displayName`, `name.givenName`,
// `emails[type eq "work"].value`, `urn:...:enterprise:2.0:User:department`,
// ...) and their values into a user resource body. The first email is made
// primary when none is (AWS requires it). Nil values are skipped.
func BuildUser(attrs map[string]any) (map[string]any, error) {
	body := map[string]any{}
	for _, p := range slices.Sorted(maps.Keys(attrs)) {
		if attrs[p] == nil {
			continue
		}
		if err := scimpath.Apply(body, "add", p, attrs[p]); err != nil {
			return nil, fmt.Errorf("scim: attribute %q: %w", p, err)
		}
	}
	if emails, ok := body["emails"].([]any); ok && len(emails) > 0 {
		hasPrimary := false
		for _, e := range emails {
			if m, ok := e.(map[string]any); ok && m["primary"] == true {
				hasPrimary = true
			}
		}
		if m, ok := emails[0].(map[string]any); ok && !hasPrimary {
			m["primary"] = true
		}
	}
	schemas := []any{scimpath.CoreUserSchema}
	if _, ok := body[scimpath.EnterpriseUser]; ok {
		schemas = append(schemas, scimpath.EnterpriseUser)
	}
	body["schemas"] = schemas
	return body, nil
}

// Diff compares a resource with desired attribute-path values and returns
// the minimal PATCH: one replace per differing path (a remove when the
// desired value is nil and the attribute is set). Every op has a path, as
// AWS requires. userName and active are never removed.
func Diff(current map[string]any, desired map[string]any) []PatchOp {
	var ops []PatchOp
	for _, p := range slices.Sorted(maps.Keys(desired)) {
		want := desired[p]
		have, ok := scimpath.Get(current, p)
		switch {
		case want == nil && ok && have != nil && p != "userName" && p != "active":
			ops = append(ops, PatchOp{Op: "remove", Path: p})
		case want != nil && (!ok || !sameJSON(have, want)):
			ops = append(ops, PatchOp{Op: "replace", Path: p, Value: want})
		}
	}
	return ops
}

func sameJSON(a, b any) bool {
	norm := func(v any) any {
		var out any
		data, _ := json.Marshal(v)
		_ = json.Unmarshal(data, &out)
		return out
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

func filterEq(attr, value string) string {
	return fmt.Sprintf("%s eq %s", attr, strconv.Quote(value))
}

// list fetches every resource a filter matches: by cursor in AWS mode, by
// startIndex otherwise.
func (c *Client) list(ctx context.Context, kind, filter string) ([]map[string]any, error) {
	var all []map[string]any
	cursor, start := "", 1
	for {
		q := url.Values{"count": {"100"}}
		if filter != "" {
			q.Set("filter", filter)
		}
		raw := ""
		if c.cfg.AWSMode {
			raw = q.Encode() + "&cursor"
			if cursor != "" {
				raw += "=" + url.QueryEscape(cursor)
			}
		} else {
			q.Set("startIndex", strconv.Itoa(start))
			raw = q.Encode()
		}
		var page struct {
			TotalResults int              `json:"totalResults"`
			NextCursor   string           `json:"nextCursor"`
			Resources    []map[string]any `json:"Resources"`
		}
		if _, err := c.do(ctx, http.MethodGet, kind, raw, nil, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Resources...)
		if c.cfg.AWSMode {
			if page.NextCursor == "" || len(page.Resources) == 0 {
				return all, nil
			}
			cursor = page.NextCursor
			continue
		}
		start += len(page.Resources)
		if len(page.Resources) == 0 || len(all) >= page.TotalResults {
			return all, nil
		}
	}
}

// getAs reads one resource and converts it.
func getAs[T any](ctx context.Context, c *Client, kind, id string, conv func(map[string]any) T) (T, error) {
	var out map[string]any
	if _, err := c.do(ctx, http.MethodGet, kind+"/"+url.PathEscape(id), "", nil, &out); err != nil {
		var zero T
		return zero, err
	}
	return conv(out), nil
}

// findAs returns the first resource whose attr equals value, or nil.
func findAs[T any](ctx context.Context, c *Client, kind, attr, value string, conv func(map[string]any) T) (*T, error) {
	m, err := c.findOne(ctx, kind, filterEq(attr, value))
	if err != nil || m == nil {
		return nil, err
	}
	v := conv(m)
	return &v, nil
}

// listAs lists every matching resource and converts them.
func listAs[T any](ctx context.Context, c *Client, kind, filter string, conv func(map[string]any) T) ([]T, error) {
	items, err := c.list(ctx, kind, filter)
	out := make([]T, len(items))
	for i, m := range items {
		out[i] = conv(m)
	}
	return out, err
}

// findOne returns the first resource a filter matches, or nil.
func (c *Client) findOne(ctx context.Context, kind, filter string) (map[string]any, error) {
	q := url.Values{"filter": {filter}, "count": {"1"}}
	var page struct {
		Resources []map[string]any `json:"Resources"`
	}
	if _, err := c.do(ctx, http.MethodGet, kind, q.Encode(), nil, &page); err != nil {
		return nil, err
	}
	if len(page.Resources) == 0 {
		return nil, nil
	}
	return page.Resources[0], nil
}

func patchBody(ops []PatchOp) map[string]any {
	return map[string]any{"schemas": []string{patchSchema}, "Operations": ops}
}
