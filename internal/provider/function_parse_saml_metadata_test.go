package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

func TestFunction_parseSAMLMetadata(t *testing.T) {
	xml := samltest.AWSSPMetadataExample(awsRegion, awsDirectory, awsACSUUID)
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
locals {
  md = provider::idaas::parse_saml_metadata(` + hclString(xml) + `)
}
output "entity_id" { value = local.md.entity_id }
output "is_sp" { value = local.md.is_sp }
output "is_idp" { value = local.md.is_idp }
output "acs_url" { value = local.md.acs[0].url }
output "acs_default" { value = local.md.acs[0].is_default }
output "certs" { value = length(local.md.signing_certificates) }
output "want_assertions_signed" { value = local.md.want_assertions_signed }
output "no_valid_until" { value = local.md.valid_until == null }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("entity_id", knownvalue.StringExact("https://"+awsRegion+".signin.aws.amazon.com/platform/saml/"+awsDirectory)),
					statecheck.ExpectKnownOutputValue("is_sp", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("is_idp", knownvalue.Bool(false)),
					statecheck.ExpectKnownOutputValue("acs_url", knownvalue.StringExact("https://"+awsRegion+".signin.aws.amazon.com/platform/saml/acs/"+awsACSUUID)),
					statecheck.ExpectKnownOutputValue("acs_default", knownvalue.Bool(false)), // AWS marks none
					statecheck.ExpectKnownOutputValue("certs", knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownOutputValue("want_assertions_signed", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("no_valid_until", knownvalue.Bool(true)),
				},
			},
			{
				Config:      `output "x" { value = provider::idaas::parse_saml_metadata("<html>") }`,
				ExpectError: regexp.MustCompile(`(?s)Invalid value for "xml" parameter.*xml: document is not`),
			},
		},
	})
}
