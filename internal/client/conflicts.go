package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ExistsError is a create the tenant refused with 409 because an object with
// the same unique key (a group's name or externalId, a user's userId or
// externalId, an application's name...) already exists. It names that
// object, so that a caller can tell the user how to adopt it instead of
// only repeating the API's message. The client never adopts such an object
// on its own (but see createOrAdopt for a create it retried).
type ExistsError struct {
	// Kind is what exists, in the API's words: "group", "user", "SAML
	// application"...
	Kind string
	// Key says which unique key clashed, e.g. `name "AWS Administrators"`.
	Key string
	// ID is the existing object's id (for a mapping: provisioner id and
	// SCIM attribute, "<provisionerId>/<scimAttribute>").
	ID string
	// Err is the tenant's 409 answer.
	Err *APIError
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("a %s with %s already exists (id %s): %v", e.Kind, e.Key, e.ID, e.Err)
}

func (e *ExistsError) Unwrap() error { return e.Err }

// AsExists returns the *ExistsError in err's chain, or nil.
func AsExists(err error) *ExistsError {
	var e *ExistsError
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// found is what a natural-key look-up after a 409 found: the object, its id,
// the key that clashed, and whether it is exactly what the create asked for.
type found[T any] struct {
	obj     *T
	id, key string
	matches bool
	// err is set when a look-up met a route the tenant does not serve
	// (*EndpointNotServedError): the 409 is then returned with it, not
	// as if nothing had been found.
	err error
}

// notServed is found's answer to a look-up that failed: err when the
// tenant does not serve the route, else nothing found.
func notServed[T any](err error) found[T] {
	if EndpointNotServed(err) {
		return found[T]{err: err}
	}
	return found[T]{}
}

// createOrAdopt runs a create. When the tenant answers 409 it looks the
// existing object up by its natural key with find, then:
//
//   - if the create had to be retried (its first attempt may have been
//     committed before its answer was lost) and the object is exactly what
//     was asked for, it adopts it: the create is then done once, even
//     against a tenant that ignores Idempotency-Key;
//   - otherwise it returns an *ExistsError naming the object. A 409 to a
//     create sent once is never adopted: the object may be someone else's.
//
// When find finds nothing (or fails), the 409 is returned as it is; when it
// met a route the tenant does not serve, with that error too.
func createOrAdopt[T any](ctx context.Context, kind string, create func(context.Context) (*T, error), find func(context.Context) (found[T], bool)) (*T, error) {
	retried := false
	obj, err := create(context.WithValue(ctx, retriedKey{}, &retried))
	var apiErr *APIError
	if err == nil || !Conflict(err) || !errors.As(err, &apiErr) {
		return obj, err
	}
	f, ok := find(ctx)
	if f.err != nil {
		return nil, fmt.Errorf("%w; looking up the existing object: %w", err, f.err)
	}
	if !ok {
		return obj, err
	}
	if retried && f.matches {
		return f.obj, nil
	}
	return nil, &ExistsError{Kind: kind, Key: f.key, ID: f.id, Err: apiErr}
}

// quoted is a key for ExistsError.Key: field "value".
func quoted(field, value string) string { return fmt.Sprintf("%s %q", field, value) }

// findGroup finds the group a create of p clashed with: by name
// (case-insensitively, as the tenant compares them), else by externalId.
func (c *Client) findGroup(ctx context.Context, p GroupParms) (found[Group], bool) {
	matches := func(g *Group) bool {
		return g.Name == p.Name && g.ExternalID == deref(p.ExternalID) && g.Attribute == deref(p.Attribute)
	}
	gs, err := c.SearchGroups(ctx, SearchByAttribute{Name: "name", Operator: "EQUALS", Value: p.Name})
	if EndpointNotServed(err) {
		return notServed[Group](err), false
	}
	for i := range gs {
		if strings.EqualFold(gs[i].Name, p.Name) {
			return found[Group]{obj: &gs[i], id: gs[i].ID, key: quoted("name", gs[i].Name), matches: matches(&gs[i])}, true
		}
	}
	if ext := deref(p.ExternalID); ext != "" {
		g, err := c.GetGroupByExternalID(ctx, ext)
		if err != nil {
			return notServed[Group](err), false
		}
		return found[Group]{obj: g, id: g.ID, key: quoted("externalId", ext), matches: matches(g)}, true
	}
	return found[Group]{}, false
}

// findUser finds the user a create of p clashed with: by userId, else by
// externalId (userspaged).
func (c *Client) findUser(ctx context.Context, p UserParms) (found[User], bool) {
	u, err := c.GetUserByUserID(ctx, p.UserID)
	if err == nil {
		return found[User]{obj: u, id: u.ID, key: quoted("userId", u.UserID), matches: u.ExternalID == deref(p.ExternalID)}, true
	}
	if EndpointNotServed(err) {
		return notServed[User](err), false
	}
	if ext := deref(p.ExternalID); ext != "" {
		for page, err := range c.UserPages(ctx, SearchParms{SearchByAttributes: []SearchByAttribute{{Name: "externalId", Operator: "EQUALS", Value: ext}}}) {
			if err != nil {
				return notServed[User](err), false
			}
			for i := range page {
				if page[i].ExternalID == ext {
					return found[User]{obj: &page[i], id: page[i].ID, key: quoted("externalId", ext)}, true
				}
			}
		}
	}
	return found[User]{}, false
}

// findUserAttribute finds the custom user attribute named like p.
func (c *Client) findUserAttribute(ctx context.Context, p UserAttributeParms) (found[UserAttribute], bool) {
	all, err := c.ListUserAttributes(ctx)
	if err != nil {
		return notServed[UserAttribute](err), false
	}
	for i := range all {
		if a := &all[i]; strings.EqualFold(a.Name, p.Name) {
			return found[UserAttribute]{obj: a, id: a.ID, key: quoted("name", a.Name),
				matches: a.Name == p.Name && !a.SystemDefined && (p.Type == "" || a.Type == p.Type)}, true
		}
	}
	return found[UserAttribute]{}, false
}

// findSAMLApplication finds the application named like p (application names
// are unique in the tenant, whatever the kind of application).
func (c *Client) findSAMLApplication(ctx context.Context, p SAMLApplicationParms) (found[SAMLApplication], bool) {
	infos, err := c.ListApplicationInfo(ctx)
	if err != nil {
		return notServed[SAMLApplication](err), false
	}
	for _, info := range infos {
		if !strings.EqualFold(info.Name, p.Name) {
			continue
		}
		f := found[SAMLApplication]{id: info.ID, key: quoted("name", info.Name)}
		a, err := c.GetSAMLApplication(ctx, info.ID)
		switch {
		case err == nil:
			f.obj = a
			f.matches = a.Name == p.Name && a.TemplateID == p.TemplateID && a.SigningCertificateID == p.SigningCertificateID &&
				(p.SPEntityID == "" || a.SPEntityID == p.SPEntityID)
		case EndpointNotServed(err):
			return notServed[SAMLApplication](err), false
		}
		return f, true
	}
	return found[SAMLApplication]{}, false
}

// findResourceRule finds the rule of p's application named like p.
func (c *Client) findResourceRule(ctx context.Context, p ResourceRuleParms) (found[ResourceRule], bool) {
	rules, err := c.ListResourceRulesForResource(ctx, p.ResourceID)
	if err != nil {
		return notServed[ResourceRule](err), false
	}
	for i := range rules {
		if strings.EqualFold(rules[i].Name, deref(p.Name)) {
			return found[ResourceRule]{obj: &rules[i], id: rules[i].ID, key: quoted("name", rules[i].Name)}, true
		}
	}
	return found[ResourceRule]{}, false
}

// findProvisioner finds the provisioner named like p.
func (c *Client) findProvisioner(ctx context.Context, p ProvisionerParms) (found[Provisioner], bool) {
	all, err := c.ListProvisioners(ctx)
	if err != nil {
		return notServed[Provisioner](err), false
	}
	for i := range all {
		if strings.EqualFold(all[i].Name, p.Name) {
			return found[Provisioner]{obj: &all[i], id: all[i].ID, key: quoted("name", all[i].Name)}, true
		}
	}
	return found[Provisioner]{}, false
}
