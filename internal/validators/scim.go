package validators

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim/scimpath"
)

// SCIM user schema attributes a provisioner may fill (RFC 7643 section 4.1
// and 4.3). Multi-valued ones must be addressed through a filter, such as
// emails[type eq "work"].value.
var (
	scimSimple   = []string{"userName", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active"}
	scimComplex  = map[string][]string{"name": {"formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"}}
	scimPlural   = map[string][]string{"emails": nil, "phoneNumbers": nil, "ims": nil, "photos": nil, "roles": nil, "entitlements": nil, "x509Certificates": nil, "addresses": {"formatted", "streetAddress", "locality", "region", "postalCode", "country", "type", "primary"}}
	pluralSubs   = []string{"value", "display", "type", "primary"}
	scimEntSimpl = []string{"employeeNumber", "costCenter", "organization", "division", "department"}
)

const scimExamples = `displayName, name.givenName, name.familyName, active, emails[type eq "work"].value or ` +
	scimpath.EnterpriseUser + `:department`

// canonical returns the spelling of name in list, matched case-insensitively.
func canonical(list []string, name string) (string, bool) {
	for _, s := range list {
		if strings.EqualFold(s, name) {
			return s, true
		}
	}
	return "", false
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// CheckSCIMUserAttribute reports whether path names a settable attribute of
// the SCIM core or enterprise user schema, spelled as the schema spells it.
func CheckSCIMUserAttribute(path string) error {
	p, err := scimpath.Parse(path)
	if err != nil || strings.TrimSpace(path) != path || path == "" {
		return fmt.Errorf("%q is not a SCIM attribute path; write one like %s", path, scimExamples)
	}
	ap := p.AttributePath
	name, sub, uri := ap.AttributeName, ap.SubAttributeName(), ap.URI()
	notInSchema := fmt.Errorf("%q is not an attribute of the SCIM core or enterprise user schema that a provisioner can set; use e.g. %s", path, scimExamples)
	spell := func(want string) error {
		return fmt.Errorf("%q: SCIM attribute names are written %q", path, want)
	}
	switch {
	case strings.EqualFold(name, "externalId") && uri == "":
		return fmt.Errorf("externalId cannot be mapped: provisioning always sends the tenant user's UUID as externalId, on which users are matched")
	case uri == scimpath.EnterpriseUser:
		if strings.EqualFold(name, "manager") {
			if p.ValueExpression != nil || sub != "value" {
				return fmt.Errorf("%q: the manager is set through %s:manager.value", path, scimpath.EnterpriseUser)
			}
			return nil
		}
		c, ok := canonical(scimEntSimpl, name)
		if !ok || sub != "" || p.ValueExpression != nil {
			return notInSchema
		}
		if c != name {
			return spell(uri + ":" + c)
		}
		return nil
	case uri != "" && uri != scimpath.CoreUserSchema:
		return notInSchema
	}
	if c, ok := canonical(scimSimple, name); ok {
		if sub != "" || p.ValueExpression != nil {
			return fmt.Errorf("%q: %s is a single value without sub-attributes", path, c)
		}
		if c != name {
			return spell(c)
		}
		return nil
	}
	if c, ok := canonical(keys(scimComplex), name); ok {
		sc, ok := canonical(scimComplex[c], sub)
		if !ok || p.ValueExpression != nil {
			return fmt.Errorf("%q: set one sub-attribute of %s: %s", path, c, strings.Join(scimComplex[c], ", "))
		}
		if c+"."+sc != name+"."+sub {
			return spell(c + "." + sc)
		}
		return nil
	}
	if c, ok := canonical(keys(scimPlural), name); ok {
		subs := scimPlural[c]
		if subs == nil {
			subs = pluralSubs
		}
		sub = p.SubAttributeName()
		sc, ok := canonical(subs, sub)
		if p.ValueExpression == nil || ap.SubAttribute != nil || !ok {
			return fmt.Errorf("%q: %s is multi-valued; address one value through a filter and a sub-attribute, e.g. %s[type eq \"work\"].%s", path, c, c, subs[0])
		}
		if c != name || sc != sub {
			return spell(c + "[...]." + sc)
		}
		return nil
	}
	return notInSchema
}

// SCIMUserAttribute validates SCIM user attribute paths at plan time.
func SCIMUserAttribute() validator.String {
	return String("must be a settable attribute of the SCIM core or enterprise user schema", CheckSCIMUserAttribute)
}

// SCIMFilter accepts a SCIM filter (RFC 7644 section 3.4.2.2), such as
// userName eq "jane@example.com".
func SCIMFilter() validator.String {
	return String("must be a SCIM filter", func(s string) error {
		if _, err := scimpath.ParseFilter(s); err != nil {
			return fmt.Errorf("%q is not a SCIM filter; write one like userName eq \"jane@example.com\" (string values in double quotes)", s)
		}
		return nil
	})
}
