package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
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
	return testAccCheckDestroyed(env, "idaas_resource_rule", (*client.Client).GetResourceRule)
}

func TestAccResourceRule_basic(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	var id string
	testCase(t, resource.TestCase{
		CheckDestroy: testAccCheckRuleDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config:           testAccResourceRuleConfig_basic(env, app),
				Check:            saveAttr(&id, ruleAddr, "id"),
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

// The server answers groups in its own order (name descending), not the
// order of the configuration, nor of the ids: the set plans clean anyway.
func TestAccResourceRule_groupOrder(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	testSteps(t, nil, resource.TestStep{
		Config: testAccResourceRuleConfig(env, app, "deny", `
  name      = "AWS access"
  group_ids = [idaas_group.auditors.id, idaas_group.admins.id, idaas_group.devs.id]
`),
		ConfigPlanChecks: emptyPlanAfterApply(),
		Check: func(s *terraform.State) error {
			id, err := ruleIDFromState(s)
			if err != nil {
				return err
			}
			r, err := env.client.GetResourceRule(context.Background(), id)
			if err != nil {
				return err
			}
			var names []string
			for _, g := range r.Groups {
				names = append(names, g.Name)
			}
			if fmt.Sprint(names) != "[AWS Developers AWS Auditors AWS Admins]" {
				return fmt.Errorf("the emulator should answer groups by name descending, answered %v", names)
			}
			return nil
		},
	})
}

func TestAccResourceRule_driftAndDisappears(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	var id string
	cfg := testAccResourceRuleConfig_full(env, app)
	testCase(t, resource.TestCase{
		CheckDestroy: testAccCheckRuleDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				Check:            saveAttr(&id, ruleAddr, "id"),
				ConfigPlanChecks: emptyPlanAfterApply(),
			},
			{
				// Disabled in the console (through the API's partial PUT).
				PreConfig: func() {
					f := false
					if _, err := env.client.UpdateResourceRule(context.Background(), id, client.ResourceRuleParms{Enabled: &f}); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(ruleAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Its IP context removed in the console: planned back.
				PreConfig: inConsole(t, func(ctx context.Context) error {
					_, err := env.client.UpdateResourceRule(ctx, id, client.ResourceRuleParms{RemoveIPContext: true})
					return err
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(ruleAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Deleted in the console: planned for creation again.
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.DeleteResourceRule(ctx, id) }),
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(ruleAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// One rule per application, for two applications; moving a rule to the
// other application replaces it.
func TestAccResourceRule_twoApplications(t *testing.T) {
	env := newTestEnv(t)
	prod := env.emu.AddApplication("AWS production", emulator.TemplateAWSSSO)
	sandbox := env.emu.AddApplication("AWS sandbox", emulator.TemplateAWSSSO)
	cfg := func(a, b string) string {
		return env.config(`
resource "idaas_group" "admins" { name = "AWS Admins" }
data "idaas_authentication_flow" "mfa" { name = "Password and Second Factor" }
data "idaas_authentication_flow" "deny" { name = "Deny Access" }

resource "idaas_resource_rule" "prod" {
  name                               = "AWS access"
  application_id                     = %q
  group_ids                          = [idaas_group.admins.id]
  low_risk_authentication_flow_id    = data.idaas_authentication_flow.mfa.id
  medium_risk_authentication_flow_id = data.idaas_authentication_flow.mfa.id
  high_risk_authentication_flow_id   = data.idaas_authentication_flow.deny.id
}

resource "idaas_resource_rule" "sandbox" {
  name                               = "AWS access"
  application_id                     = %q
  low_risk_authentication_flow_id    = data.idaas_authentication_flow.mfa.id
  medium_risk_authentication_flow_id = data.idaas_authentication_flow.mfa.id
  high_risk_authentication_flow_id   = data.idaas_authentication_flow.deny.id
}
`, a, b)
	}
	countRules := func(app string, want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			rs, err := env.client.ListResourceRulesForResource(context.Background(), app)
			if err != nil {
				return err
			}
			if len(rs) != want {
				return fmt.Errorf("application %s has %d rules, want %d", app, len(rs), want)
			}
			return nil
		}
	}
	testCase(t, resource.TestCase{
		CheckDestroy: testAccCheckRuleDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config:           cfg(prod, sandbox),
				ConfigPlanChecks: emptyPlanAfterApply(),
				Check:            resource.ComposeTestCheckFunc(countRules(prod, 1), countRules(sandbox, 1)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_resource_rule.prod", tfjsonpath.New("application_id"), knownvalue.StringExact(prod)),
					statecheck.ExpectKnownValue("idaas_resource_rule.sandbox", tfjsonpath.New("application_id"), knownvalue.StringExact(sandbox)),
					// No group_ids: the rule applies to all users.
					statecheck.ExpectKnownValue("idaas_resource_rule.sandbox", tfjsonpath.New("group_ids"), knownvalue.Null()),
				},
			},
			{
				// Both on the sandbox: the production rule is replaced.
				Config:      cfg(sandbox, sandbox),
				ExpectError: regexp.MustCompile(`RESOURCE_RULE_ALREADY_EXISTS`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_resource_rule.prod", plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// Deleting the application deletes its rules: the next plan creates the
// rule again (and fails, the application being gone).
func TestAccResourceRule_applicationDeleted(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	testSteps(t, nil,
		resource.TestStep{Config: testAccResourceRuleConfig_basic(env, app)},
		resource.TestStep{
			PreConfig:   func() { env.emu.DeleteApplication(app) },
			Config:      testAccResourceRuleConfig_basic(env, app),
			ExpectError: regexp.MustCompile(`HTTP 404 APPLICATION_NOT_FOUND`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ruleAddr, plancheck.ResourceActionCreate)},
			},
		},
	)
}

// A group deleted in the console leaves the rule; the next plan puts the
// group's replacement back.
func TestAccResourceRule_groupDeleted(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	var ruleID, devs string
	testSteps(t, nil,
		resource.TestStep{
			Config: testAccResourceRuleConfig_basic(env, app),
			Check: func(s *terraform.State) (err error) {
				if ruleID, err = ruleIDFromState(s); err != nil {
					return err
				}
				devs, err = groupIDFromState(s, "idaas_group.devs")
				return err
			},
		},
		resource.TestStep{
			PreConfig: func() {
				if err := env.client.DeleteGroup(context.Background(), devs); err != nil {
					t.Fatal(err)
				}
				r, err := env.client.GetResourceRule(context.Background(), ruleID)
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Groups) != 1 || !r.Enabled {
					t.Fatalf("after deleting one of two groups the rule should keep the other and stay enabled: %+v", r)
				}
			},
			Config: testAccResourceRuleConfig_basic(env, app),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("idaas_group.devs", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(ruleAddr, plancheck.ResourceActionUpdate),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
	)
}

func TestAccResourceRule_invalidAtPlan(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	cases := []struct {
		name, body string
		want       string
	}{
		{"thresholds out of order", `
  name                  = "r"
  low_risk_threshold    = 60
  medium_risk_threshold = 40
`, `(?s)Invalid low_risk_threshold: risk thresholds out of order.*low_risk_threshold \(60\) must be less\s+than\s+medium_risk_threshold \(40\)`},
		{"low above default medium", `
  name               = "r"
  low_risk_threshold = 80
`, `(?s)Invalid low_risk_threshold: risk thresholds out of order.*medium_risk_threshold \(70\)`},
		{"medium below default low", `
  name                  = "r"
  medium_risk_threshold = 20
`, `(?s)Invalid medium_risk_threshold: risk thresholds out of order.*low_risk_threshold \(30\)`},
		{"bad date-time", `
  name = "r"
  date_time_context {
    start_date_time = "2026-01-01"
    end_date_time   = "2026-02-01T00:00:00Z"
  }
`, `(?s)date_time_context.start_date_time.*"2026-01-01" is not a date-time`},
		{"half a time window", `
  name = "r"
  date_time_context {
    start_time = "08:00:00"
  }
`, `Invalid date_time_context: missing end_time`},
		{"threshold out of range", `
  name                  = "r"
  medium_risk_threshold = 101
`, `(?s)medium_risk_threshold.*must be between 0 and 100`},
		{"bad CIDR", `
  name = "r"
  ip_context {
    allowed_ip_ranges = ["10.0.0.0/33"]
  }
`, `(?s)ip_context.allowed_ip_ranges.*"10.0.0.0/33" is not an IP address range`},
		{"CIDR with host bits", `
  name = "r"
  ip_context {
    denied_ip_ranges = ["192.168.1.7/24"]
  }
`, `(?s)ip_context.denied_ip_ranges.*write the range as\s+192.168.1.0/24`},
		{"bad time", `
  name = "r"
  date_time_context {
    start_time = "8:00"
    end_time   = "17:00:00"
  }
`, `(?s)date_time_context.start_time.*"8:00" is not a time of day`},
		{"bad day", `
  name = "r"
  date_time_context {
    start_time = "08:00:00"
    end_time   = "17:00:00"
    week_days  = ["Mon", "Funday"]
  }
`, `(?s)date_time_context.week_days.*Funday`},
		{"date and time together", `
  name = "r"
  date_time_context {
    start_time      = "08:00:00"
    end_time        = "17:00:00"
    start_date_time = "2026-01-01T00:00:00Z"
    end_date_time   = "2026-02-01T00:00:00Z"
  }
`, `Invalid date_time_context: date range and time window together`},
		{"bad zone", `
  name = "r"
  date_time_context {
    start_time = "08:00:00"
    end_time   = "17:00:00"
    zone_id    = "Mars/Olympus"
  }
`, `(?s)date_time_context.zone_id.*Mars/Olympus`},
		{"bad country", `
  name = "r"
  location_context {
    country_codes = ["usa"]
  }
`, `(?s)location_context.country_codes.*"usa" is not an ISO 3166-1 alpha-2`},
		{"bad group id", `
  name      = "r"
  group_ids = ["not-a-uuid"]
`, `(?s)group_ids.*"not-a-uuid" is not a UUID`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			testCase(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config:             testAccResourceRuleConfig(env, app, "deny", tc.body),
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
					ExpectError:        regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if n := env.emu.Stats().ByRoute["POST /api/web/v2/resourcerules"]; n != 0 {
		t.Errorf("invalid configurations reached the API: %d creates", n)
	}
}

// The documented example applies and plans clean.
func TestAccResourceRule_example(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	example, err := os.ReadFile("../../examples/resources/idaas_resource_rule/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	flows, err := os.ReadFile("../../examples/data-sources/idaas_authentication_flow/data-source.tf")
	if err != nil {
		t.Fatal(err)
	}
	testCase(t, resource.TestCase{
		CheckDestroy: testAccCheckRuleDestroyed(env),
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + string(example) + string(flows),
			ConfigVariables:  config.Variables{"aws_application_id": config.StringVariable(app)},
			ConfigPlanChecks: emptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("idaas_resource_rule.aws", tfjsonpath.New("location_context").AtMapKey("country_codes"), knownvalue.SetSizeExact(3)),
			},
		}},
	})
}

// A date range, then a time window in its place, then no date_time_context.
func TestAccResourceRule_dateRange(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	cfg := func(block string) string {
		return testAccResourceRuleConfig(env, app, "deny", `
  name = "AWS access"
`+block)
	}
	testSteps(t, nil,
		resource.TestStep{
			Config: cfg(`
  date_time_context {
    start_date_time   = "2026-12-01T00:00:00Z"
    end_date_time     = "2027-01-15T12:00:00+01:00"
    allowed_date_time = false
    zone_id           = "-05:00"
    deny_access       = true
  }
`),
			ConfigPlanChecks: emptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("date_time_context").AtMapKey("allowed_time"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("date_time_context").AtMapKey("week_days"), knownvalue.Null()),
			},
		},
		resource.TestStep{
			Config: cfg(`
  date_time_context {
    start_time = "22:00:00"
    end_time   = "06:00:00"
    week_days  = ["Sat", "Sun"]
    allowed_time = false
    risk_point = 100
  }
`),
			ConfigPlanChecks: emptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("date_time_context").AtMapKey("start_date_time"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("date_time_context").AtMapKey("zone_id"), knownvalue.StringExact("Z")),
			},
		},
		resource.TestStep{
			Config:           cfg(""),
			ConfigPlanChecks: emptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ruleAddr, tfjsonpath.New("date_time_context"), knownvalue.Null()),
			},
		},
	)
}
