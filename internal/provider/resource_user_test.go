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

// testAccUserConfig_basic: two groups, a custom attribute, and a user in
// the group named by inGroup.
func testAccUserConfig_basic(env *testEnv, firstName, inGroup, costCentre string) string {
	return env.config(`
resource "idaas_group" "admins" { name = "AWS Admins" }
resource "idaas_group" "devs" { name = "AWS Developers" }
resource "idaas_user_attribute" "cost_centre" { name = "Cost Centre" }

resource "idaas_user" "test" {
  user_id    = "jane.doe"
  first_name = %q
  last_name  = "Doe"
  email      = "jane.doe@example.com"
  group_ids  = [idaas_group.%s.id]
  attribute_values = {
    (idaas_user_attribute.cost_centre.id) = %q
  }
}
`, firstName, inGroup, costCentre)
}

func TestAccUser_basic(t *testing.T) {
	env := newTestEnv(t)
	var id string
	testCase(t, resource.TestCase{
		CheckDestroy: testAccCheckDestroyed(env, "idaas_user", (*client.Client).GetUser),
		Steps: []resource.TestStep{
			{
				Config: testAccUserConfig_basic(env, "Jane", "admins", "CC-100"),
				Check: resource.ComposeTestCheckFunc(
					saveAttr(&id, "idaas_user.test", "id"),
					resource.TestCheckResourceAttrPair("idaas_user.test", "group_ids.0", "idaas_group.admins", "id"),
					resource.TestCheckResourceAttr("idaas_user.test", "group_ids.#", "1"),
					func(s *terraform.State) error {
						admins, _ := groupIDFromState(s, "idaas_group.admins")
						if got := env.emu.UserGroups(id); len(got) != 1 || got[0] != admins {
							return fmt.Errorf("server groups %v, want [%s]", got, admins)
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_user.test", tfjsonpath.New("state"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue("idaas_user.test", tfjsonpath.New("mobile"), knownvalue.Null()),
					statecheck.ExpectKnownValue("idaas_user.test", tfjsonpath.New("attribute_values"), knownvalue.MapSizeExact(1)),
				},
			},
			{
				// Update in place: name, group membership, attribute value.
				Config: testAccUserConfig_basic(env, "Janet", "devs", "CC-200"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_user.test", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair("idaas_user.test", "group_ids.0", "idaas_group.devs", "id"),
					func(s *terraform.State) error {
						u, err := env.client.GetUser(context.Background(), id)
						if err != nil {
							return err
						}
						if u.FirstName != "Janet" || len(u.Groups) != 1 || u.Groups[0].Name != "AWS Developers" ||
							len(u.UserAttributeValues) != 1 || u.UserAttributeValues[0].Value != "CC-200" {
							return fmt.Errorf("server has %+v", u)
						}
						return nil
					},
				),
			},
			{ResourceName: "idaas_user.test", ImportState: true, ImportStateVerify: true},
			{
				Config:          testAccUserConfig_basic(env, "Janet", "devs", "CC-200"),
				ResourceName:    "idaas_user.test",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// Drift: an admin adds the user to a second group and
				// deactivates them.
				PreConfig: func() {
					ctx := context.Background()
					u, err := env.client.GetUser(ctx, id)
					if err != nil {
						t.Fatal(err)
					}
					ids := []string{}
					for page, err := range env.client.GroupPages(ctx, client.SearchParms{}) {
						if err != nil {
							t.Fatal(err)
						}
						for _, g := range page {
							ids = append(ids, g.ID)
						}
					}
					if err := env.client.SetUserGroups(ctx, id, ids); err != nil {
						t.Fatal(err)
					}
					if _, err := env.client.UpdateUser(ctx, id, client.UserParms{UserID: u.UserID, State: "INACTIVE"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccUserConfig_basic(env, "Janet", "devs", "CC-200"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("idaas_user.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("idaas_user.test", tfjsonpath.New("state"), knownvalue.StringExact("ACTIVE")),
						plancheck.ExpectKnownValue("idaas_user.test", tfjsonpath.New("group_ids"), knownvalue.SetSizeExact(1)),
					},
				},
				Check: func(*terraform.State) error {
					if got := env.emu.UserGroups(id); len(got) != 1 {
						return fmt.Errorf("apply did not restore the groups: %v", got)
					}
					return nil
				},
			},
			{
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.DeleteUser(ctx, id) }),
				Config:    testAccUserConfig_basic(env, "Janet", "devs", "CC-200"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_user.test", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccUser_badEmail(t *testing.T) {
	env := newTestEnv(t)
	testSteps(t, nil, resource.TestStep{
		Config: env.config(`
resource "idaas_user" "x" {
  user_id = "x"
  email   = "not an address"
}
`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Invalid email.*"not an address" is not an e-mail address`),
	})
}
