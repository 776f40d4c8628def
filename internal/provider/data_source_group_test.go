package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccGroupDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	testSteps(t, nil,
		resource.TestStep{
			Config:      env.config(`data "idaas_group" "missing" { name = "nobody" }`),
			ExpectError: regexp.MustCompile(`No group named nobody`),
		},
		resource.TestStep{
			Config: env.config(`
data "idaas_group" "both" {
  name        = "a"
  external_id = "b"
}
`),
			ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination`),
		},
		resource.TestStep{
			Config: env.config(`
resource "idaas_group" "g" {
  name        = "Directory Group"
  external_id = "CN=dir,DC=example"
}
data "idaas_group" "by_name" { name = idaas_group.g.name }
data "idaas_group" "by_ext" { external_id = idaas_group.g.external_id }
`),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrPair("data.idaas_group.by_name", "id", "idaas_group.g", "id"),
				resource.TestCheckResourceAttrPair("data.idaas_group.by_ext", "id", "idaas_group.g", "id"),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.idaas_group.by_ext", tfjsonpath.New("name"), knownvalue.StringExact("Directory Group")),
				statecheck.ExpectKnownValue("data.idaas_group.by_name", tfjsonpath.New("type"), knownvalue.StringExact("MGMT_UI")),
			},
		},
	)
}
