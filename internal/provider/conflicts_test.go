package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

// existsError matches the error of a create that met an existing object:
// what exists, its id, and the import block that adopts it, whatever the
// line wrapping and the borders Terraform draws around diagnostics.
func existsError(kind, key, typ, id string) *regexp.Regexp {
	words := func(s string) string {
		return strings.Join(strings.Fields(regexp.QuoteMeta(s)), `[\s│]+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join([]string{
		words("Already exists: " + kind + " with " + key),
		words("The tenant already has a " + kind + " with " + key + " (id " + id + ")"),
		words("will not take it over on its own"),
		`import \{\s*│?\s*to = ` + regexp.QuoteMeta(typ+".<name>") + `\s*│?\s*id = "` + regexp.QuoteMeta(id) + `"\s*│?\s*\}`,
		words("The tenant answered:"), "409",
	}, ".*"))
}

// conflictSteps is the test of one resource type against an object made
// outside Terraform: the create fails with the import advice (and adopts
// nothing); the advised import block, with the real address, adopts it; the
// plan after is empty and the tenant still holds one object of the kind.
func conflictSteps(env *testEnv, config, kind, key, typ, addr, id, invKind string) []resource.TestStep {
	count := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if n := env.emu.Inventory().Counts[invKind]; n != want {
				return fmt.Errorf("%d %s objects in the tenant, want %d", n, invKind, want)
			}
			return nil
		}
	}
	return []resource.TestStep{
		{
			Config:      config,
			ExpectError: existsError(kind, key, typ, id),
		},
		{
			// Nothing was created or adopted by the failed apply.
			Config: env.providerConfig(),
			Check:  count(1),
		},
		{
			Config: config + fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", addr, id),
			Check: resource.ComposeTestCheckFunc(count(1), func(s *terraform.State) error {
				for _, rs := range s.RootModule().Resources {
					if rs.Type == typ && rs.Primary.ID == id {
						return nil
					}
				}
				return fmt.Errorf("%s %s not in state after the import", typ, id)
			}),
		},
	}
}

func TestAccGroup_conflictNamesTheImport(t *testing.T) {
	env := newTestEnv(t)
	g, err := env.client.CreateGroup(context.Background(), client.GroupParms{Name: "AWS Administrators"})
	if err != nil {
		t.Fatal(err)
	}
	config := env.config(`
resource "idaas_group" "admins" {
  name = "AWS Administrators"
}
`)
	testCase(t, resource.TestCase{
		Steps: conflictSteps(env, config, "group", `name "AWS Administrators"`, "idaas_group", "idaas_group.admins", g.ID, "group"),
	})
}

// A clash on externalId alone names the object that holds it: a group, a
// user.
func TestAccGroupAndUser_conflictOnExternalID(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	ext := "ext-42"
	g, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "Console group", ExternalID: &ext})
	if err != nil {
		t.Fatal(err)
	}
	u, err := env.client.CreateUser(ctx, client.UserParms{UserID: "console@example.com", ExternalID: &ext})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ config, kind, typ, id string }{
		{`resource "idaas_group" "g" {
  name        = "Terraform group"
  external_id = "ext-42"
}`, "group", "idaas_group", g.ID},
		{`resource "idaas_user" "u" {
  user_id     = "terraform@example.com"
  external_id = "ext-42"
}`, "user", "idaas_user", u.ID},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			testCase(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config:      env.providerConfig() + tc.config,
					ExpectError: existsError(tc.kind, `externalId "ext-42"`, tc.typ, tc.id),
				}},
			})
		})
	}
}

func TestAccUser_conflictNamesTheImport(t *testing.T) {
	env := newTestEnv(t)
	first := "Jane"
	u, err := env.client.CreateUser(context.Background(), client.UserParms{UserID: "jane@example.com", FirstName: &first})
	if err != nil {
		t.Fatal(err)
	}
	config := env.config(`
resource "idaas_user" "jane" {
  user_id    = "jane@example.com"
  first_name = "Jane"
  last_name  = "Doe"
}
`)
	testCase(t, resource.TestCase{
		Steps: conflictSteps(env, config, "user", `userId "jane@example.com"`, "idaas_user", "idaas_user.jane", u.ID, "user"),
	})
}

func TestAccSAMLApplication_conflictNamesTheImport(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	cert, err := env.client.CreateSigningCertificate(ctx, client.SigningCertificateParms{Name: "console", KeyAlgorithm: "RSA_2048", SubjectCommonName: "console"})
	if err != nil {
		t.Fatal(err)
	}
	spXML := samltest.AWSSPMetadataExample(awsRegion, awsDirectory, awsACSUUID)
	app, err := env.client.CreateSAMLApplication(ctx, client.SAMLApplicationParms{Name: "AWS IAM Identity Center",
		TemplateID: emulator.TemplateAWSSSO, SPMetadataXML: spXML, SigningCertificateID: cert.ID})
	if err != nil {
		t.Fatal(err)
	}
	config := env.config(`
resource "idaas_saml_application" "aws" {
  name                   = "AWS IAM Identity Center"
  template               = "AWS IAM Identity Center"
  sp_metadata_xml        = %q
  signing_certificate_id = %q
}
`, spXML, cert.ID)
	testCase(t, resource.TestCase{
		Steps: conflictSteps(env, config, "SAML application", `name "AWS IAM Identity Center"`, "idaas_saml_application",
			"idaas_saml_application.aws", app.ID, "application"),
	})
}

// A certificate has no unique key in the tenant, so the check is the
// provider's, at plan time: a certificate planned for creation under a name
// a certificate outside this state already has is refused with the import
// block, so an interrupted apply's certificate is not made twice.
func TestAccSigningCertificate_conflictNamesTheImport(t *testing.T) {
	env := newTestEnv(t)
	cert, err := env.client.CreateSigningCertificate(context.Background(), client.SigningCertificateParms{Name: "aws-sso", KeyAlgorithm: "RSA_2048", SubjectCommonName: "aws-sso", ValidityDays: 365})
	if err != nil {
		t.Fatal(err)
	}
	words := func(s string) string { return strings.Join(strings.Fields(regexp.QuoteMeta(s)), `[\s│]+`) }
	testSteps(t, nil, resource.TestStep{
		Config: env.config(`
resource "idaas_signing_certificate" "aws" {
  name                = "aws-sso"
  key_algorithm       = "RSA_2048"
  subject_common_name = "aws-sso"
  validity_days       = 365
}
`),
		PlanOnly: true,
		ExpectError: regexp.MustCompile(`(?s)` + words(`Already exists: signing certificate with name "aws-sso"`) + `.*` +
			`to = idaas_signing_certificate\.<name>\s*│?\s*id = "` + cert.ID + `"`),
	})
}
