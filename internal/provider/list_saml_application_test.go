package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// SAML applications are found by name and carry what an import reads.
func samlApplicationListQuery(t *testing.T, env *testEnv, _ *testClock) []resource.TestStep {
	return []resource.TestStep{
		{Config: testAccSAMLAppConfig(env, samlAppV1)},
		{
			Query: true,
			Config: `
list "idaas_saml_application" "all" {
  provider         = idaas
  include_resource = true
}
list "idaas_saml_application" "example" {
  provider = idaas
  config {
    name_contains = "example"
  }
}
list "idaas_saml_application" "none" {
  provider = idaas
  config {
    name_prefix = "AWS"
  }
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("idaas_saml_application.all", 1),
				querycheck.ExpectLength("idaas_saml_application.example", 1),
				querycheck.ExpectLength("idaas_saml_application.none", 0),
				querycheck.ExpectResourceDisplayName("idaas_saml_application.example", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.NotNull()}),
					knownvalue.StringExact("Example SP")),
				querycheck.ExpectResourceKnownValues("idaas_saml_application.all", queryfilter.ByDisplayName(knownvalue.StringExact("Example SP")), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("sp_entity_id"), KnownValue: knownvalue.StringExact("https://sp.example.com/saml")},
					{Path: tfjsonpath.New("acs_url"), KnownValue: knownvalue.StringExact("https://sp.example.com/saml/acs")},
					{Path: tfjsonpath.New("additional_acs_urls"), KnownValue: knownvalue.ListSizeExact(2)},
					{Path: tfjsonpath.New("description"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("attribute"), KnownValue: knownvalue.ListSizeExact(1)},
				}),
			},
		},
	}
}
