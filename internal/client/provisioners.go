package client

import (
	"context"
	"net/http"
	"net/url"
)

// Provisioner is a SCIM provisioner (project-defined): it pushes the users
// of its groups (all users when it has none) to a SCIM 2.0 endpoint such as
// AWS IAM Identity Center's. The bearer token is write-only: it is never
// returned.
type Provisioner struct {
	ID             string   `json:"id,omitempty"`
	Name           string   `json:"name"`
	Type           string   `json:"type"` // "generic" or "aws"
	Enabled        bool     `json:"enabled"`
	GroupIDs       []string `json:"groupIds"`
	SCIMEndpoint   string   `json:"scimEndpoint"`
	TokenExpiresAt string   `json:"tokenExpiresAt,omitempty"`
	PushGroups     bool     `json:"pushGroups"`
	// Status is NEVER_SYNCED, or the status of the last synchronization.
	Status     string `json:"status,omitempty"`
	LastSyncAt string `json:"lastSyncAt,omitempty"`
}

// ProvisionerParms is the create and modify body. On modify, nil fields are
// left unchanged, an empty BearerToken keeps the token, and ScimEndpoint and
// Type must be unchanged (400 otherwise).
type ProvisionerParms struct {
	Name           string    `json:"name,omitempty"`
	Type           string    `json:"type,omitempty"`
	Enabled        *bool     `json:"enabled,omitempty"`
	GroupIDs       *[]string `json:"groupIds,omitempty"`
	SCIMEndpoint   string    `json:"scimEndpoint,omitempty"`
	BearerToken    string    `json:"bearerToken,omitempty"`
	TokenExpiresAt *string   `json:"tokenExpiresAt,omitempty"`
	PushGroups     *bool     `json:"pushGroups,omitempty"`
}

// AttributeMapping fills one SCIM user attribute from a user attribute (by
// name) or a constant value. IsDefault marks a mapping the provisioner was
// created with and nobody has changed since.
type AttributeMapping struct {
	SCIMAttribute   string `json:"scimAttribute"`
	UserAttribute   string `json:"userAttribute,omitempty"`
	UserAttributeID string `json:"userAttributeId,omitempty"`
	Value           string `json:"value,omitempty"`
	IsDefault       bool   `json:"isDefault,omitempty"`
}

// ProvisionerTestResult is the answer of "send test SCIM". ErrorCode is
// SCIM_TOKEN_REFUSED, SCIM_ENDPOINT_UNREACHABLE or SCIM_ERROR on failure.
type ProvisionerTestResult struct {
	Success   bool   `json:"success"`
	ErrorCode string `json:"errorCode,omitempty"`
	Message   string `json:"message,omitempty"`
}

// ProvisioningFailure is one user or group a synchronization could not push.
type ProvisioningFailure struct {
	UserID  string `json:"userId,omitempty"`
	GroupID string `json:"groupId,omitempty"`
	Message string `json:"message"`
}

// Operation statuses.
const (
	OperationRunning             = "RUNNING"
	OperationSucceeded           = "SUCCEEDED"
	OperationCompletedWithErrors = "COMPLETED_WITH_ERRORS"
	OperationFailed              = "FAILED"
)

// ProvisioningOperation is one synchronization.
type ProvisioningOperation struct {
	ID               string                `json:"id"`
	ProvisionerID    string                `json:"provisionerId"`
	Status           string                `json:"status"`
	Message          string                `json:"message,omitempty"`
	StartedAt        string                `json:"startedAt,omitempty"`
	FinishedAt       string                `json:"finishedAt,omitempty"`
	UsersCreated     int                   `json:"usersCreated"`
	UsersUpdated     int                   `json:"usersUpdated"`
	UsersDeactivated int                   `json:"usersDeactivated"`
	GroupsPushed     int                   `json:"groupsPushed"`
	Failures         []ProvisioningFailure `json:"failures"`
}

// Done reports whether the operation has finished.
func (o *ProvisioningOperation) Done() bool { return o.Status != OperationRunning }

func provisionerPath(id string) string { return "/api/web/v1/provisioners/" + url.PathEscape(id) }

func mappingPath(id, scimAttribute string) string {
	return provisionerPath(id) + "/mappings/" + url.PathEscape(scimAttribute)
}

// CreateProvisioner: POST /api/web/v1/provisioners. A 409 names the
// provisioner of that name (*ExistsError).
func (c *Client) CreateProvisioner(ctx context.Context, p ProvisionerParms) (*Provisioner, error) {
	return createOrAdopt(ctx, "provisioner", func(ctx context.Context) (*Provisioner, error) {
		var out Provisioner
		return &out, c.do(ctx, http.MethodPost, "/api/web/v1/provisioners", p, &out)
	}, func(ctx context.Context) (found[Provisioner], bool) { return c.findProvisioner(ctx, p) })
}

// GetProvisioner: GET /api/web/v1/provisioners/{id}.
func (c *Client) GetProvisioner(ctx context.Context, id string) (*Provisioner, error) {
	var out Provisioner
	return &out, c.do(ctx, http.MethodGet, provisionerPath(id), nil, &out)
}

// ListProvisioners: GET /api/web/v1/provisioners.
func (c *Client) ListProvisioners(ctx context.Context) ([]Provisioner, error) {
	var out []Provisioner
	return out, c.do(ctx, http.MethodGet, "/api/web/v1/provisioners", nil, &out)
}

// UpdateProvisioner: PUT /api/web/v1/provisioners/{id}, no body; the
// provisioner is read back (GetProvisioner) and returned.
func (c *Client) UpdateProvisioner(ctx context.Context, id string, p ProvisionerParms) (*Provisioner, error) {
	return putThenGet(ctx, c, provisionerPath(id), p, func(ctx context.Context) (*Provisioner, error) { return c.GetProvisioner(ctx, id) })
}

// DeleteProvisioner: DELETE /api/web/v1/provisioners/{id}.
func (c *Client) DeleteProvisioner(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, provisionerPath(id), nil, nil)
}

// TestProvisioner: POST /api/web/v1/provisioners/{id}/test ("send test
// SCIM").
func (c *Client) TestProvisioner(ctx context.Context, id string) (*ProvisionerTestResult, error) {
	var out ProvisionerTestResult
	return &out, c.do(ctx, http.MethodPost, provisionerPath(id)+"/test", nil, &out)
}

// SyncProvisioner: POST /api/web/v1/provisioners/{id}/sync starts a
// synchronization (or returns the one running).
func (c *Client) SyncProvisioner(ctx context.Context, id string) (*ProvisioningOperation, error) {
	var out ProvisioningOperation
	return &out, c.do(ctx, http.MethodPost, provisionerPath(id)+"/sync", nil, &out)
}

// GetProvisioningOperation: GET /api/web/v1/provisioners/{id}/operations/{opId}.
func (c *Client) GetProvisioningOperation(ctx context.Context, id, opID string) (*ProvisioningOperation, error) {
	var out ProvisioningOperation
	return &out, c.do(ctx, http.MethodGet, provisionerPath(id)+"/operations/"+url.PathEscape(opID), nil, &out)
}

// ListAttributeMappings: GET /api/web/v1/provisioners/{id}/mappings.
func (c *Client) ListAttributeMappings(ctx context.Context, id string) ([]AttributeMapping, error) {
	var out []AttributeMapping
	return out, c.do(ctx, http.MethodGet, provisionerPath(id)+"/mappings", nil, &out)
}

// CreateAttributeMapping: POST /api/web/v1/provisioners/{id}/mappings; 409
// MAPPING_ALREADY_EXISTS when the attribute is mapped.
func (c *Client) CreateAttributeMapping(ctx context.Context, id string, m AttributeMapping) (*AttributeMapping, error) {
	var out AttributeMapping
	return &out, c.do(ctx, http.MethodPost, provisionerPath(id)+"/mappings", m, &out)
}

// GetAttributeMapping: GET /api/web/v1/provisioners/{id}/mappings/{scimAttribute}.
func (c *Client) GetAttributeMapping(ctx context.Context, id, scimAttribute string) (*AttributeMapping, error) {
	var out AttributeMapping
	return &out, c.do(ctx, http.MethodGet, mappingPath(id, scimAttribute), nil, &out)
}

// UpdateAttributeMapping: PUT /api/web/v1/provisioners/{id}/mappings/{scimAttribute},
// no body; the mapping is read back (GetAttributeMapping) and returned.
func (c *Client) UpdateAttributeMapping(ctx context.Context, id string, m AttributeMapping) (*AttributeMapping, error) {
	return putThenGet(ctx, c, mappingPath(id, m.SCIMAttribute), m, func(ctx context.Context) (*AttributeMapping, error) {
		return c.GetAttributeMapping(ctx, id, m.SCIMAttribute)
	})
}

// DeleteAttributeMapping: DELETE /api/web/v1/provisioners/{id}/mappings/{scimAttribute}.
func (c *Client) DeleteAttributeMapping(ctx context.Context, id, scimAttribute string) error {
	return c.do(ctx, http.MethodDelete, mappingPath(id, scimAttribute), nil, nil)
}
