// Package seed fills a tenant through its admin API before anyone uses it:
// the emulator's -seed.
//
// A seed file is JSON holding what a directory synchronization leaves in a
// tenant: custom user attributes, groups and users, the users' groups and
// attribute values named rather than referenced by id:
//
//	{
//	  "attributes": [{"name": "Cost Centre"}],
//	  "groups": [{"name": "AWS Administrators", "externalId": "CN=AWS Administrators,OU=Groups,DC=example,DC=com"}],
//	  "users": [{
//	    "userId": "jane@example.com", "externalId": "6f1c...", "firstName": "Jane", "lastName": "Doe",
//	    "email": "jane@example.com", "state": "ACTIVE",
//	    "groups": ["AWS Administrators"], "attributes": {"Cost Centre": "CC-1042"}
//	  }]
//	}
//
// Every name a user gives must be defined in the file (groups) or be a
// custom attribute the file defines; unknown fields are errors, so that a
// misspelt key is not silently dropped.
package seed

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// Directory is a seed file's content.
type Directory struct {
	Attributes []Attribute `json:"attributes"`
	Groups     []Group     `json:"groups"`
	Users      []User      `json:"users"`
}

// Attribute is a custom user attribute.
type Attribute struct {
	Name string `json:"name"`
}

// Group is a group as a directory sync makes it.
type Group struct {
	Name       string `json:"name"`
	ExternalID string `json:"externalId,omitempty"`
}

// User is a user as a directory sync makes it.
type User struct {
	UserID     string            `json:"userId"`
	ExternalID string            `json:"externalId,omitempty"`
	FirstName  string            `json:"firstName,omitempty"`
	LastName   string            `json:"lastName,omitempty"`
	Email      string            `json:"email,omitempty"`
	State      string            `json:"state,omitempty"` // ACTIVE (default) or INACTIVE
	Groups     []string          `json:"groups,omitempty"`
	Attributes map[string]string `json:"attributes,omitempty"`
}

// Load reads and checks a seed file.
func Load(path string) (*Directory, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("seed file %s: %w", path, err)
	}
	return d, nil
}

// Parse decodes and checks a seed file's content.
func Parse(raw []byte) (*Directory, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var d Directory
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("not a seed file (JSON of attributes, groups and users): %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON object")
	}
	return &d, d.check()
}

func (d *Directory) check() error {
	attrs, groups, users := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i, a := range d.Attributes {
		k := strings.ToLower(strings.TrimSpace(a.Name))
		if k == "" || attrs[k] {
			return fmt.Errorf("attributes[%d]: the name %q is empty or repeated", i, a.Name)
		}
		attrs[k] = true
	}
	for i, g := range d.Groups {
		k := strings.ToLower(strings.TrimSpace(g.Name))
		if k == "" || groups[k] {
			return fmt.Errorf("groups[%d]: the name %q is empty or repeated", i, g.Name)
		}
		groups[k] = true
	}
	for i, u := range d.Users {
		k := strings.ToLower(strings.TrimSpace(u.UserID))
		if k == "" || users[k] {
			return fmt.Errorf("users[%d]: the userId %q is empty or repeated", i, u.UserID)
		}
		users[k] = true
		if u.State != "" && u.State != "ACTIVE" && u.State != "INACTIVE" {
			return fmt.Errorf("users[%d] (%s): state %q is neither ACTIVE nor INACTIVE", i, u.UserID, u.State)
		}
		for _, g := range u.Groups {
			if !groups[strings.ToLower(strings.TrimSpace(g))] {
				return fmt.Errorf("users[%d] (%s): group %q is not in the file's groups", i, u.UserID, g)
			}
		}
		for a := range u.Attributes {
			if !attrs[strings.ToLower(strings.TrimSpace(a))] {
				return fmt.Errorf("users[%d] (%s): attribute %q is not in the file's attributes", i, u.UserID, a)
			}
		}
	}
	return nil
}

// Apply creates the directory's attributes, groups and users in the tenant
// through c, as a directory synchronization would.
func (d *Directory) Apply(ctx context.Context, c *client.Client) error {
	attrIDs, groupIDs := map[string]string{}, map[string]string{}
	key := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	for _, a := range d.Attributes {
		out, err := c.CreateUserAttribute(ctx, client.UserAttributeParms{Name: a.Name})
		if err != nil {
			return fmt.Errorf("attribute %s: %w", a.Name, err)
		}
		attrIDs[key(a.Name)] = out.ID
	}
	for _, g := range d.Groups {
		p := client.GroupParms{Name: g.Name}
		if g.ExternalID != "" {
			p.ExternalID = &g.ExternalID
		}
		out, err := c.CreateGroup(ctx, p)
		if err != nil {
			return fmt.Errorf("group %s: %w", g.Name, err)
		}
		groupIDs[key(g.Name)] = out.ID
	}
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	for _, u := range d.Users {
		p := client.UserParms{UserID: u.UserID, ExternalID: opt(u.ExternalID), FirstName: opt(u.FirstName), LastName: opt(u.LastName),
			Email: opt(u.Email), State: u.State}
		if len(u.Attributes) > 0 {
			vals := make([]client.UserAttributeValue, 0, len(u.Attributes))
			for name, v := range u.Attributes {
				vals = append(vals, client.UserAttributeValue{UserAttributeID: attrIDs[key(name)], Value: v})
			}
			p.UserAttributeValues = &vals
		}
		out, err := c.CreateUser(ctx, p)
		if err != nil {
			return fmt.Errorf("user %s: %w", u.UserID, err)
		}
		if len(u.Groups) > 0 {
			ids := make([]string, 0, len(u.Groups))
			for _, g := range u.Groups {
				ids = append(ids, groupIDs[key(g)])
			}
			if err := c.SetUserGroups(ctx, out.ID, ids); err != nil {
				return fmt.Errorf("groups of user %s: %w", u.UserID, err)
			}
		}
	}
	return nil
}
