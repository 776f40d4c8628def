package client

import "strings"

// An endpoint family is a group of routes of the Administration API, with
// whether the vendor publishes it (the Administration API 5.46,
// api/idaas-admin-api-5.46-subset.json) or the project defines it
// (api/idaas-project-api.yaml), and the Terraform types that call it. An
// *EndpointNotServedError names the family's types, so that a user whose
// tenant does not serve a route learns what they cannot use.
//
// A pattern is a path prefix whose "*" segments match any one segment; the
// longest matching pattern wins.
type endpointFamily struct {
	patterns       []string
	projectDefined bool
	types          []string
}

// endpointFamilies is the table of route families and the Terraform types
// that need them. Keep it in step with the two documents under api/ (a test
// checks that every path of both has a family) and with the provider's
// types (README "What a tenant must serve").
var endpointFamilies = []endpointFamily{
	{patterns: []string{"/api/web/v1/adminapi/authenticate"},
		types: []string{"the provider itself (every type)"}},
	{patterns: []string{"/api/web/v1/groups", "/api/web/v1/groupspaged"},
		types: []string{"idaas_group (resource, data source, list)", "idaas_scim_groups"}},
	{patterns: []string{"/api/web/v1/userattributes"},
		types: []string{"idaas_user_attribute (resource, list)"}},
	{patterns: []string{"/api/web/v3/users/userid"},
		types: []string{"idaas_user (adopting after a retried create)", "data idaas_user (user_id)"}},
	{patterns: []string{"/api/web/v1/userauthorizationgroup"},
		types: []string{"idaas_user (group_ids)", "idaas_group_members"}},
	{patterns: []string{"/api/web/v3/users"}, projectDefined: true,
		types: []string{"idaas_user (resource)", "idaas_group_members (changing members)", "data idaas_user (id)"}},
	{patterns: []string{"/api/web/v1/userspaged"}, projectDefined: true,
		types: []string{"idaas_user (list; adopting after a retried create)", "idaas_group_members (resource, list)", "data idaas_users", "data idaas_user (email, external_id)"}},
	{patterns: []string{"/api/web/v1/applicationinfo"},
		types: []string{"idaas_saml_application (data source; adopting after a retried create)"}},
	{patterns: []string{"/api/web/v1/applications/templates"},
		types: []string{"idaas_application_template", "idaas_saml_application (resource)"}},
	{patterns: []string{"/api/web/v1/applications/saml"}, projectDefined: true,
		types: []string{"idaas_saml_application (resource, data source, list)", "idaas_saml_idp_metadata"}},
	{patterns: []string{"/api/web/v1/signingcertificates"}, projectDefined: true,
		types: []string{"idaas_signing_certificate (resource, list)", "idaas_saml_application (resource: its signing certificate)"}},
	{patterns: []string{"/api/web/v1/provisioners"}, projectDefined: true,
		types: []string{"idaas_provisioner (resource, list)", "idaas_provisioner_attribute_mapping", "idaas_provisioner_sync",
			"idaas_test_provisioner", "idaas_synchronize_provisioner"}},
	{patterns: []string{"/api/web/v1/provisioners/*/mappings"}, projectDefined: true,
		types: []string{"idaas_provisioner_attribute_mapping (resource, list)", "idaas_provisioner_sync"}},
	{patterns: []string{"/api/web/v1/provisioners/*/sync", "/api/web/v1/provisioners/*/operations", "/api/web/v1/provisioners/*/operationspaged"}, projectDefined: true,
		types: []string{"idaas_provisioner_sync (resource, list)", "idaas_synchronize_provisioner"}},
	{patterns: []string{"/api/web/v1/provisioners/*/test"}, projectDefined: true,
		types: []string{"idaas_provisioner (verify_connection)", "idaas_test_provisioner"}},
	{patterns: []string{"/api/web/v2/resourcerules"},
		types: []string{"idaas_resource_rule (resource, list)"}},
	{patterns: []string{"/api/web/v2/authenticationflows"},
		types: []string{"idaas_authentication_flow"}},
}

// endpointFamilyOf returns the family of path (no query), or nil.
func endpointFamilyOf(path string) *endpointFamily {
	path, _, _ = strings.Cut(path, "?")
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best *endpointFamily
	bestLen := 0
	for i := range endpointFamilies {
		for _, p := range endpointFamilies[i].patterns {
			ps := strings.Split(strings.Trim(p, "/"), "/")
			if len(ps) > len(segs) || len(ps) <= bestLen {
				continue
			}
			ok := true
			for j := range ps {
				if ps[j] != "*" && ps[j] != segs[j] {
					ok = false
					break
				}
			}
			if ok {
				best, bestLen = &endpointFamilies[i], len(ps)
			}
		}
	}
	return best
}

// EndpointTypes returns the Terraform types that need the route of path,
// and whether the route is project-defined (see endpointFamilies). ok is
// false for a path of no family.
func EndpointTypes(path string) (types []string, projectDefined, ok bool) {
	f := endpointFamilyOf(path)
	if f == nil {
		return nil, false, false
	}
	return f.types, f.projectDefined, true
}
