package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

const ruleAddr = "idaas_resource_rule.test"

// testAccResourceRuleConfig wraps a rule body in a configuration with two
// groups, the built-in flows, and the rule on application appID.
func testAccResourceRuleConfig(env *testEnv, appID, highFlow, body string) string {
	return env.config(`
resource "idaas_group" "admins" { name = "AWS Admins" }
resource "idaas_group" "devs" { name = "AWS Developers" }
resource "idaas_group" "auditors" { name = "AWS Auditors" }

data "idaas_authentication_flow" "password" { name = "Password" }
data "idaas_authentication_flow" "mfa" { name = "Password and Second Factor" }
data "idaas_authentication_flow" "deny" { name = "Deny Access" }

resource "idaas_resource_rule" "test" {
  application_id                     = %q
  low_risk_authentication_flow_id    = data.idaas_authentication_flow.password.id
  medium_risk_authentication_flow_id = data.idaas_authentication_flow.mfa.id
  high_risk_authentication_flow_id   = data.idaas_authentication_flow.%s.id
%s
}
`, appID, highFlow, body)
}

func testAccResourceRuleConfig_basic(env *testEnv, appID string) string {
	return testAccResourceRuleConfig(env, appID, "deny", `
  name      = "AWS access"
  group_ids = [idaas_group.devs.id, idaas_group.admins.id]
`)
}

// testAccResourceRuleConfig_full sets every attribute and block.
func testAccResourceRuleConfig_full(env *testEnv, appID string) string {
	return testAccResourceRuleConfig(env, appID, "mfa", `
  name                                 = "AWS access (office hours)"
  description                          = "Admins and developers, from the office, on weekdays"
  enabled                              = true
  group_ids                            = [idaas_group.devs.id, idaas_group.admins.id, idaas_group.auditors.id]
  strict_access                        = true
  disable_sso                          = true
  skip_second_factor_if_user_not_exist = true
  low_risk_threshold                   = 20
  medium_risk_threshold                = 60

  ip_context {
    allowed_ip_ranges = ["203.0.113.0/24", "10.0.0.0/8", "2001:db8::/32"]
    risk_point        = 40
  }

  date_time_context {
    start_time = "08:00:00"
    end_time   = "18:30:00"
    week_days  = ["Fri", "Mon", "Tue", "Wed", "Thu"]
    zone_id    = "Europe/Berlin"
    risk_point = 30
  }

  location_context {
    country_codes     = ["US", "DE", "CA"]
    anonymous_allowed = false
    risk_point        = 50
  }
`)
}

func ruleIDFromState(s *terraform.State) (string, error) { return groupIDFromState(s, ruleAddr) }

func emptyPlanAfterApply() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

func testAccCheckRuleDestroyed(env *testEnv) resource.TestCheckFunc {
	return testAccCheckDestroyed(env, "idaas_resource_rule", func(ctx context.Context, id string) error {
		_, err := env.client.GetResourceRule(ctx, id)
		return err
	})
}

func TestAccResourceRule_basic(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRuleDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config:           testAccResourceRuleConfig_basic(env, app),
				Check:            func(s *terraform.State) (err error) { id, err = ruleIDFromState(s); return },
				ConfigPlanChecks: emptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("application_id"), knownvalue.StringExact(app)),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("group_ids"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("low_risk_threshold"), knownvalue.Int64Exact(defaultLowRiskThreshold)),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("medium_risk_threshold"), knownvalue.Int64Exact(defaultMediumRiskThreshold)),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("strict_access"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("high_risk_authentication_flow_id"), knownvalue.StringExact(emulator.FlowDeny)),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("ip_context"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("date_time_context"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("location_context"), knownvalue.Null()),
				},
			},
			{
				// Update every attribute and add every block.
				Config: testAccResourceRuleConfig_full(env, app),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(ruleAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("id"), knownvalue.StringFunc(func(v string) error {
						if v != id {
							return fmt.Errorf("rule was replaced: %s -> %s", id, v)
						}
						return nil
					})),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("ip_context").AtMapKey("type"), knownvalue.StringExact("CUSTOM")),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("date_time_context").AtMapKey("week_days"), knownvalue.SetSizeExact(5)),
					statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("location_context").AtMapKey("allowed"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					r, err := env.client.GetResourceRule(context.Background(), id)
					if err != nil {
						return err
					}
					switch {
					case !r.StrictAccess || !r.DisableSSO || !r.SkipSecondFactorIfUserNotExist || r.LowRiskThreshold != 20 || r.MediumRiskThreshold != 60:
						return fmt.Errorf("flags or thresholds not on the server: %+v", r)
					case len(r.Groups) != 3 || r.HighRiskAuthenticationFlow.ID != emulator.FlowPasswordSecondFactor:
						return fmt.Errorf("groups or flows not on the server: %+v", r)
					case r.IpContext == nil || len(r.IpContext.AllowedIpRanges) != 3 || r.IpContext.RiskPoint != 40:
						return fmt.Errorf("ipContext not on the server: %+v", r.IpContext)
					case r.DateTimeContext == nil || r.DateTimeContext.ZoneID != "Europe/Berlin" || r.DateTimeContext.StartTime != "08:00:00":
						return fmt.Errorf("dateTimeContext not on the server: %+v", r.DateTimeContext)
					case r.LocationContext == nil || len(r.LocationContext.CountryCodes) != 3 || !r.LocationContext.Allowed:
						return fmt.Errorf("locationContext not on the server: %+v", r.LocationContext)
					}
					return nil
				},
			},
			{
				ResourceName:      ruleAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config:          testAccResourceRuleConfig_full(env, app),
				ResourceName:    ruleAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// Back to basic: the blocks are gone, so are the contexts.
				Config: testAccResourceRuleConfig_basic(env, app),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(ruleAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					r, err := env.client.GetResourceRule(context.Background(), id)
					if err != nil {
						return err
					}
					if r.IpContext != nil || r.DateTimeContext != nil || r.LocationContext != nil || r.Description != "" || r.StrictAccess {
						return fmt.Errorf("contexts or attributes left on the server: %+v", r)
					}
					return nil
				},
			},
		},
	})
}
