package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// Custom user attributes are listed, the system-defined ones left out.
func userAttributeListQuery(t *testing.T, env *testEnv, _ *testClock) []resource.TestStep {
	ctx := context.Background()
	for _, p := range []client.UserAttributeParms{{Name: "Cost Centre"}, {Name: "Department", Unique: ptr(true)}} {
		if _, err := env.client.CreateUserAttribute(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return []resource.TestStep{{
		Query: true,
		Config: env.config(`
list "idaas_user_attribute" "all" {
  provider         = idaas
  include_resource = true
}
list "idaas_user_attribute" "dep" {
  provider = idaas
  config {
    name_prefix = "dep"
  }
}
list "idaas_user_attribute" "none" {
  provider = idaas
  config {
    name_contains = "First Name"
  }
}
`),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("idaas_user_attribute.all", 2),
			querycheck.ExpectLength("idaas_user_attribute.dep", 1),
			querycheck.ExpectLength("idaas_user_attribute.none", 0),
			querycheck.ExpectResourceDisplayName("idaas_user_attribute.dep", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": uuidValue}),
				knownvalue.StringExact("Department")),
			querycheck.ExpectResourceKnownValues("idaas_user_attribute.all", queryfilter.ByDisplayName(knownvalue.StringExact("Department")), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Department")},
				{Path: tfjsonpath.New("unique"), KnownValue: knownvalue.Bool(true)},
				{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("NONE")},
			}),
		},
	}}
}
