package client

import (
	"context"
	"fmt"
	"net/http"
)

// Endpoints used in this file (published, v5.46):
//
//	GET /api/web/v1/applicationinfo          every application -> []ApplicationInfo
//	GET /api/web/v1/applications/templates   application templates -> []ApplicationTemplate

// ApplicationInfo is the published ApplicationInfo.
type ApplicationInfo struct {
	ID                    string `json:"id"`
	Name                  string `json:"name"`
	ApplicationTemplate   string `json:"applicationTemplate"`
	ApplicationTemplateID string `json:"applicationTemplateId"`
	AuthenticationMethod  string `json:"authenticationMethod"`
}

// ApplicationTemplate is the published ApplicationTemplate.
type ApplicationTemplate struct {
	ID                   string `json:"id"`
	Name                 string `json:"name"`
	Description          string `json:"description,omitempty"`
	AuthenticationMethod string `json:"authenticationMethod"`
}

// AuthenticationMethodSAML is the authenticationMethod of SAML 2.0
// applications and templates.
const AuthenticationMethodSAML = "SAML20"

// ListApplicationInfo: GET /api/web/v1/applicationinfo.
func (c *Client) ListApplicationInfo(ctx context.Context) ([]ApplicationInfo, error) {
	var out []ApplicationInfo
	return out, c.do(ctx, http.MethodGet, "/api/web/v1/applicationinfo", nil, &out)
}

// ListApplicationTemplates: GET /api/web/v1/applications/templates.
func (c *Client) ListApplicationTemplates(ctx context.Context) ([]ApplicationTemplate, error) {
	var out []ApplicationTemplate
	return out, c.do(ctx, http.MethodGet, "/api/web/v1/applications/templates", nil, &out)
}

// FindApplicationTemplate returns the template named exactly name, or a
// *NotFoundError (with the names there are).
func (c *Client) FindApplicationTemplate(ctx context.Context, name string) (*ApplicationTemplate, []ApplicationTemplate, error) {
	ts, err := c.ListApplicationTemplates(ctx)
	if err != nil {
		return nil, nil, err
	}
	for i := range ts {
		if ts[i].Name == name {
			return &ts[i], ts, nil
		}
	}
	return nil, ts, &NotFoundError{Message: fmt.Sprintf("no application template is named %q", name)}
}
