package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

func testAccGeneratedCertConfig(env *testEnv, extra string) string {
	return env.config(`
resource "idaas_signing_certificate" "test" {
  name                = "saml signing"
  key_algorithm       = "ECDSA_P256"
  subject_common_name = "login.example.com"
  validity_days       = 30
  %s
}
`, extra)
}

func TestAccSigningCertificate_generated(t *testing.T) {
	env := newTestEnv(t)
	var id string
	fingerprintRe := regexp.MustCompile(`^([0-9A-F]{2}:){31}[0-9A-F]{2}$`)
	testCase(t, resource.TestCase{
		CheckDestroy: checkCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: testAccGeneratedCertConfig(env, ""),
				Check: func(s *terraform.State) (err error) {
					id, err = stateAttr(s, "idaas_signing_certificate.test", "id")
					if err != nil {
						return err
					}
					pemText, _ := stateAttr(s, "idaas_signing_certificate.test", "certificate_pem")
					cert, err := samlutil.ParseCertificatePEM(pemText)
					if err != nil {
						return err
					}
					if got := samlutil.KeyAlgorithmOf(cert); got != "ECDSA_P256" || cert.Subject.CommonName != "login.example.com" {
						return fmt.Errorf("certificate is %s %q", got, cert.Subject.CommonName)
					}
					if d := cert.NotAfter.Sub(cert.NotBefore); d != 30*24*time.Hour {
						return fmt.Errorf("validity %s", d)
					}
					want, _ := samlutil.Fingerprint(cert, "sha256")
					return resource.TestCheckResourceAttr("idaas_signing_certificate.test", "sha256_fingerprint", want)(s)
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_signing_certificate.test", tfjsonpath.New("private_key_pem"), knownvalue.Null()),
					statecheck.ExpectKnownValue("idaas_signing_certificate.test", tfjsonpath.New("ready_for_renewal"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("idaas_signing_certificate.test", tfjsonpath.New("sha1_fingerprint"), knownvalue.StringRegexp(regexp.MustCompile(`^([0-9A-F]{2}:){19}[0-9A-F]{2}$`))),
					statecheck.ExpectKnownValue("idaas_signing_certificate.test", tfjsonpath.New("sha256_fingerprint"), knownvalue.StringRegexp(fingerprintRe)),
					statecheck.ExpectKnownValue("idaas_signing_certificate.test", tfjsonpath.New("serial_number"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]+$`))),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:      "idaas_signing_certificate.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config:          testAccGeneratedCertConfig(env, ""),
				ResourceName:    "idaas_signing_certificate.test",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// renew_before_days is a policy, not part of the certificate:
				// changing it updates in place.
				Config: testAccGeneratedCertConfig(env, "renew_before_days = 10"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_signing_certificate.test", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					got, err := stateAttr(s, "idaas_signing_certificate.test", "id")
					if err == nil && got != id {
						err = fmt.Errorf("certificate replaced: %s -> %s", id, got)
					}
					return err
				},
			},
			{
				// Any certificate input replaces it.
				Config: strings.Replace(testAccGeneratedCertConfig(env, "renew_before_days = 10"), "validity_days       = 30", "validity_days = 60", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_signing_certificate.test", plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: saveAttr(&id, "idaas_signing_certificate.test", "id"),
			},
			{
				// Deleted in the console: planned for creation again.
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.DeleteSigningCertificate(ctx, id) }),
				Config:    strings.Replace(testAccGeneratedCertConfig(env, "renew_before_days = 10"), "validity_days       = 30", "validity_days = 60", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_signing_certificate.test", plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func testAccUploadedCertConfig(env *testEnv, certPEM, keyPEM string) string {
	return env.config(`
resource "idaas_signing_certificate" "up" {
  name            = "uploaded"
  certificate_pem = %q
  private_key_pem = %q
}
`, certPEM, keyPEM)
}

func TestAccSigningCertificate_uploaded(t *testing.T) {
	env := newTestEnv(t)
	certPEM, keyPEM := testCertificate(t, "RSA_2048", "uploaded.example.com", time.Now().Add(-time.Hour), 90*24*time.Hour)
	cert, _ := samlutil.ParseCertificatePEM(certPEM)
	sha1, _ := samlutil.Fingerprint(cert, "sha1")
	var id string
	testCase(t, resource.TestCase{
		CheckDestroy: checkCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: testAccUploadedCertConfig(env, certPEM, keyPEM),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					// What an upload will be is known at plan time.
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue("idaas_signing_certificate.up", tfjsonpath.New("sha1_fingerprint"), knownvalue.StringExact(sha1)),
						plancheck.ExpectKnownValue("idaas_signing_certificate.up", tfjsonpath.New("key_algorithm"), knownvalue.StringExact("RSA_2048")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_signing_certificate.up", tfjsonpath.New("certificate_pem"), knownvalue.StringExact(certPEM)),
					statecheck.ExpectKnownValue("idaas_signing_certificate.up", tfjsonpath.New("private_key_pem"), knownvalue.StringExact(keyPEM)),
					statecheck.ExpectKnownValue("idaas_signing_certificate.up", tfjsonpath.New("subject_common_name"), knownvalue.StringExact("uploaded.example.com")),
					statecheck.ExpectKnownValue("idaas_signing_certificate.up", tfjsonpath.New("validity_days"), knownvalue.Null()),
					statecheck.ExpectKnownValue("idaas_signing_certificate.up", tfjsonpath.New("not_after"), knownvalue.StringExact(cert.NotAfter.UTC().Format(time.RFC3339))),
				},
				Check: func(s *terraform.State) (err error) {
					id, err = stateAttr(s, "idaas_signing_certificate.up", "id")
					if err != nil {
						return err
					}
					// The tenant never gives the key back.
					raw, err := env.client.GetSigningCertificate(context.Background(), id)
					if err == nil && raw.Generated {
						err = fmt.Errorf("uploaded certificate marked generated")
					}
					return err
				},
			},
			{
				ResourceName:            "idaas_signing_certificate.up",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"private_key_pem"},
			},
			{
				// With an import block, the configured key is adopted in
				// place: no new certificate.
				Config:             testAccUploadedCertConfig(env, certPEM, keyPEM),
				ResourceName:       "idaas_signing_certificate.up",
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("idaas_signing_certificate.up", plancheck.ResourceActionUpdate),
				}},
			},
			{
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.DeleteSigningCertificate(ctx, id) }),
				Config:    testAccUploadedCertConfig(env, certPEM, keyPEM),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_signing_certificate.up", plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccSigningCertificate_badInputs(t *testing.T) {
	env := newTestEnv(t)
	certPEM, keyPEM := testCertificate(t, "RSA_2048", "a", time.Now().Add(-time.Hour), 48*time.Hour)
	_, otherKeyPEM := testCertificate(t, "RSA_2048", "b", time.Now().Add(-time.Hour), 48*time.Hour)
	expiredPEM, expiredKeyPEM := testCertificate(t, "ECDSA_P256", "old", time.Now().Add(-72*time.Hour), 24*time.Hour)
	step := func(cfg, re string) resource.TestStep {
		return resource.TestStep{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(re)}
	}
	testSteps(t, nil,
		step(testAccUploadedCertConfig(env, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n", keyPEM),
			`(?s)Invalid certificate_pem.*not a PEM encoded certificate`),
		step(testAccUploadedCertConfig(env, "hello", keyPEM), `(?s)Invalid certificate_pem.*no PEM block found`),
		step(testAccUploadedCertConfig(env, certPEM, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
			`(?s)Invalid private_key_pem.*not a PEM encoded private key`),
		step(testAccUploadedCertConfig(env, certPEM, otherKeyPEM), `(?s)Private key does not match the certificate.*private_key_pem is not the key of\s+certificate_pem`),
		step(testAccUploadedCertConfig(env, expiredPEM, expiredKeyPEM), `(?s)Certificate has expired.*certificate_pem\s+=.*expired on`),
		step(testAccGeneratedCertConfig(env, "renew_before_days = 30"), `(?s)renew_before_days too large.*must be less than validity_days`),
		step(env.config(`
resource "idaas_signing_certificate" "x" {
  key_algorithm = "DSA_1024"
}
`), `(?s)key_algorithm.*value must be one of`),
		// certificate_pem alone may only restate a certificate in state.
		step(env.config(`
resource "idaas_signing_certificate" "x" {
  certificate_pem = %q
}
`, certPEM), `(?s)certificate_pem needs private_key_pem_wo or private_key_pem.*certificate_pem\s+=.*needs a private key to upload a\s+certificate`),
		step(env.config(`
resource "idaas_signing_certificate" "x" {
  private_key_pem = %q
}
`, keyPEM), `(?s)Missing certificate_pem.*private_key_pem uploads a certificate`),
		// An upload's generation arguments must say what the certificate says.
		step(strings.Replace(testAccUploadedCertConfig(env, certPEM, keyPEM), `name `, `key_algorithm = "ECDSA_P256"
  name `, 1), `(?s)key_algorithm disagrees with certificate_pem.*key_algorithm = "ECDSA_P256".*is\s+"ECDSA_P256", but the\s+uploaded\s+certificate_pem\s+says\s+"RSA_2048"`),
		step(strings.Replace(testAccUploadedCertConfig(env, certPEM, keyPEM), `name `, `subject_common_name = "b"
  name `, 1), `(?s)subject_common_name disagrees with certificate_pem.*subject_common_name = "b"`),
		step(strings.Replace(testAccUploadedCertConfig(env, certPEM, keyPEM), `name `, `validity_days = 2
  name `, 1), `(?s)validity_days is for generated certificates.*validity_days = 2`),
		step(strings.Replace(testAccUploadedCertConfig(env, certPEM, keyPEM), `name `, `renew_before_days = 1
  name `, 1), `(?s)Invalid Attribute Combination.*\[private_key_pem,renew_before_days\]`),
	)
}

// TestAccSigningCertificate_rotation moves the clock into the renewal window:
// the certificate is replaced before the old one is destroyed, the
// application follows it in place, and the next plan is empty.
func TestAccSigningCertificate_rotation(t *testing.T) {
	testCertificateRotation(t, "", nil)
}

// A named certificate (as the guides name theirs) rotates too: the name
// check leaves the create half of the replacement alone during the apply.
// Terraform tells the provider it is applying (deferrals allowed) in the
// versions tested, 1.16 and 1.17; Terraform 1.8.5 does not, and there the
// apply fails with "Already exists" on the old certificate.
func TestAccSigningCertificate_rotationNamed(t *testing.T) {
	testCertificateRotation(t, `name = "rot"`, applyKnownCLI)
}

func testCertificateRotation(t *testing.T, name string, versions []tfversion.TerraformVersionCheck) {
	t.Helper()
	env, clock, factories := newClockTestEnv(t)
	cfg := env.config(`
resource "idaas_signing_certificate" "rot" {
  %s
  key_algorithm     = "RSA_2048"
  validity_days     = 30
  renew_before_days = 10

  lifecycle {
    create_before_destroy = true
  }
}

resource "idaas_saml_application" "app" {
  name                   = "rotating"
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://sp.example.com"
  acs_url                = "https://sp.example.com/acs"
  signing_certificate_id = idaas_signing_certificate.rot.id
}
`, name)
	var oldID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   versions,
		CheckDestroy:             checkSAMLAppsAndCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				Check:            saveAttr(&oldID, "idaas_signing_certificate.rot", "id"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// 19 days on: not yet in the window.
				PreConfig: func() { clock.Advance(19 * 24 * time.Hour) },
				Config:    cfg,
				PlanOnly:  true,
			},
			{
				// 25 days on: 5 days left, within renew_before_days.
				PreConfig: func() { clock.Advance(6 * 24 * time.Hour) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("idaas_signing_certificate.rot", plancheck.ResourceActionCreateBeforeDestroy),
						plancheck.ExpectResourceAction("idaas_saml_application.app", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_signing_certificate.rot", tfjsonpath.New("ready_for_renewal"), knownvalue.Bool(false)),
					statecheck.CompareValuePairs("idaas_signing_certificate.rot", tfjsonpath.New("id"),
						"idaas_saml_application.app", tfjsonpath.New("signing_certificate_id"), compare.ValuesSame()),
				},
				Check: func(s *terraform.State) error {
					newID, _ := stateAttr(s, "idaas_signing_certificate.rot", "id")
					if newID == oldID {
						return fmt.Errorf("certificate not replaced")
					}
					appID, _ := stateAttr(s, "idaas_saml_application.app", "id")
					app, err := env.client.GetSAMLApplication(context.Background(), appID)
					if err != nil {
						return err
					}
					if app.SigningCertificateID != newID {
						return fmt.Errorf("application signs with %s, want %s", app.SigningCertificateID, newID)
					}
					if _, err := env.client.GetSigningCertificate(context.Background(), oldID); err == nil {
						return fmt.Errorf("old certificate %s still exists", oldID)
					}
					return nil
				},
			},
			{
				// The rotation holds: nothing to do on the next run.
				Config:   cfg,
				PlanOnly: true,
			},
		},
	})
}

// Without create_before_destroy, replacing a certificate an application uses
// fails with advice, and nothing is lost.
func TestAccSigningCertificate_inUseWithoutCreateBeforeDestroy(t *testing.T) {
	env := newTestEnv(t)
	cfg := func(name string) string {
		return env.config(`
resource "idaas_signing_certificate" "c" {
  name          = %q
  key_algorithm = "ECDSA_P256"
}

resource "idaas_saml_application" "app" {
  name                   = "in use"
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://sp.example.com"
  acs_url                = "https://sp.example.com/acs"
  signature_algorithm    = "ecdsa-sha256"
  signing_certificate_id = idaas_signing_certificate.c.id
}
`, name)
	}
	testCase(t, resource.TestCase{
		CheckDestroy: checkSAMLAppsAndCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cfg("first")},
			{
				Config:      cfg("second"),
				ExpectError: regexp.MustCompile(`(?s)is still in use.*CERTIFICATE_IN_USE.*create_before_destroy`),
			},
		},
	})
}

// Configuration generated at import restates a tenant-generated
// certificate: certificate_pem without private_key_pem, beside the
// generation arguments. Accepted while it is the certificate in state and
// the plan keeps it; refused at plan time otherwise.
func TestAccSigningCertificate_generatedRestated(t *testing.T) {
	env := newTestEnv(t)
	made, err := env.client.CreateSigningCertificate(context.Background(), client.SigningCertificateParms{
		Name: "restated", KeyAlgorithm: "ECDSA_P256", SubjectCommonName: "login.example.com", ValidityDays: 30})
	if err != nil {
		t.Fatal(err)
	}
	otherPEM, _ := testCertificate(t, "ECDSA_P256", "login.example.com", time.Now().Add(-time.Hour), 30*24*time.Hour)
	cfg := func(certPEM string, validity int, extra string) string {
		certLine := ""
		if certPEM != "" {
			certLine = "certificate_pem = " + strconvQuote(certPEM)
		}
		return env.config(`
import {
  to = idaas_signing_certificate.test
  id = %q
}
resource "idaas_signing_certificate" "test" {
  name                = "restated"
  %s
  key_algorithm       = "ECDSA_P256"
  subject_common_name = "login.example.com"
  validity_days       = %d
  %s
}
`, made.ID, certLine, validity, extra)
	}
	addr := "idaas_signing_certificate.test"
	testCase(t, resource.TestCase{
		CheckDestroy: checkCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: cfg(made.CertificatePEM, 30, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// A new certificate cannot be the restated one.
				Config:      cfg(made.CertificatePEM, 60, ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)certificate_pem needs private_key_pem.*replaces\s+signing\s+certificate.*validity_days\s+changes`),
			},
			{
				Config:      cfg(otherPEM, 30, ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)certificate_pem differs from the certificate.*certificate_pem\s+=.*is a\s+different\s+certificate`),
			},
			{
				// renew_before_days goes with a restated certificate.
				Config: cfg(made.CertificatePEM, 30, "renew_before_days = 10"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(made.ID)),
				},
			},
			{
				// Dropping the restated certificate changes nothing.
				Config:   cfg("", 30, "renew_before_days = 10"),
				PlanOnly: true,
			},
		},
	})
}

// An upload may restate key_algorithm and subject_common_name when they are
// what the certificate says.
func TestAccSigningCertificate_uploadedRestated(t *testing.T) {
	env := newTestEnv(t)
	certPEM, keyPEM := testCertificate(t, "ECDSA_P384", "restated.example.com", time.Now().Add(-time.Hour), 90*24*time.Hour)
	cfg := strings.Replace(testAccUploadedCertConfig(env, certPEM, keyPEM), `name `, `key_algorithm       = "ECDSA_P384"
  subject_common_name = "restated.example.com"
  name `, 1)
	testCase(t, resource.TestCase{
		CheckDestroy: checkCertificatesDestroyed(env),
		Steps: []resource.TestStep{{
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("idaas_signing_certificate.up", tfjsonpath.New("key_algorithm"), knownvalue.StringExact("ECDSA_P384")),
			},
		}},
	})
}
