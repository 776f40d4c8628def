package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

func testAccUserAttributeConfig_basic(env *testEnv, name string, unique bool, typ string) string {
	return env.config(`
resource "idaas_user_attribute" "test" {
  name   = %q
  unique = %t
  type   = %q
}
`, name, unique, typ)
}

func TestAccUserAttribute_basic(t *testing.T) {
	env := newTestEnv(t)
	var id string
	testCase(t, resource.TestCase{
		CheckDestroy: testAccCheckDestroyed(env, "idaas_user_attribute", (*client.Client).GetUserAttribute),
		Steps: []resource.TestStep{
			{
				Config: testAccUserAttributeConfig_basic(env, "Cost Centre", false, "NONE"),
				Check:  saveAttr(&id, "idaas_user_attribute.test", "id"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_user_attribute.test", tfjsonpath.New("name"), knownvalue.StringExact("Cost Centre")),
					statecheck.ExpectKnownValue("idaas_user_attribute.test", tfjsonpath.New("mandatory"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("idaas_user_attribute.test", tfjsonpath.New("unique"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("idaas_user_attribute.test", tfjsonpath.New("system_defined"), knownvalue.Bool(false)),
				},
			},
			{
				Config: testAccUserAttributeConfig_basic(env, "Work Email", true, "OTP_EMAIL"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_user_attribute.test", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_user_attribute.test", tfjsonpath.New("unique"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("idaas_user_attribute.test", tfjsonpath.New("type"), knownvalue.StringExact("OTP_EMAIL")),
				},
			},
			{ResourceName: "idaas_user_attribute.test", ImportState: true, ImportStateVerify: true},
			{
				Config:          testAccUserAttributeConfig_basic(env, "Work Email", true, "OTP_EMAIL"),
				ResourceName:    "idaas_user_attribute.test",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				PreConfig: func() {
					f := false
					if _, err := env.client.UpdateUserAttribute(context.Background(), id, client.UserAttributeParms{Unique: &f}); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccUserAttributeConfig_basic(env, "Work Email", true, "OTP_EMAIL"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("idaas_user_attribute.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("idaas_user_attribute.test", tfjsonpath.New("unique"), knownvalue.Bool(true)),
					},
				},
			},
			{
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.DeleteUserAttribute(ctx, id) }),
				Config:    testAccUserAttributeConfig_basic(env, "Work Email", true, "OTP_EMAIL"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_user_attribute.test", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccUserAttribute_badType(t *testing.T) {
	env := newTestEnv(t)
	testSteps(t, nil, resource.TestStep{
		Config:      testAccUserAttributeConfig_basic(env, "x", false, "OTP_PIGEON"),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Attribute type value must be one of:.*OTP_PIGEON`),
	})
}
