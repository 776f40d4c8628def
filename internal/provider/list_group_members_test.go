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

// One result per group, shown by its name, with identity {group_id}; with
// include_resource, every member, not authoritative, as an import reads it.
func groupMembersListQuery(t *testing.T, env *testEnv, _ *testClock) []resource.TestStep {
	ctx := context.Background()
	u := directoryUsers(t, env, "ann", "bob")
	devs, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "AWS Developers"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "AWS Admins"}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "Finance"}); err != nil {
		t.Fatal(err)
	}
	for _, id := range u {
		if err := env.client.SetUserGroups(ctx, id, []string{devs.ID}); err != nil {
			t.Fatal(err)
		}
	}
	return []resource.TestStep{{
		Query: true,
		Config: env.config(`
list "idaas_group_members" "aws" {
  provider         = idaas
  include_resource = true
  config {
    name_prefix = "aws"
  }
}
`),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("idaas_group_members.aws", 2),
			querycheck.ExpectIdentity("idaas_group_members.aws", map[string]knownvalue.Check{"group_id": knownvalue.StringExact(devs.ID)}),
			querycheck.ExpectResourceDisplayName("idaas_group_members.aws", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"group_id": knownvalue.StringExact(devs.ID)}),
				knownvalue.StringExact("AWS Developers")),
			querycheck.ExpectResourceKnownValues("idaas_group_members.aws", queryfilter.ByDisplayName(knownvalue.StringExact("AWS Developers")), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("group_id"), KnownValue: knownvalue.StringExact(devs.ID)},
				{Path: tfjsonpath.New("user_ids"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(u[0]), knownvalue.StringExact(u[1])})},
				{Path: tfjsonpath.New("authoritative"), KnownValue: knownvalue.Bool(false)},
			}),
			querycheck.ExpectResourceKnownValues("idaas_group_members.aws", queryfilter.ByDisplayName(knownvalue.StringExact("AWS Admins")), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("user_ids"), KnownValue: knownvalue.SetSizeExact(0)},
			}),
		},
	}}
}
