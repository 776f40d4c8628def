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
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// Resource rules are found for one application, and by name.
func resourceRuleListQuery(t *testing.T, env *testEnv, _ *testClock) []resource.TestStep {
	ctx := context.Background()
	aws := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	other := env.emu.AddApplication("Payroll", emulator.TemplateGenericSAML)
	for _, r := range []struct{ name, app string }{{"AWS admins", aws}, {"AWS everyone", aws}, {"Payroll staff", other}} {
		_, err := env.client.CreateResourceRule(ctx, client.ResourceRuleParms{Name: ptr(r.name), ResourceID: r.app, Enabled: ptr(true),
			GroupIDs: &[]string{}, LowRiskAuthenticationFlow: emulator.FlowPassword, MediumRiskAuthenticationFlow: emulator.FlowPassword,
			HighRiskAuthenticationFlow: emulator.FlowDeny})
		if err != nil {
			t.Fatal(err)
		}
	}
	return []resource.TestStep{{
		Query: true,
		Config: env.config(`
list "idaas_resource_rule" "all" {
  provider = idaas
}
list "idaas_resource_rule" "aws" {
  provider         = idaas
  include_resource = true
  config {
    application_id = %q
  }
}
list "idaas_resource_rule" "aws_admins" {
  provider = idaas
  config {
    application_id = %[1]q
    name_contains  = "admins"
  }
}
list "idaas_resource_rule" "none" {
  provider = idaas
  config {
    application_id = %[1]q
    name_prefix    = "Payroll"
  }
}
`, aws),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("idaas_resource_rule.all", 3),
			querycheck.ExpectLength("idaas_resource_rule.aws", 2),
			querycheck.ExpectLength("idaas_resource_rule.aws_admins", 1),
			querycheck.ExpectLength("idaas_resource_rule.none", 0),
			querycheck.ExpectResourceDisplayName("idaas_resource_rule.aws_admins", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": uuidValue}),
				knownvalue.StringExact("AWS admins")),
			querycheck.ExpectResourceKnownValues("idaas_resource_rule.aws", queryfilter.ByDisplayName(knownvalue.StringExact("AWS everyone")), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("application_id"), KnownValue: knownvalue.StringExact(aws)},
				{Path: tfjsonpath.New("high_risk_authentication_flow_id"), KnownValue: knownvalue.StringExact(emulator.FlowDeny)},
				{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(true)},
			}),
		},
	}}
}
