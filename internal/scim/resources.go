package scim

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	filter "github.com/scim2/filter-parser/v2"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim/scimpath"
)

// User is a SCIM user: typed common fields plus every attribute as returned.
type User struct {
	ID          string
	ExternalID  string
	UserName    string
	DisplayName string
	Active      *bool
	// Attributes is the whole resource as the server returned it.
	Attributes map[string]any
	// Adopted is set by the stand-in's CreateUser (internal/emulator/scimwrite)
	// when the user already existed.
	Adopted bool
}

// Get reads an attribute path such as `emails[type eq "work"].value`.
func (u User) Get(path string) (any, bool) { return scimpath.Get(u.Attributes, path) }

// Group is a SCIM group. Members is empty in AWS mode (AWS never lists
// them; the provider asks with a groups.value filter on users instead).
type Group struct {
	ID          string
	DisplayName string
	ExternalID  string
	Members     []string
	Attributes  map[string]any
	Adopted     bool
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// UserFrom reads a user resource as the server returned it.
func UserFrom(m map[string]any) User {
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

// GroupFrom reads a group resource as the server returned it.
func GroupFrom(m map[string]any) Group {
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
		if _, err := c.Do(ctx, http.MethodGet, kind, raw, nil, &page); err != nil {
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

// listAs lists every matching resource and converts them.
func listAs[T any](ctx context.Context, c *Client, kind, filter string, conv func(map[string]any) T) ([]T, error) {
	items, err := c.list(ctx, kind, filter)
	out := make([]T, len(items))
	for i, m := range items {
		out[i] = conv(m)
	}
	return out, err
}

// ListUsers returns every user matching filter ("" for all), following
// every page.
func (c *Client) ListUsers(ctx context.Context, filter string) ([]User, error) {
	return listAs(ctx, c, "Users", filter, UserFrom)
}

// ListGroups returns every group matching filter ("" for all), following
// every page. In AWS mode their Members are empty.
func (c *Client) ListGroups(ctx context.Context, filter string) ([]Group, error) {
	return listAs(ctx, c, "Groups", filter, GroupFrom)
}
