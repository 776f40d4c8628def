package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The ephemeral idaas_scim_groups reads groups with their members (learned
// through filters in AWS mode) and keeps the token out of state.
func TestAccSCIMGroupsEphemeral(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := seedSCIM(t, env)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralCLI,
		ProtoV6ProviderFactories: withEcho,
		Steps: []resource.TestStep{{
			Config: env.config(`
variable "scim_token" {
  type      = string
  sensitive = true
  ephemeral = true
}
ephemeral "idaas_scim_groups" "aws" {
  scim_endpoint = %q
  bearer_token  = var.scim_token
  filter        = "displayName eq \"AWS Users\""
}
ephemeral "idaas_scim_groups" "names_only" {
  scim_endpoint   = %[1]q
  bearer_token    = var.scim_token
  include_members = false
}
provider "echo" {
  data = {
    group   = one(ephemeral.idaas_scim_groups.aws.groups).display_name
    members = one(ephemeral.idaas_scim_groups.aws.groups).member_external_ids
    without = one(ephemeral.idaas_scim_groups.names_only.groups).member_external_ids
  }
}
resource "echo" "scim" {}
`, endpoint),
			ConfigVariables: config.Variables{"scim_token": config.StringVariable(token)},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.scim", tfjsonpath.New("data").AtMapKey("group"), knownvalue.StringExact("AWS Users")),
				statecheck.ExpectKnownValue("echo.scim", tfjsonpath.New("data").AtMapKey("members"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ext-ann")})),
				statecheck.ExpectKnownValue("echo.scim", tfjsonpath.New("data").AtMapKey("without"), knownvalue.Null()),
			},
			Check: noSecretInState(token),
		}},
	})
}
