package scim

import (
	"context"
	"net/http"
	"net/url"
)

// CreateUser creates a user from a resource body (see BuildUser). On 409 it
// adopts the existing user, found by externalId and then userName, and
// replaces it with body when they differ; the result then has Adopted set.
func (c *Client) CreateUser(ctx context.Context, body map[string]any) (User, error) {
	var out map[string]any
	_, err := c.do(ctx, http.MethodPost, "Users", "", body, &out)
	if err == nil {
		u := userFrom(out)
		c.remember(u.ID)
		return u, nil
	}
	if !IsConflict(err) {
		return User{}, err
	}
	existing, ferr := c.findUserFor(ctx, body)
	if ferr != nil || existing == nil {
		if ferr != nil {
			return User{}, ferr
		}
		return User{}, err
	}
	c.remember(existing.ID)
	if differs(existing.Attributes, body) {
		u, err := c.ReplaceUser(ctx, existing.ID, body)
		u.Adopted = true
		return u, err
	}
	existing.Adopted = true
	return *existing, nil
}

// findUserFor looks up the user a create body collided with.
func (c *Client) findUserFor(ctx context.Context, body map[string]any) (*User, error) {
	if ext := str(body, "externalId"); ext != "" {
		if u, err := c.FindUserByExternalID(ctx, ext); err != nil || u != nil {
			return u, err
		}
	}
	if name := str(body, "userName"); name != "" {
		return c.FindUserByUserName(ctx, name)
	}
	return nil, nil
}

// differs reports whether any top-level attribute of want differs in have.
func differs(have, want map[string]any) bool {
	for k, v := range want {
		if k == "schemas" {
			continue
		}
		if !sameJSON(have[k], v) {
			return true
		}
	}
	return false
}

// GetUser reads a user.
func (c *Client) GetUser(ctx context.Context, id string) (User, error) {
	return getAs(ctx, c, "Users", id, userFrom)
}

// FindUserByExternalID returns the user with that externalId, or nil.
func (c *Client) FindUserByExternalID(ctx context.Context, externalID string) (*User, error) {
	return findAs(ctx, c, "Users", "externalId", externalID, userFrom)
}

// FindUserByUserName returns the user with that userName, or nil.
func (c *Client) FindUserByUserName(ctx context.Context, userName string) (*User, error) {
	return findAs(ctx, c, "Users", "userName", userName, userFrom)
}

// ListUsers returns every user matching filter ("" for all), following
// every page.
func (c *Client) ListUsers(ctx context.Context, filter string) ([]User, error) {
	return listAs(ctx, c, "Users", filter, userFrom)
}

// PatchUser applies ops and returns the user as the server answered (read
// back when it answered 204).
func (c *Client) PatchUser(ctx context.Context, id string, ops []PatchOp) (User, error) {
	if len(ops) == 0 {
		return c.GetUser(ctx, id)
	}
	var out map[string]any
	status, err := c.do(ctx, http.MethodPatch, "Users/"+url.PathEscape(id), "", patchBody(ops), &out)
	if err != nil {
		return User{}, err
	}
	if status == http.StatusNoContent || out == nil {
		return c.GetUser(ctx, id)
	}
	return userFrom(out), nil
}

// ReplaceUser replaces a user with body (PUT).
func (c *Client) ReplaceUser(ctx context.Context, id string, body map[string]any) (User, error) {
	var out map[string]any
	if _, err := c.do(ctx, http.MethodPut, "Users/"+url.PathEscape(id), "", body, &out); err != nil {
		return User{}, err
	}
	return userFrom(out), nil
}

// DeleteUser deletes a user; a user already gone is not an error.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	return c.deleteResource(ctx, "Users/"+url.PathEscape(id))
}

func (c *Client) deleteResource(ctx context.Context, path string) error {
	_, err := c.do(ctx, http.MethodDelete, path, "", nil, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}
