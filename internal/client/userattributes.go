package client

import (
	"context"
	"net/http"
	"net/url"
)

// UserAttribute is the published UserAttribute object.
type UserAttribute struct {
	ID            string `json:"id,omitempty"`
	Name          string `json:"name"`
	Mandatory     bool   `json:"mandatory"`
	Unique        bool   `json:"unique"`
	SystemDefined bool   `json:"systemDefined"`
	Type          string `json:"type,omitempty"`
}

// UserAttributeParms is the published create/modify body.
type UserAttributeParms struct {
	Name      string `json:"name,omitempty"`
	Mandatory *bool  `json:"mandatory,omitempty"`
	Unique    *bool  `json:"unique,omitempty"`
	Type      string `json:"type,omitempty"`
}

func userAttributePath(id string) string { return "/api/web/v1/userattributes/" + url.PathEscape(id) }

// CreateUserAttribute: POST /api/web/v1/userattributes. A 409 names the
// attribute of that name (*ExistsError); a retried create answered 409
// adopts it if it matches (see createOrAdopt).
func (c *Client) CreateUserAttribute(ctx context.Context, p UserAttributeParms) (*UserAttribute, error) {
	return createOrAdopt(ctx, "user attribute", func(ctx context.Context) (*UserAttribute, error) {
		var a UserAttribute
		return &a, c.do(ctx, http.MethodPost, "/api/web/v1/userattributes", p, &a)
	}, func(ctx context.Context) (found[UserAttribute], bool) { return c.findUserAttribute(ctx, p) })
}

// GetUserAttribute: GET /api/web/v1/userattributes/{id}.
func (c *Client) GetUserAttribute(ctx context.Context, id string) (*UserAttribute, error) {
	var a UserAttribute
	return &a, c.do(ctx, http.MethodGet, userAttributePath(id), nil, &a)
}

// UpdateUserAttribute: PUT /api/web/v1/userattributes/{id}.
func (c *Client) UpdateUserAttribute(ctx context.Context, id string, p UserAttributeParms) (*UserAttribute, error) {
	var a UserAttribute
	return &a, c.do(ctx, http.MethodPut, userAttributePath(id), p, &a)
}

// DeleteUserAttribute: DELETE /api/web/v1/userattributes/{id}.
func (c *Client) DeleteUserAttribute(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, userAttributePath(id), nil, nil)
}

// ListUserAttributes: GET /api/web/v1/userattributes.
func (c *Client) ListUserAttributes(ctx context.Context) ([]UserAttribute, error) {
	var as []UserAttribute
	return as, c.do(ctx, http.MethodGet, "/api/web/v1/userattributes", nil, &as)
}

// UserAttributeTypes are the published UserAttribute types.
var UserAttributeTypes = []string{"NONE", "OTP_EMAIL", "OTP_SMS", "OTP_VOICE", "OTP_WECHAT", "OTP_WHATSAPP"}
