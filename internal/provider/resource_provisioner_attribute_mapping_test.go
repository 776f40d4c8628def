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
)

func TestAccProvisionerAttributeMapping_planTimeValidation(t *testing.T) {
	env := newTestEnv(t)
	for attr, want := range map[string]string{
		`displayname`:   `scim_attribute.*SCIM attribute names are written\s+"displayName"`,
		`emails.value`:  `emails is multi-valued; address one value through a\s+filter`,
		`externalId`:    `externalId cannot be mapped`,
		`shoeSize`:      `is not an attribute of the SCIM core or enterprise user\s+schema`,
		`name.nickname`: `set one sub-attribute of name`,
	} {
		t.Run(attr, func(t *testing.T) {
			testCase(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config: env.config(`
resource "idaas_provisioner_attribute_mapping" "m" {
  provisioner_id = "p"
  scim_attribute = %q
  value          = "x"
}`, attr),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)` + want),
				}},
			})
		})
	}
	testSteps(t, nil, resource.TestStep{
		Config: env.config(`
resource "idaas_provisioner_attribute_mapping" "m" {
  provisioner_id = "p"
  scim_attribute = "title"
  value          = "x"
  user_attribute = "Email"
}`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*user_attribute.*value`),
	})
}

func TestAccProvisionerAttributeMapping_customAndConstant(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	var pid string
	mappings := `
resource "idaas_user_attribute" "dept" { name = "Department" }
resource "idaas_provisioner_attribute_mapping" "dept" {
  provisioner_id = idaas_provisioner.p.id
  scim_attribute = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"
  user_attribute = idaas_user_attribute.dept.name
}
resource "idaas_provisioner_attribute_mapping" "title" {
  provisioner_id = idaas_provisioner.p.id
  scim_attribute = "title"
  value          = %q
}
resource "idaas_provisioner_attribute_mapping" "user_name" {
  provisioner_id = idaas_provisioner.p.id
  scim_attribute = "userName"
  user_attribute = "Email"
}`
	testSteps(t, nil,
		resource.TestStep{
			Config: provisionerOnlyConfig(env, endpoint, token, false, fmt.Sprintf(mappings, "Engineer")),
			Check:  saveAttr(&pid, "idaas_provisioner.p", "id"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("idaas_provisioner_attribute_mapping.dept", tfjsonpath.New("user_attribute"), knownvalue.StringExact("Department")),
				statecheck.ExpectKnownValue("idaas_provisioner_attribute_mapping.title", tfjsonpath.New("value"), knownvalue.StringExact("Engineer")),
				statecheck.ExpectKnownValue("idaas_provisioner_attribute_mapping.title", tfjsonpath.New("user_attribute"), knownvalue.Null()),
				// The default userName mapping was adopted.
				statecheck.ExpectKnownValue("idaas_provisioner_attribute_mapping.user_name", tfjsonpath.New("user_attribute"), knownvalue.StringExact("Email")),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		resource.TestStep{
			Config: provisionerOnlyConfig(env, endpoint, token, false, fmt.Sprintf(mappings, "Architect")),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_provisioner_attribute_mapping.title", plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
		resource.TestStep{
			// Removing the mapping resources deletes only them: the other
			// default mappings stay.
			Config: provisionerOnlyConfig(env, endpoint, token, false, ""),
			Check: func(*terraform.State) error {
				ms, err := env.client.ListAttributeMappings(context.Background(), pid)
				if err != nil {
					return err
				}
				var got []string
				for _, m := range ms {
					got = append(got, m.SCIMAttribute)
				}
				want := `[displayName name.givenName name.familyName emails[type eq "work"].value active]`
				if fmt.Sprint(got) != want {
					return fmt.Errorf("mappings left: %v, want %s", got, want)
				}
				return nil
			},
		},
	)
}
