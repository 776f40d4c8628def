package provider

import (
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

func TestFunction_certificateFingerprint(t *testing.T) {
	certPEM, _ := testCertificate(t, "ECDSA_P256", "fp", time.Now().Add(-time.Hour), 24*time.Hour)
	cert, _ := samlutil.ParseCertificatePEM(certPEM)
	sha1, _ := samlutil.Fingerprint(cert, "sha1")
	sha256, _ := samlutil.Fingerprint(cert, "sha256")
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
output "sha1" { value = provider::idaas::certificate_fingerprint(` + hclString(certPEM) + `, "sha1") }
output "sha256" { value = provider::idaas::certificate_fingerprint(` + hclString(certPEM) + `, "SHA-256") }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("sha1", knownvalue.StringExact(sha1)),
					statecheck.ExpectKnownOutputValue("sha256", knownvalue.StringExact(sha256)),
				},
			},
			{
				Config:      `output "x" { value = provider::idaas::certificate_fingerprint("nope", "sha256") }`,
				ExpectError: regexp.MustCompile(`(?s)Invalid value for "pem" parameter.*no PEM block found`),
			},
			{
				Config:      `output "x" { value = provider::idaas::certificate_fingerprint(` + hclString(certPEM) + `, "md5") }`,
				ExpectError: regexp.MustCompile(`(?s)Invalid value for "algorithm" parameter.*unsupported fingerprint\s+algorithm "md5"`),
			},
		},
	})
}
