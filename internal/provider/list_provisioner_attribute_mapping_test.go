package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The mappings of one provisioner (an aws one's six defaults), of every
// provisioner, and of one that has none.
func provisionerAttributeMappingListQuery(t *testing.T, env *testEnv, clock *testClock) []resource.TestStep {
	aws, generic := consoleProvisioners(t, env, clock)
	givenName := map[string]knownvalue.Check{"provisioner_id": knownvalue.StringExact(aws), "scim_attribute": knownvalue.StringExact("name.givenName")}
	return []resource.TestStep{{
		Query: true,
		Config: env.config(`
list "idaas_provisioner_attribute_mapping" "all" {
  provider = idaas
}
list "idaas_provisioner_attribute_mapping" "aws" {
  provider         = idaas
  include_resource = true
  config {
    provisioner_id = %q
  }
}
list "idaas_provisioner_attribute_mapping" "none" {
  provider = idaas
  config {
    provisioner_id = %q
  }
}
`, aws, generic),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("idaas_provisioner_attribute_mapping.all", 6),
			querycheck.ExpectLength("idaas_provisioner_attribute_mapping.aws", 6),
			querycheck.ExpectLength("idaas_provisioner_attribute_mapping.none", 0),
			querycheck.ExpectIdentity("idaas_provisioner_attribute_mapping.aws", givenName),
			querycheck.ExpectResourceDisplayName("idaas_provisioner_attribute_mapping.aws", queryfilter.ByResourceIdentity(givenName),
				knownvalue.StringExact("AWS IAM Identity Center: name.givenName")),
			querycheck.ExpectResourceKnownValues("idaas_provisioner_attribute_mapping.aws", queryfilter.ByResourceIdentity(givenName), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(aws + "/name.givenName")},
				{Path: tfjsonpath.New("user_attribute"), KnownValue: knownvalue.StringExact("First Name")},
				{Path: tfjsonpath.New("value"), KnownValue: knownvalue.Null()},
			}),
		},
	}, {
		// A provisioner that does not exist is the tenant's error, named.
		Query: true,
		Config: env.config(`
list "idaas_provisioner_attribute_mapping" "gone" {
  provider = idaas
  config {
    provisioner_id = "00000000-0000-4000-8000-000000000000"
  }
}
`),
		ExpectError: errorMatching("Listing attribute mappings", "PROVISIONER_NOT_FOUND"),
	}}
}
