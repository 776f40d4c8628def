package scimwrite

import (
	"context"
	"net/http"
	"net/url"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

// CreateUser creates a user from a resource body (see BuildUser). On 409 it
// adopts the existing user, found by externalId and then userName, and
// replaces it with body when they differ; the result then has Adopted set.
func (c *Client) CreateUser(ctx context.Context, body map[string]any) (User, error) {
	var out map[string]any
	_, err := c.Do(ctx, http.MethodPost, "Users", "", body, &out)
	if err == nil {
		u := scim.UserFrom(out)
		c.remember(u.ID)
		return u, nil
	}
	if !IsConflict(err) {
		return User{}, err
	}
	existing, ferr := c.findUserFor(ctx, body)
	if IsNoMatch(ferr) {
		return User{}, err
	}
	if ferr != nil {
		return User{}, ferr
	}
	c.remember(existing.ID)
	if differs(existing.Attributes, body) {
		u, err := c.ReplaceUser(ctx, existing.ID, body)
		u.Adopted = true
		return u, err
	}
	existing.Adopted = true
	return existing, nil
}

// findUserFor looks up the user a create body collided with, by
// externalId and then by userName.
func (c *Client) findUserFor(ctx context.Context, body map[string]any) (User, error) {
	if ext := str(body, "externalId"); ext != "" {
		if u, err := c.FindUserByExternalID(ctx, ext); !IsNoMatch(err) {
			return u, err
		}
	}
	return c.FindUserByUserName(ctx, str(body, "userName"))
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
	return getAs(ctx, c, "Users", id, scim.UserFrom)
}

// FindUserByExternalID returns the user with that externalId (a
// *NotFoundError when there is none).
func (c *Client) FindUserByExternalID(ctx context.Context, externalID string) (User, error) {
	return findAs(ctx, c, "Users", "externalId", externalID, scim.UserFrom)
}

// FindUserByUserName returns the user with that userName (a
// *NotFoundError when there is none).
func (c *Client) FindUserByUserName(ctx context.Context, userName string) (User, error) {
	return findAs(ctx, c, "Users", "userName", userName, scim.UserFrom)
}

// PatchUser applies ops and returns the user as the server answered (read
// back when it answered 204).
func (c *Client) PatchUser(ctx context.Context, id string, ops []PatchOp) (User, error) {
	if len(ops) == 0 {
		return c.GetUser(ctx, id)
	}
	var out map[string]any
	status, err := c.Do(ctx, http.MethodPatch, "Users/"+url.PathEscape(id), "", patchBody(ops), &out)
	if err != nil {
		return User{}, err
	}
	if status == http.StatusNoContent || out == nil {
		return c.GetUser(ctx, id)
	}
	return scim.UserFrom(out), nil
}

// ReplaceUser replaces a user with body (PUT).
func (c *Client) ReplaceUser(ctx context.Context, id string, body map[string]any) (User, error) {
	var out map[string]any
	if _, err := c.Do(ctx, http.MethodPut, "Users/"+url.PathEscape(id), "", body, &out); err != nil {
		return User{}, err
	}
	return scim.UserFrom(out), nil
}

// DeleteUser deletes a user; a user already gone is not an error.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	return c.deleteResource(ctx, "Users/"+url.PathEscape(id))
}

func (c *Client) deleteResource(ctx context.Context, path string) error {
	_, err := c.Do(ctx, http.MethodDelete, path, "", nil, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}
