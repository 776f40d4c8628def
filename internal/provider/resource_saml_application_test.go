package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/idp"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

const samlTwoCerts = `
resource "idaas_signing_certificate" "one" {
  name          = "one"
  key_algorithm = "RSA_2048"
}

resource "idaas_signing_certificate" "two" {
  name          = "two"
  key_algorithm = "RSA_2048"
}
`

func testAccSAMLAppConfig(env *testEnv, body string) string {
	return env.config(samlTwoCerts+`
resource "idaas_saml_application" "test" {
%s
}
`, body)
}

const samlAppV1 = `
  name                   = "Example SP"
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://sp.example.com/saml"
  acs_url                = "https://sp.example.com/saml/acs"
  additional_acs_urls    = ["https://sp.example.com/saml/acs2", "http://localhost:8080/acs"]
  signing_certificate_id = idaas_signing_certificate.one.id

  attribute {
    name           = "email"
    user_attribute = "Email"
  }
`

const samlAppV2 = `
  name                   = "Example SP (renamed)"
  description            = "Our SP"
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://sp.example.com/saml"
  acs_url                = "https://sp.example.com/saml/acs"
  name_id_format         = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
  name_id_attribute      = "UserID"
  signing_certificate_id = idaas_signing_certificate.two.id
  sign_assertion         = false
  sign_response          = true
  signature_algorithm    = "rsa-sha512"
  portal_url             = "https://sp.example.com/home"
  relay_state            = "/dashboard"
  session_duration       = "90m"

  attribute {
    name        = "https://aws.amazon.com/SAML/Attributes/AccessControl:Department"
    name_format = "uri"
    user_attribute = "Department"
  }
  attribute {
    name  = "Tenant"
    value = "example"
  }
`

func TestAccSAMLApplication_basic(t *testing.T) {
	env := newTestEnv(t)
	var id string
	addr := "idaas_saml_application.test"
	testCase(t, resource.TestCase{
		CheckDestroy: checkSAMLAppsAndCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: testAccSAMLAppConfig(env, samlAppV1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name_id_format"), knownvalue.StringExact("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name_id_attribute"), knownvalue.StringExact("Email")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sign_assertion"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sign_response"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("signature_algorithm"), knownvalue.StringExact("rsa-sha256")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sp_metadata_xml"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("session_duration"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additional_acs_urls"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("https://sp.example.com/saml/acs2"), knownvalue.StringExact("http://localhost:8080/acs")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("idp_sso_url"), knownvalue.StringRegexp(regexp.MustCompile(`^http://127\.0\.0\.1:\d+/api/saml/v2/applications/[0-9a-f-]{36}/sso$`))),
				},
				Check: func(s *terraform.State) (err error) {
					id, err = stateAttr(s, addr, "id")
					if err != nil {
						return err
					}
					infos, err := env.client.ListApplicationInfo(context.Background())
					if err != nil {
						return err
					}
					for _, a := range infos {
						if a.ID == id && a.Name == "Example SP" && a.ApplicationTemplate == "Generic SAML 2.0" && a.AuthenticationMethod == "SAML20" {
							return nil
						}
					}
					return fmt.Errorf("application %s not in applicationinfo: %+v", id, infos)
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Everything but the template changes in place, the
				// certificate too.
				Config: testAccSAMLAppConfig(env, samlAppV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("additional_acs_urls"), knownvalue.Null()),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("session_duration"), knownvalue.StringExact("90m")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("attribute").AtSliceIndex(0).AtMapKey("name_format"), knownvalue.StringExact("uri")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("attribute").AtSliceIndex(1).AtMapKey("user_attribute"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					a, err := env.client.GetSAMLApplication(context.Background(), id)
					if err != nil {
						return err
					}
					two, _ := stateAttr(s, "idaas_signing_certificate.two", "id")
					if a.SigningCertificateID != two || a.SessionDurationSeconds != 5400 || !a.SignResponse || a.SignAssertion || a.RelayState != "/dashboard" || len(a.Attributes) != 2 {
						return fmt.Errorf("server has %+v", a)
					}
					return nil
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config:          testAccSAMLAppConfig(env, samlAppV2),
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// "1h30m" means what the state says: no change.
				Config:   testAccSAMLAppConfig(env, strings.Replace(samlAppV2, `"90m"`, `"1h30m"`, 1)),
				PlanOnly: true,
			},
			{
				// Drift: changed in the console.
				PreConfig: func() {
					a, err := env.client.GetSAMLApplication(context.Background(), id)
					if err != nil {
						t.Fatal(err)
					}
					p := client.SAMLApplicationParms{Name: "changed by hand", SPEntityID: a.SPEntityID, ACSURL: a.ACSURL,
						SigningCertificateID: a.SigningCertificateID, SignatureAlgorithm: "rsa-sha256", SessionDurationSeconds: 3600}
					if _, err := env.client.UpdateSAMLApplication(context.Background(), id, p); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccSAMLAppConfig(env, samlAppV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Example SP (renamed)")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// The template cannot change in place.
				Config: testAccSAMLAppConfig(env, strings.Replace(samlAppV2, `"Generic SAML 2.0"`, `"AWS IAM Identity Center"`, 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: saveAttr(&id, addr, "id"),
			},
			{
				// Deleted in the console: planned for creation again.
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.DeleteSAMLApplication(ctx, id) }),
				Config:    testAccSAMLAppConfig(env, strings.Replace(samlAppV2, `"Generic SAML 2.0"`, `"AWS IAM Identity Center"`, 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

const awsRegion, awsDirectory, awsACSUUID = "eu-west-1", "d-93670f4a1b", "6f2b1c9e-4c1d-4f0a-9a7e-2d5b8c3e1f47"

// TestAccSAMLApplication_awsFlow is the whole AWS IAM Identity Center set-up:
// the SP metadata AWS offers, a certificate, the application, and the IdP
// metadata to upload to AWS, whose signature is verified.
func TestAccSAMLApplication_awsFlow(t *testing.T) {
	env := newTestEnv(t)
	spXML := samltest.AWSSPMetadataExample(awsRegion, awsDirectory, awsACSUUID)
	cfg := env.config(`
data "idaas_saml_sp_metadata" "aws" {
  xml = %q
}

data "idaas_application_template" "aws" {
  name = "AWS IAM Identity Center"
}

resource "idaas_signing_certificate" "aws" {
  name                = "aws-sso"
  key_algorithm       = "RSA_2048"
  subject_common_name = "login.example.com"
  validity_days       = 365
  renew_before_days   = 30

  lifecycle {
    create_before_destroy = true
  }
}

resource "idaas_saml_application" "aws" {
  name                   = "AWS IAM Identity Center"
  template               = data.idaas_application_template.aws.name
  sp_metadata_xml        = data.idaas_saml_sp_metadata.aws.xml
  signing_certificate_id = idaas_signing_certificate.aws.id
  portal_url             = "https://%s.awsapps.com/start"
  session_duration       = "8h"

  attribute {
    name           = "https://aws.amazon.com/SAML/Attributes/AccessControl:Department"
    name_format    = "uri"
    user_attribute = "Department"
  }
}

data "idaas_saml_idp_metadata" "aws" {
  application_id = idaas_saml_application.aws.id
  domain         = "login.example.com"
  lifetime_days  = 730
}

data "idaas_saml_application" "aws" {
  name = idaas_saml_application.aws.name
}
`, spXML, awsDirectory)
	entityID := "https://" + awsRegion + ".signin.aws.amazon.com/platform/saml/" + awsDirectory
	acsURL := "https://" + awsRegion + ".signin.aws.amazon.com/platform/saml/acs/" + awsACSUUID
	testCase(t, resource.TestCase{
		CheckDestroy: checkSAMLAppsAndCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					// The SP's entity id and ACS are known from the metadata
					// at plan time.
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue("idaas_saml_application.aws", tfjsonpath.New("sp_entity_id"), knownvalue.StringExact(entityID)),
						plancheck.ExpectKnownValue("idaas_saml_application.aws", tfjsonpath.New("acs_url"), knownvalue.StringExact(acsURL)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.idaas_saml_sp_metadata.aws", tfjsonpath.New("entity_id"), knownvalue.StringExact(entityID)),
					statecheck.ExpectKnownValue("data.idaas_saml_sp_metadata.aws", tfjsonpath.New("acs"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"url": knownvalue.StringExact(acsURL), "binding": knownvalue.StringExact("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"),
							"index": knownvalue.Int64Exact(0), "is_default": knownvalue.Bool(false),
						}),
					})),
					statecheck.ExpectKnownValue("data.idaas_saml_sp_metadata.aws", tfjsonpath.New("signing_certificates"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(samltest.AWSExampleSPCertificatePEM)})),
					statecheck.ExpectKnownValue("data.idaas_saml_sp_metadata.aws", tfjsonpath.New("name_id_formats"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")})),
					statecheck.ExpectKnownValue("data.idaas_application_template.aws", tfjsonpath.New("authentication_method"), knownvalue.StringExact("SAML20")),
					statecheck.ExpectKnownValue("idaas_saml_application.aws", tfjsonpath.New("sp_metadata_xml"), knownvalue.StringExact(spXML)),
					statecheck.ExpectKnownValue("idaas_saml_application.aws", tfjsonpath.New("additional_acs_urls"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.idaas_saml_application.aws", tfjsonpath.New("sp_entity_id"), knownvalue.StringExact(entityID)),
					statecheck.ExpectKnownValue("data.idaas_saml_application.aws", tfjsonpath.New("session_duration"), knownvalue.StringExact("8h")),
					statecheck.ExpectKnownValue("data.idaas_saml_idp_metadata.aws", tfjsonpath.New("entity_id"), knownvalue.StringRegexp(regexp.MustCompile(`^https://login\.example\.com/api/saml/v2/applications/[0-9a-f-]{36}$`))),
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.idaas_saml_application.aws", "id", "idaas_saml_application.aws", "id"),
					resource.TestCheckResourceAttrPair("data.idaas_saml_idp_metadata.aws", "certificate_pem", "idaas_signing_certificate.aws", "certificate_pem"),
					func(s *terraform.State) error {
						ds := s.RootModule().Resources["data.idaas_saml_idp_metadata.aws"].Primary.Attributes
						certPEM, _ := stateAttr(s, "idaas_signing_certificate.aws", "certificate_pem")
						cert, err := samlutil.ParseCertificatePEM(certPEM)
						if err != nil {
							return err
						}
						ed, err := idp.VerifyIdPMetadata(ds["xml"], cert)
						if err != nil {
							return fmt.Errorf("IdP metadata does not verify: %w", err)
						}
						if ed.EntityID != ds["entity_id"] || len(ed.IDPSSODescriptors) != 1 || ed.IDPSSODescriptors[0].SingleSignOnServices[0].Location != ds["sso_url"] {
							return fmt.Errorf("signed metadata says %q, data source %q / %q", ed.EntityID, ds["entity_id"], ds["sso_url"])
						}
						if !strings.HasSuffix(ds["sso_url"], "/sso") {
							return fmt.Errorf("sso_url %q", ds["sso_url"])
						}
						md, err := samlutil.ParseMetadata(ds["xml"])
						if err != nil || !md.IsIdP || md.ValidUntil == nil {
							return fmt.Errorf("IdP metadata parses to %+v, %v", md, err)
						}
						return nil
					},
				),
			},
			{
				// Second plan: nothing to do.
				Config:   cfg,
				PlanOnly: true,
			},
			{
				ResourceName:      "idaas_saml_application.aws",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccSAMLApplication_badInputs(t *testing.T) {
	env := newTestEnv(t)
	aws := samltest.AWSSPMetadataExample(awsRegion, awsDirectory, awsACSUUID)
	noACS := regexp.MustCompile(`(?s)<md:AssertionConsumerService[^>]*/>`).ReplaceAllString(aws, "")
	if noACS == aws {
		t.Fatal("test metadata has no ACS to remove")
	}
	httpACS := strings.Replace(aws, "https://"+awsRegion+".signin.aws.amazon.com/platform/saml/acs/", "http://sp.example.com/acs/", 1)
	app := func(extra string) string {
		return env.config(`
resource "idaas_saml_application" "bad" {
  name                   = "bad"
  template               = "Generic SAML 2.0"
  signing_certificate_id = "00000000-0000-0000-0000-000000000000"
  %s
}
`, extra)
	}
	idp := func(days int) string {
		return env.config(`
data "idaas_saml_idp_metadata" "bad" {
  application_id = "00000000-0000-0000-0000-000000000000"
  lifetime_days  = %d
}
`, days)
	}
	step := func(cfg, re string) resource.TestStep {
		return resource.TestStep{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(re)}
	}
	testSteps(t, nil,
		step(app(`sp_metadata_xml = "this is not XML"`), `(?s)Invalid sp_metadata_xml.*document is not XML`),
		step(app(fmt.Sprintf("sp_metadata_xml = %q", noACS)), `(?s)Invalid sp_metadata_xml.*SPSSODescriptor has no\s+AssertionConsumerService`),
		step(app(fmt.Sprintf("sp_metadata_xml = %q", httpACS)), `(?s)Invalid sp_metadata_xml.*must use\s+https`),
		step(app(`
  sp_entity_id = "https://sp.example.com"
  acs_url      = "http://sp.example.com/acs"`), `(?s)Invalid acs_url.*must use\s+https`),
		step(app(`session_duration = "eight hours"`), `(?s)Invalid session_duration`),
		step(idp(1), `(?s)lifetime_days.*value must be between 2 and 730, got: 1`),
		step(idp(731), `(?s)lifetime_days.*value must be between 2 and 730, got: 731`),
		step(strings.Replace(app(`sp_entity_id = "https://sp.example.com"
  acs_url = "https://sp.example.com/acs"`), `"Generic SAML 2.0"`, `"No Such Template"`, 1),
			`(?s)Unknown application template.*template\s+=\s+"No Such Template".*"Generic SAML\s+2\.0"`),
		step(strings.Replace(app(`sp_entity_id = "https://sp.example.com"
  acs_url = "https://sp.example.com/acs"`), `"Generic SAML 2.0"`, `"Generic OpenID Connect"`, 1),
			`(?s)Not a SAML 2\.0 template.*template\s+=\s+"Generic OpenID Connect"`),
		step(app(""), `(?s)Missing Attribute Configuration.*\[sp_metadata_xml,sp_entity_id\]`),
		step(app(fmt.Sprintf("sp_metadata_xml = %q\n  sp_entity_id = \"x\"", aws)),
			`(?s)sp_entity_id disagrees with sp_metadata_xml.*sp_entity_id = "x".*sp_entity_id is "x", but\s+sp_metadata_xml\s+gives\s+"https://`+awsRegion),
		step(app(fmt.Sprintf("sp_metadata_xml = %q\n  acs_url = \"https://sp.example.com/acs\"", aws)),
			`(?s)acs_url disagrees with sp_metadata_xml.*acs_url is\s+"https://sp.example.com/acs", but\s+sp_metadata_xml\s+gives`),
		step(app(fmt.Sprintf("sp_metadata_xml = %q\n  additional_acs_urls = [\"https://sp.example.com/acs\"]", aws)),
			`(?s)additional_acs_urls disagrees with sp_metadata_xml.*sp_metadata_xml\s+gives\s+none`),
		step(app(`sp_entity_id = "https://sp.example.com"`), `(?s)Missing acs_url.*acs_url must be set with sp_entity_id`),
		step(app(`acs_url = "https://sp.example.com/acs"`), `(?s)Missing sp_entity_id.*sp_entity_id must be set with acs_url`),
		step(app(`
  sp_entity_id = "https://sp.example.com"
  acs_url      = "https://sp.example.com/acs"
  attribute {
    name           = "a"
    user_attribute = "Email"
    value          = "fixed"
  }`), `(?s)Invalid Attribute Combination.*user_attribute`),
	)
}

// Configuration generated at import restates sp_entity_id, acs_url and
// additional_acs_urls beside sp_metadata_xml: accepted when they are what
// the metadata gives (inconsistent values fail in badInputs).
func TestAccSAMLApplication_metadataRestated(t *testing.T) {
	env := newTestEnv(t)
	first := "https://" + awsRegion + ".signin.aws.amazon.com/platform/saml/acs/" + awsACSUUID
	second := "https://sp.example.com/acs/default"
	aws := samltest.AWSSPMetadataExample(awsRegion, awsDirectory, awsACSUUID)
	acsLine := regexp.MustCompile(`<md:AssertionConsumerService[^>]*/>`).FindString(aws)
	spXML := strings.Replace(aws, acsLine, acsLine+"\n    "+
		`<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="`+second+`" index="1" isDefault="true"/>`, 1)
	entityID := "https://" + awsRegion + ".signin.aws.amazon.com/platform/saml/" + awsDirectory
	base := fmt.Sprintf(`
  name                   = "restated"
  template               = "Generic SAML 2.0"
  signing_certificate_id = idaas_signing_certificate.one.id
  sp_metadata_xml        = %q
`, spXML)
	restated := base + fmt.Sprintf(`
  sp_entity_id        = %q
  acs_url             = %q
  additional_acs_urls = [%q]
`, entityID, second, first)
	addr := "idaas_saml_application.test"
	testCase(t, resource.TestCase{
		CheckDestroy: checkSAMLAppsAndCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config:           testAccSAMLAppConfig(env, restated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sp_entity_id"), knownvalue.StringExact(entityID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("acs_url"), knownvalue.StringExact(second)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additional_acs_urls"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(first)})),
				},
			},
			{
				// Dropping the restated values changes nothing.
				Config:   testAccSAMLAppConfig(env, base),
				PlanOnly: true,
			},
		},
	})
}
