package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

func testAccGroupConfig_basic(env *testEnv, name, externalID string) string {
	ext := ""
	if externalID != "" {
		ext = fmt.Sprintf("external_id = %q", externalID)
	}
	return env.config(`
resource "idaas_group" "test" {
  name = %q
  %s
}
`, name, ext)
}

func TestAccGroup_basic(t *testing.T) {
	env := newTestEnv(t)
	var id string
	saveID := saveAttr(&id, "idaas_group.test", "id")
	testCase(t, resource.TestCase{
		CheckDestroy: testAccCheckDestroyed(env, "idaas_group", (*client.Client).GetGroup),
		Steps: []resource.TestStep{
			{
				Config: testAccGroupConfig_basic(env, "AWS Admins", "ext-1"),
				Check:  saveID,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_group.test", tfjsonpath.New("name"), knownvalue.StringExact("AWS Admins")),
					statecheck.ExpectKnownValue("idaas_group.test", tfjsonpath.New("external_id"), knownvalue.StringExact("ext-1")),
					statecheck.ExpectKnownValue("idaas_group.test", tfjsonpath.New("attribute"), knownvalue.Null()),
					statecheck.ExpectKnownValue("idaas_group.test", tfjsonpath.New("type"), knownvalue.StringExact("MGMT_UI")),
					statecheck.ExpectKnownValue("idaas_group.test", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Update in place, and clear external_id.
				Config: testAccGroupConfig_basic(env, "AWS Administrators", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_group.test", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_group.test", tfjsonpath.New("name"), knownvalue.StringExact("AWS Administrators")),
					statecheck.ExpectKnownValue("idaas_group.test", tfjsonpath.New("external_id"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					g, err := env.client.GetGroup(context.Background(), id)
					if err != nil {
						return err
					}
					if g.Name != "AWS Administrators" || g.ExternalID != "" {
						return fmt.Errorf("server has %+v", g)
					}
					return nil
				},
			},
			{
				ResourceName:      "idaas_group.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config:          testAccGroupConfig_basic(env, "AWS Administrators", ""),
				ResourceName:    "idaas_group.test",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// Drift: renamed in the console; plan shows the update.
				PreConfig: inConsole(t, func(ctx context.Context) error {
					_, err := env.client.UpdateGroup(ctx, id, client.GroupParms{Name: "renamed by hand"})
					return err
				}),
				Config: testAccGroupConfig_basic(env, "AWS Administrators", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("idaas_group.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("idaas_group.test", tfjsonpath.New("name"), knownvalue.StringExact("AWS Administrators")),
					},
				},
			},
			{
				// Deleted in the console: planned for creation again.
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.DeleteGroup(ctx, id) }),
				Config:    testAccGroupConfig_basic(env, "AWS Administrators", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_group.test", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccGroup_duplicateNameError(t *testing.T) {
	env := newTestEnv(t)
	testSteps(t, nil, resource.TestStep{
		Config: env.config(`
resource "idaas_group" "a" { name = "dup" }
resource "idaas_group" "b" {
  name       = "DUP"
  depends_on = [idaas_group.a]
}
`),
		ExpectError: regexp.MustCompile(`HTTP 409 GROUP_ALREADY_EXISTS:\s+A group named "DUP"\s+already exists`),
	})
}
