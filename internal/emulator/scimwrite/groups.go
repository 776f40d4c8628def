package scimwrite

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim/scimpath"
)

// CreateGroup creates an empty group. On 409 it adopts the existing group,
// found by externalId and then displayName, and sets its externalId if it
// differs; the result then has Adopted set.
func (c *Client) CreateGroup(ctx context.Context, displayName, externalID string) (Group, error) {
	body := map[string]any{"schemas": []string{scimpath.CoreGroupSchema}, "displayName": displayName}
	if externalID != "" {
		body["externalId"] = externalID
	}
	var out map[string]any
	_, err := c.Do(ctx, http.MethodPost, "Groups", "", body, &out)
	if err == nil {
		g := scim.GroupFrom(out)
		c.remember(g.ID)
		return g, nil
	}
	if !IsConflict(err) {
		return Group{}, err
	}
	existing, ferr := c.findGroupFor(ctx, displayName, externalID)
	if IsNoMatch(ferr) {
		return Group{}, err
	}
	if ferr != nil {
		return Group{}, ferr
	}
	c.remember(existing.ID)
	existing.Adopted = true
	var ops []PatchOp
	if existing.DisplayName != displayName {
		ops = append(ops, PatchOp{Op: "replace", Path: "displayName", Value: displayName})
	}
	if externalID != "" && existing.ExternalID != externalID {
		ops = append(ops, PatchOp{Op: "replace", Path: "externalId", Value: externalID})
	}
	if err := c.patchGroup(ctx, existing.ID, ops); err != nil {
		return Group{}, err
	}
	existing.DisplayName = displayName
	if externalID != "" {
		existing.ExternalID = externalID
	}
	return existing, nil
}

// findGroupFor looks up the group a create collided with, by externalId
// and then by displayName.
func (c *Client) findGroupFor(ctx context.Context, displayName, externalID string) (Group, error) {
	if externalID != "" {
		if g, err := c.FindGroupByExternalID(ctx, externalID); !IsNoMatch(err) {
			return g, err
		}
	}
	return c.FindGroupByDisplayName(ctx, displayName)
}

// GetGroup reads a group (in AWS mode without members).
func (c *Client) GetGroup(ctx context.Context, id string) (Group, error) {
	return getAs(ctx, c, "Groups", id, scim.GroupFrom)
}

// FindGroupByDisplayName returns the group with that name (a
// *NotFoundError when there is none).
func (c *Client) FindGroupByDisplayName(ctx context.Context, name string) (Group, error) {
	return findAs(ctx, c, "Groups", "displayName", name, scim.GroupFrom)
}

// FindGroupByExternalID returns the group with that externalId (a
// *NotFoundError when there is none).
func (c *Client) FindGroupByExternalID(ctx context.Context, externalID string) (Group, error) {
	return findAs(ctx, c, "Groups", "externalId", externalID, scim.GroupFrom)
}

func (c *Client) patchGroup(ctx context.Context, id string, ops []PatchOp) error {
	if len(ops) == 0 {
		return nil
	}
	_, err := c.Do(ctx, http.MethodPatch, "Groups/"+url.PathEscape(id), "", patchBody(ops), nil)
	return err
}

// PatchGroupName renames a group.
func (c *Client) PatchGroupName(ctx context.Context, id, displayName string) error {
	return c.patchGroup(ctx, id, []PatchOp{{Op: "replace", Path: "displayName", Value: displayName}})
}

// AddMembers adds users to a group, MaxMembersPerPatch per request.
func (c *Client) AddMembers(ctx context.Context, groupID string, userIDs []string) error {
	return c.changeMembers(ctx, "add", groupID, userIDs)
}

// RemoveMembers removes users from a group, MaxMembersPerPatch per request.
func (c *Client) RemoveMembers(ctx context.Context, groupID string, userIDs []string) error {
	return c.changeMembers(ctx, "remove", groupID, userIDs)
}

func (c *Client) changeMembers(ctx context.Context, op, groupID string, userIDs []string) error {
	for chunk := range slices.Chunk(userIDs, MaxMembersPerPatch) {
		values := make([]map[string]string, len(chunk))
		for i, id := range chunk {
			values[i] = map[string]string{"value": id}
		}
		if err := c.patchGroup(ctx, groupID, []PatchOp{{Op: op, Path: "members", Value: values}}); err != nil {
			return fmt.Errorf("%s members of group %s: %w", op, groupID, err)
		}
	}
	return nil
}

// IsMember reports whether a user is in a group, asking with the filter
// `id eq "G" and members eq "U"`.
func (c *Client) IsMember(ctx context.Context, groupID, userID string) (bool, error) {
	f := filterEq("id", groupID) + " and " + filterEq("members", userID)
	_, err := c.findOne(ctx, "Groups", f)
	if IsNoMatch(err) {
		return false, nil
	}
	return err == nil, err
}

// GroupMembers returns which of candidateUserIDs are members of a group. In
// AWS mode, where group reads list no members, it asks once per candidate
// through a filter; otherwise it reads the group (and returns every member
// when candidateUserIDs is nil).
func (c *Client) GroupMembers(ctx context.Context, groupID string, candidateUserIDs []string) ([]string, error) {
	var out []string
	if c.awsMode {
		for _, u := range candidateUserIDs {
			ok, err := c.IsMember(ctx, groupID, u)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, u)
			}
		}
		return out, nil
	}
	g, err := c.GetGroup(ctx, groupID)
	if err != nil || candidateUserIDs == nil {
		return g.Members, err
	}
	for _, u := range candidateUserIDs {
		if slices.Contains(g.Members, u) {
			out = append(out, u)
		}
	}
	return out, nil
}

// DeleteGroup deletes a group; a group already gone is not an error.
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	return c.deleteResource(ctx, "Groups/"+url.PathEscape(id))
}
