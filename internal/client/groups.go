package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// Group is the published Group object.
type Group struct {
	ID                string `json:"id,omitempty"`
	Name              string `json:"name"`
	ExternalID        string `json:"externalId,omitempty"`
	Attribute         string `json:"attribute,omitempty"`
	Type              string `json:"type,omitempty"`
	Created           string `json:"created,omitempty"`
	LastModified      string `json:"lastModified,omitempty"`
	DirectoryDesynced bool   `json:"directoryDesynced,omitempty"`
}

// GroupParms is the published create/update body. On update an empty string
// removes externalId or attribute, so both are always sent.
type GroupParms struct {
	Name       string  `json:"name,omitempty"`
	ExternalID *string `json:"externalId,omitempty"`
	Attribute  *string `json:"attribute,omitempty"`
}

// SearchByAttribute is one search criterion of SearchParms.
type SearchByAttribute struct {
	Name     string `json:"name"`
	Operator string `json:"operator"`
	Value    string `json:"value,omitempty"`
}

// SearchParms is the published paged-search body.
type SearchParms struct {
	// Attributes names non-core attributes to include (users search only).
	Attributes         []string            `json:"attributes,omitempty"`
	Cursor             string              `json:"cursor,omitempty"`
	Limit              int                 `json:"limit,omitempty"`
	SearchByAttributes []SearchByAttribute `json:"searchByAttributes,omitempty"`
}

// Paging is the published page descriptor.
type Paging struct {
	Limit      int    `json:"limit"`
	NextCursor string `json:"nextCursor,omitempty"`
	PrevCursor string `json:"prevCursor,omitempty"`
}

func groupPath(id string) string { return "/api/web/v1/groups/" + url.PathEscape(id) }

// CreateGroup: POST /api/web/v1/groups. A 409 names the group of that name
// or externalId (*ExistsError); a retried create answered 409 adopts the
// group if it matches (see createOrAdopt).
func (c *Client) CreateGroup(ctx context.Context, p GroupParms) (*Group, error) {
	return createOrAdopt(ctx, "group", func(ctx context.Context) (*Group, error) {
		var g Group
		return &g, c.do(ctx, http.MethodPost, "/api/web/v1/groups", p, &g)
	}, func(ctx context.Context) (found[Group], bool) { return c.findGroup(ctx, p) })
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// GetGroup: GET /api/web/v1/groups/{id}.
func (c *Client) GetGroup(ctx context.Context, id string) (*Group, error) {
	var g Group
	return &g, c.do(ctx, http.MethodGet, groupPath(id), nil, &g)
}

// UpdateGroup: PUT /api/web/v1/groups/{id}.
func (c *Client) UpdateGroup(ctx context.Context, id string, p GroupParms) (*Group, error) {
	var g Group
	return &g, c.do(ctx, http.MethodPut, groupPath(id), p, &g)
}

// DeleteGroup: DELETE /api/web/v1/groups/{id}.
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, groupPath(id), nil, nil)
}

// GetGroupByExternalID: POST /api/web/v1/groups/externalid.
func (c *Client) GetGroupByExternalID(ctx context.Context, externalID string) (*Group, error) {
	var g Group
	return &g, c.do(ctx, http.MethodPost, "/api/web/v1/groups/externalid", map[string]string{"id": externalID}, &g)
}

// SearchGroups: POST /api/web/v1/groupspaged, following cursors to the end.
func (c *Client) SearchGroups(ctx context.Context, criteria ...SearchByAttribute) ([]Group, error) {
	var all []Group
	for gs, err := range c.GroupPages(ctx, SearchParms{SearchByAttributes: criteria}) {
		if err != nil {
			return nil, err
		}
		all = append(all, gs...)
	}
	return all, nil
}

// FindGroupByName returns the group whose name is exactly name, or a
// *NotFoundError.
func (c *Client) FindGroupByName(ctx context.Context, name string) (*Group, error) {
	gs, err := c.SearchGroups(ctx, SearchByAttribute{Name: "name", Operator: "EQUALS", Value: name})
	if err != nil {
		return nil, err
	}
	for i := range gs {
		if gs[i].Name == name {
			return &gs[i], nil
		}
	}
	return nil, &NotFoundError{Message: fmt.Sprintf("no group is named %q", name)}
}
