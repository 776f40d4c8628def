package provider

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// consoleProvisioners makes, through the admin API as an admin would in
// the console, an enabled aws provisioner (with the default mappings it
// starts with) synchronized twice, and a generic one whose default
// mappings were deleted. It returns their ids.
func consoleProvisioners(t *testing.T, env *testEnv, clock *testClock) (aws, generic string) {
	t.Helper()
	ctx := context.Background()
	endpoint, token := env.scimTarget(t)
	expires := time.Now().AddDate(1, 0, 0).UTC().Format(time.RFC3339)
	p, err := env.client.CreateProvisioner(ctx, client.ProvisionerParms{Name: "AWS IAM Identity Center", Type: "aws", Enabled: ptr(true),
		GroupIDs: &[]string{}, SCIMEndpoint: endpoint, BearerToken: token, TokenExpiresAt: &expires})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		op, err := env.client.SyncProvisioner(ctx, p.ID)
		for err == nil && !op.Done() {
			time.Sleep(20 * time.Millisecond)
			op, err = env.client.GetProvisioningOperation(ctx, p.ID, op.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Second) // startedAt has a resolution of a second
	}
	g, err := env.client.CreateProvisioner(ctx, client.ProvisionerParms{Name: "Staging SCIM", Type: "generic", Enabled: ptr(false),
		GroupIDs: &[]string{}, SCIMEndpoint: endpoint, BearerToken: token})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := env.client.ListAttributeMappings(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if err := env.client.DeleteAttributeMapping(ctx, g.ID, m.SCIMAttribute); err != nil {
			t.Fatal(err)
		}
	}
	return p.ID, g.ID
}

// Provisioners are found by name and carry what an import reads (never the
// bearer token).
func provisionerListQuery(t *testing.T, env *testEnv, clock *testClock) []resource.TestStep {
	aws, _ := consoleProvisioners(t, env, clock)
	return []resource.TestStep{{
		Query: true,
		Config: env.config(`
list "idaas_provisioner" "all" {
  provider         = idaas
  include_resource = true
}
list "idaas_provisioner" "aws" {
  provider = idaas
  config {
    name_prefix = "aws"
  }
}
list "idaas_provisioner" "none" {
  provider = idaas
  config {
    name_contains = "okta"
  }
}
`),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("idaas_provisioner.all", 2),
			querycheck.ExpectLength("idaas_provisioner.aws", 1),
			querycheck.ExpectLength("idaas_provisioner.none", 0),
			querycheck.ExpectIdentity("idaas_provisioner.aws", map[string]knownvalue.Check{"id": knownvalue.StringExact(aws)}),
			querycheck.ExpectResourceDisplayName("idaas_provisioner.aws", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(aws)}),
				knownvalue.StringExact("AWS IAM Identity Center")),
			querycheck.ExpectResourceKnownValues("idaas_provisioner.all", queryfilter.ByDisplayName(knownvalue.StringExact("AWS IAM Identity Center")), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(aws)},
				{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("aws")},
				{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(true)},
				{Path: tfjsonpath.New("bearer_token"), KnownValue: knownvalue.Null()},
				{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("SUCCEEDED")},
			}),
		},
	}}
}
