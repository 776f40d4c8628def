package client

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
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
// *NotFoundError that names the tenant's templates: those of method
// (AuthenticationMethodSAML), or all when method is "".
func (c *Client) FindApplicationTemplate(ctx context.Context, name, method string) (*ApplicationTemplate, error) {
	ts, err := c.ListApplicationTemplates(ctx)
	if err != nil {
		return nil, err
	}
	names := []string{}
	for i := range ts {
		if ts[i].Name == name {
			return &ts[i], nil
		}
		if method == "" || ts[i].AuthenticationMethod == method {
			names = append(names, strconv.Quote(ts[i].Name))
		}
	}
	kind := "Templates"
	if method == AuthenticationMethodSAML {
		kind = "SAML 2.0 templates"
	}
	return nil, &NotFoundError{Message: fmt.Sprintf("The tenant has no application template named %q. %s: %s.", name, kind, strings.Join(names, ", "))}
}

// FindSAMLApplicationByName returns the one SAML 2.0 application named
// exactly name: a *NotFoundError when there is none, a *SeveralMatchError
// naming their ids when there are more.
func (c *Client) FindSAMLApplicationByName(ctx context.Context, name string) (*SAMLApplication, error) {
	infos, err := c.ListApplicationInfo(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, a := range infos {
		if a.Name == name && a.AuthenticationMethod == AuthenticationMethodSAML {
			ids = append(ids, a.ID)
		}
	}
	switch len(ids) {
	case 0:
		return nil, &NotFoundError{Message: "The tenant has no SAML 2.0 application of that exact name."}
	case 1:
		return c.GetSAMLApplication(ctx, ids[0])
	}
	return nil, &SeveralMatchError{What: "SAML applications", Name: name, IDs: ids}
}
