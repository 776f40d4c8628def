package provider

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/beevik/etree"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/serviceprovider"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

// testAccSAMLSignInConfig is AWS IAM Identity Center's console guide in
// small: a certificate of keyAlg, the application built from AWS's SP
// metadata (app holds its further arguments), Jane in admins, Bob in
// others, Dora in admins but disabled, a rule for admins, and the IdP
// metadata, whose XML a terraform_data keeps so that any change of it shows
// in the plan.
func testAccSAMLSignInConfig(env *testEnv, keyAlg, app string) string {
	return env.config(`
resource "idaas_signing_certificate" "aws" {
  name          = "aws"
  key_algorithm = %q
}

resource "idaas_user_attribute" "dept" {
  name = "Department"
}

resource "idaas_group" "admins" {
  name = "admins"
}

resource "idaas_group" "others" {
  name = "others"
}

resource "idaas_user" "jane" {
  user_id    = "jane"
  first_name = "Jane"
  last_name  = "Doe"
  email      = "jane@example.com"
  state      = "ACTIVE"
  group_ids  = [idaas_group.admins.id]
  attribute_values = {
    (idaas_user_attribute.dept.id) = "Dept of Jane"
  }
}

resource "idaas_user" "bob" {
  user_id    = "bob"
  first_name = "Bob"
  last_name  = "Doe"
  email      = "bob@example.com"
  state      = "ACTIVE"
  group_ids  = [idaas_group.others.id]
  attribute_values = {
    (idaas_user_attribute.dept.id) = "Dept of Bob"
  }
}

resource "idaas_user" "dora" {
  user_id    = "dora"
  first_name = "Dora"
  last_name  = "Doe"
  email      = "dora@example.com"
  state      = "INACTIVE"
  group_ids  = [idaas_group.admins.id]
  attribute_values = {
    (idaas_user_attribute.dept.id) = "Dept of Dora"
  }
}

resource "idaas_saml_application" "aws" {
  name                   = "AWS IAM Identity Center"
  template               = "AWS IAM Identity Center"
  sp_metadata_xml        = %q
  signing_certificate_id = idaas_signing_certificate.aws.id
  session_duration       = "8h"
  relay_state            = "https://console.aws.amazon.com/"
%s
}

data "idaas_authentication_flow" "password" {
  name = "Password"
}

resource "idaas_resource_rule" "aws" {
  name                               = "AWS access"
  application_id                     = idaas_saml_application.aws.id
  group_ids                          = [idaas_group.admins.id]
  low_risk_authentication_flow_id    = data.idaas_authentication_flow.password.id
  medium_risk_authentication_flow_id = data.idaas_authentication_flow.password.id
  high_risk_authentication_flow_id   = data.idaas_authentication_flow.password.id
}

data "idaas_saml_idp_metadata" "aws" {
  application_id = idaas_saml_application.aws.id
}

resource "terraform_data" "idp_metadata" {
  input = data.idaas_saml_idp_metadata.aws.xml
}
`, keyAlg, testAWSSPMetadata, app)
}

var testAWSSPMetadata = samltest.AWSSPMetadataExample("us-east-1", "d-1234567890", "0b5bdc2f-2c6e-4b8e-9d9a-7e3c4c8a1f00")

// signIn signs user in to the AWS stand-in (crewjam/saml's service
// provider) configured with the IdP metadata in state, IdP-initiated.
func signIn(env *testEnv, s *terraform.State, user string) (*serviceprovider.Result, error) {
	xml, err := stateAttr(s, "data.idaas_saml_idp_metadata.aws", "xml")
	if err != nil {
		return nil, err
	}
	app, err := stateAttr(s, "idaas_saml_application.aws", "id")
	if err != nil {
		return nil, err
	}
	sp, err := serviceprovider.New(testAWSSPMetadata, xml)
	if err != nil {
		return nil, err
	}
	return sp.IdPInitiated(env.srv.URL + "/_emulator/signin?" + url.Values{"application": {app}, "user": {user}}.Encode())
}

// checkSignIn checks that Jane signs in with nameID and the attributes
// attrs, and that Bob (outside the rule's group) and Dora (disabled) are
// refused.
func checkSignIn(env *testEnv, nameID string, attrs map[string][]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		r, err := signIn(env, s, "jane")
		if err != nil {
			return fmt.Errorf("jane: %w", err)
		}
		if r.NameID != nameID {
			return fmt.Errorf("NameID %q, want %q", r.NameID, nameID)
		}
		if len(r.Attributes) != len(attrs) {
			return fmt.Errorf("attributes %v, want %v", r.Attributes, attrs)
		}
		for k, v := range attrs {
			if !slices.Equal(r.Attributes[k], v) {
				return fmt.Errorf("attribute %s = %v, want %v", k, r.Attributes[k], v)
			}
		}
		if r.RelayState != "https://console.aws.amazon.com/" || r.SessionNotOnOrAfter() == nil {
			return fmt.Errorf("relay state %q, session end %v", r.RelayState, r.SessionNotOnOrAfter())
		}
		for user, why := range map[string]string{"bob": "not allowed", "dora": "disabled"} {
			_, err := signIn(env, s, user)
			var ref *serviceprovider.RefusedError
			if !errors.As(err, &ref) || !strings.Contains(ref.Message, why) {
				return fmt.Errorf("%s: %v, want a refusal saying %q", user, err, why)
			}
		}
		return nil
	}
}

// TestAccSAMLApplication_signIn: Jane signs in to the AWS stand-in with what
// the configuration says; a change of name_id_attribute and of an attribute
// block changes the next assertion.
func TestAccSAMLApplication_signIn(t *testing.T) {
	env := newTestEnv(t)
	const dept = "https://aws.amazon.com/SAML/Attributes/AccessControl:Department"
	testCase(t, resource.TestCase{
		CheckDestroy: checkSAMLAppsAndCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: testAccSAMLSignInConfig(env, "RSA_2048", `
  attribute {
    name           = "`+dept+`"
    user_attribute = "Department"
  }
`),
				Check: checkSignIn(env, "jane@example.com", map[string][]string{dept: {"Dept of Jane"}}),
			},
			{
				Config: testAccSAMLSignInConfig(env, "RSA_2048", `
  name_id_format    = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
  name_id_attribute = "User ID"

  attribute {
    name           = "`+dept+`"
    user_attribute = "First Name"
  }
  attribute {
    name  = "CostCenter"
    value = "CC-1042"
  }
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("idaas_saml_application.aws", plancheck.ResourceActionUpdate),
				}},
				Check: checkSignIn(env, "jane", map[string][]string{dept: {"Jane"}, "CostCenter": {"CC-1042"}}),
			},
		},
	})
}

// ecdsaSignatureValue is the decoded SignatureValue of a signed document.
func ecdsaSignatureValue(doc string) ([]byte, error) {
	tree := etree.NewDocument()
	if err := tree.ReadFromString(doc); err != nil {
		return nil, err
	}
	el := tree.FindElement("//SignatureValue")
	if el == nil {
		return nil, errors.New("no SignatureValue")
	}
	return base64.StdEncoding.DecodeString(strings.Join(strings.Fields(el.Text()), ""))
}

// TestAccSAMLApplication_ecdsaPlansClean: an application on an ECDSA
// certificate with no signature_algorithm applies (ecdsa-sha256, the key's
// default), Jane signs in, and plan after plan and refresh after refresh
// find nothing to do: the signed IdP metadata is the same on every read.
func TestAccSAMLApplication_ecdsaPlansClean(t *testing.T) {
	env := newTestEnv(t)
	cfg := testAccSAMLSignInConfig(env, "ECDSA_P256", "")
	empty := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	testCase(t, resource.TestCase{
		CheckDestroy: checkSAMLAppsAndCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("idaas_saml_application.aws", tfjsonpath.New("signature_algorithm"), knownvalue.StringExact("ecdsa-sha256")),
				},
				Check: resource.ComposeTestCheckFunc(
					checkSignIn(env, "jane@example.com", map[string][]string{}),
					func(s *terraform.State) error {
						xml, err := stateAttr(s, "data.idaas_saml_idp_metadata.aws", "xml")
						if err != nil {
							return err
						}
						raw, err := ecdsaSignatureValue(xml)
						if err != nil || len(raw) != 64 {
							return fmt.Errorf("IdP metadata SignatureValue: %d bytes, %v; want r||s, 64 bytes", len(raw), err)
						}
						return nil
					},
				),
			},
			{Config: cfg, PlanOnly: true},
			{Config: cfg, PlanOnly: true},
			{RefreshState: true},
			{Config: cfg, ConfigPlanChecks: empty},
			{Config: cfg, PlanOnly: true},
			{RefreshState: true},
			{Config: cfg, PlanOnly: true},
		},
	})
}

// TestAccSAMLApplication_signatureAlgorithmFitsKey: a signature_algorithm
// that does not fit the certificate's key fails the plan, naming it; moving
// to a certificate of another key type with no signature_algorithm follows
// the key.
func TestAccSAMLApplication_signatureAlgorithmFitsKey(t *testing.T) {
	env := newTestEnv(t)
	cfg := func(keyAlg, alg string) string {
		body := ""
		if alg != "" {
			body = fmt.Sprintf("  signature_algorithm = %q\n", alg)
		}
		return env.config(`
resource "idaas_signing_certificate" "c" {
  name          = %q
  key_algorithm = %q

  lifecycle {
    create_before_destroy = true
  }
}

resource "idaas_saml_application" "app" {
  name                   = "fits"
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://sp.example.com"
  acs_url                = "https://sp.example.com/acs"
  signing_certificate_id = idaas_signing_certificate.c.id
%s}
`, strings.ToLower(keyAlg), keyAlg, body)
	}
	alg := func(want string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue("idaas_saml_application.app", tfjsonpath.New("signature_algorithm"), knownvalue.StringExact(want)),
		}
	}
	testCase(t, resource.TestCase{
		CheckDestroy: checkSAMLAppsAndCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cfg("ECDSA_P256", ""), ConfigStateChecks: alg("ecdsa-sha256")},
			{
				Config:      cfg("ECDSA_P256", "rsa-sha256"),
				PlanOnly:    true,
				ExpectError: errorMatching(`signature_algorithm does not fit the signing key`, `signature_algorithm is "rsa-sha256"`, `ECDSA_P256 key`, `ecdsa-sha256, ecdsa-sha384, ecdsa-sha512`),
			},
			{Config: cfg("ECDSA_P256", "ecdsa-sha384"), ConfigStateChecks: alg("ecdsa-sha384")},
			{Config: cfg("ECDSA_P256", "ecdsa-sha384"), PlanOnly: true},
			// A new RSA certificate: the default follows its key.
			{Config: cfg("RSA_2048", ""), ConfigStateChecks: alg("rsa-sha256")},
			{Config: cfg("RSA_2048", ""), PlanOnly: true},
			{
				Config:      cfg("RSA_2048", "ecdsa-sha256"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)signature_algorithm is "ecdsa-sha256".*RSA_2048 key.*rsa-sha256`),
			},
		},
	})
}
