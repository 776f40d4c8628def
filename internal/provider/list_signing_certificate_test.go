package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Signing certificates are found by name, shown with their subject, and
// carry what an import reads (never a private key).
func signingCertificateListQuery(t *testing.T, env *testEnv, _ *testClock) []resource.TestStep {
	return []resource.TestStep{
		{Config: testAccSAMLAppConfig(env, samlAppV1)},
		{
			Query: true,
			Config: `
list "idaas_signing_certificate" "all" {
  provider         = idaas
  include_resource = true
}
list "idaas_signing_certificate" "two" {
  provider = idaas
  config {
    name_prefix = "TW"
  }
}
list "idaas_signing_certificate" "none" {
  provider = idaas
  config {
    name_contains = "three"
  }
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("idaas_signing_certificate.all", 2),
				querycheck.ExpectLength("idaas_signing_certificate.two", 1),
				querycheck.ExpectLength("idaas_signing_certificate.none", 0),
				querycheck.ExpectResourceDisplayName("idaas_signing_certificate.two", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.NotNull()}),
					knownvalue.StringRegexp(regexp.MustCompile(`^two \(CN=.+\)$`))),
				querycheck.ExpectResourceKnownValues("idaas_signing_certificate.all", queryfilter.ByDisplayName(knownvalue.StringRegexp(regexp.MustCompile(`^one `))), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("one")},
					{Path: tfjsonpath.New("key_algorithm"), KnownValue: knownvalue.StringExact("RSA_2048")},
					{Path: tfjsonpath.New("private_key_pem"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("renew_before_days"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("ready_for_renewal"), KnownValue: knownvalue.Bool(false)},
					{Path: tfjsonpath.New("certificate_pem"), KnownValue: knownvalue.StringRegexp(regexp.MustCompile(`^-----BEGIN CERTIFICATE-----`))},
				}),
			},
		},
	}
}
