package client

import (
	"context"
	"net/http"
	"net/url"
)

// User is the subset of the published User object the provider uses.
type User struct {
	ID                  string               `json:"id,omitempty"`
	UserID              string               `json:"userId"`
	ExternalID          string               `json:"externalId,omitempty"`
	FirstName           string               `json:"firstName,omitempty"`
	LastName            string               `json:"lastName,omitempty"`
	Email               string               `json:"email,omitempty"`
	Mobile              string               `json:"mobile,omitempty"`
	Phone               string               `json:"phone,omitempty"`
	Locale              string               `json:"locale,omitempty"`
	State               string               `json:"state,omitempty"`
	Type                string               `json:"type,omitempty"`
	UserPrincipalName   string               `json:"userPrincipalName,omitempty"`
	Groups              []Group              `json:"groups,omitempty"`
	UserAttributeValues []UserAttributeValue `json:"userAttributeValues,omitempty"`
	UserCreationTime    string               `json:"userCreationTime,omitempty"`
	LastModified        string               `json:"lastModified,omitempty"`
}

// UserAttributeValue is the published value of a custom user attribute.
type UserAttributeValue struct {
	ID              string         `json:"id,omitempty"`
	UserAttributeID string         `json:"userAttributeId"`
	Value           string         `json:"value"`
	UserAttribute   *UserAttribute `json:"userAttribute,omitempty"`
}

// UserParms is the body of the project-defined user create and modify calls,
// named and shaped after the published API's UserParms. On modify, empty
// strings clear optional values and userAttributeValues replaces the user's
// custom attribute values.
type UserParms struct {
	UserID     string  `json:"userId,omitempty"`
	ExternalID *string `json:"externalId,omitempty"`
	FirstName  *string `json:"firstName,omitempty"`
	LastName   *string `json:"lastName,omitempty"`
	Email      *string `json:"email,omitempty"`
	Mobile     *string `json:"mobile,omitempty"`
	Phone      *string `json:"phone,omitempty"`
	Locale     *string `json:"locale,omitempty"`
	State      string  `json:"state,omitempty"`
	// UserAttributeValues, when not nil, replaces the user's custom
	// attribute values.
	UserAttributeValues *[]UserAttributeValue `json:"userAttributeValues,omitempty"`
}

func userPath(id string) string { return "/api/web/v3/users/" + url.PathEscape(id) }

// CreateUser: POST /api/web/v3/users (project-defined). A 409 names the user
// with that userId (*ExistsError); a retried create answered 409 adopts it if
// it matches (see createOrAdopt).
func (c *Client) CreateUser(ctx context.Context, p UserParms) (*User, error) {
	return createOrAdopt(ctx, "user", func(ctx context.Context) (*User, error) {
		var u User
		return &u, c.do(ctx, http.MethodPost, "/api/web/v3/users", p, &u)
	}, func(ctx context.Context) (found[User], bool) { return c.findUser(ctx, p) })
}

// GetUser: GET /api/web/v3/users/{id} (project-defined); the answer lists the
// user's groups.
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	var u User
	return &u, c.do(ctx, http.MethodGet, userPath(id), nil, &u)
}

// GetUserByUserID: POST /api/web/v3/users/userid (published).
func (c *Client) GetUserByUserID(ctx context.Context, userID string) (*User, error) {
	var u User
	return &u, c.do(ctx, http.MethodPost, "/api/web/v3/users/userid", map[string]string{"userId": userID}, &u)
}

// UpdateUser: PUT /api/web/v3/users/{id} (project-defined); no body
// answered. The user is read back (GetUser) and returned.
func (c *Client) UpdateUser(ctx context.Context, id string, p UserParms) (*User, error) {
	return putThenGet(ctx, c, userPath(id), p, func(ctx context.Context) (*User, error) { return c.GetUser(ctx, id) })
}

// DeleteUser: DELETE /api/web/v3/users/{id} (project-defined).
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, userPath(id), nil, nil)
}

// SetUserGroups: PUT /api/web/v1/userauthorizationgroup/{userid}/groups
// (published): the user's groups become exactly groupIDs. No body answered.
// It waits for any ChangeUserGroups of the same user through this Client.
func (c *Client) SetUserGroups(ctx context.Context, userUUID string, groupIDs []string) error {
	defer c.userLocks.lock(userUUID)()
	return c.setUserGroups(ctx, userUUID, groupIDs)
}

func (c *Client) setUserGroups(ctx context.Context, userUUID string, groupIDs []string) error {
	if groupIDs == nil {
		groupIDs = []string{}
	}
	return c.do(ctx, http.MethodPut, "/api/web/v1/userauthorizationgroup/"+url.PathEscape(userUUID)+"/groups", groupIDs, nil)
}
