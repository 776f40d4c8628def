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

// Groups made in the console are found by name prefix and substring (the
// tenant's groupspaged search), shown by name, with the full resource.
func groupListQuery(t *testing.T, env *testEnv, _ *testClock) []resource.TestStep {
	ctx := context.Background()
	for _, g := range []client.GroupParms{
		{Name: "AWS Admins", ExternalID: ptr("ext-admins")},
		{Name: "AWS Developers", Attribute: ptr("dev")},
		{Name: "Finance"},
	} {
		if _, err := env.client.CreateGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	return []resource.TestStep{{
		Query: true,
		Config: env.config(`
list "idaas_group" "all" {
  provider         = idaas
  include_resource = true
}
list "idaas_group" "aws" {
  provider = idaas
  config {
    name_prefix = "aws "
  }
}
list "idaas_group" "dev" {
  provider = idaas
  config {
    name_prefix   = "AWS"
    name_contains = "dev"
  }
}
list "idaas_group" "none" {
  provider = idaas
  config {
    name_contains = "no such group"
  }
}
`),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("idaas_group.all", 3),
			querycheck.ExpectLength("idaas_group.aws", 2),
			querycheck.ExpectLength("idaas_group.dev", 1),
			querycheck.ExpectLength("idaas_group.none", 0),
			querycheck.ExpectResourceDisplayName("idaas_group.dev", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": uuidValue}),
				knownvalue.StringExact("AWS Developers")),
			querycheck.ExpectResourceKnownValues("idaas_group.all", queryfilter.ByDisplayName(knownvalue.StringExact("AWS Admins")), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("AWS Admins")},
				{Path: tfjsonpath.New("external_id"), KnownValue: knownvalue.StringExact("ext-admins")},
				{Path: tfjsonpath.New("attribute"), KnownValue: knownvalue.Null()},
				{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("MGMT_UI")},
				{Path: tfjsonpath.New("id"), KnownValue: uuidValue},
			}),
		},
	}}
}
