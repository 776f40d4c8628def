package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// keptConfig is the certificate and the SAML application of the AWS and
// certificate-rotation guides, with lifecycle { destroy = false }.
func keptConfig(t *testing.T) string {
	t.Helper()
	sp, err := os.ReadFile(filepath.Join("..", "..", "examples", "aws-sso", "aws-sso-sp-metadata.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return providerBlock + `
resource "idaas_signing_certificate" "aws" {
  name                = "aws-sso"
  subject_common_name = "aws-sso"
  renew_before_days   = 30

  lifecycle {
    create_before_destroy = true
    destroy               = false
  }
}

resource "idaas_saml_application" "aws" {
  name                   = "AWS IAM Identity Center"
  template               = "AWS IAM Identity Center"
  sp_metadata_xml        = <<-XML
` + string(sp) + `
XML
  signing_certificate_id = idaas_signing_certificate.aws.id

  lifecycle {
    destroy = false
  }
}
`
}

// lifecycle { destroy = false } (Terraform 1.16) on the certificate and the
// application of the AWS and certificate-rotation guides:
//   - removed from the configuration, with the removed blocks the guides
//     show (from = ..., lifecycle { destroy = false }), they stay in the
//     tenant and leave the state; deleting the resource blocks alone plans
//     their destruction (Terraform 1.16.4 has no configuration left to read
//     destroy = false from), which is why the guides say to add removed;
//   - terraform destroy leaves both in the tenant;
//   - replacing the certificate (a rotation, here a new subject) makes the new
//     one, moves the application to it, and leaves the old one in the
//     tenant instead of deleting it.
func TestDestroyFalseKeepsObjectsInTenant(t *testing.T) {
	for _, how := range []string{"removed", "destroy", "replaced"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			w := newWorkspace(t, "")
			skipBelowCLI(t, "1.16.0", "lifecycle { destroy = false }")
			w.write(keptConfig(t))
			w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
			ids := w.managedIDs()
			certID, appID := ids["idaas_signing_certificate.aws"], ids["idaas_saml_application.aws"]
			var out string
			switch how {
			case "destroy":
				out = w.run(0, "destroy", "-auto-approve", "-input=false", "-no-color")
			case "replaced":
				w.write(strings.Replace(keptConfig(t), `subject_common_name = "aws-sso"`, `subject_common_name = "aws-sso-2027"`, 1))
				out = w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
			default:
				w.write(providerBlock)
				if plan := flat(w.run(0, "plan", "-input=false", "-no-color")); !strings.Contains(plan, "Plan: 0 to add, 0 to change, 2 to destroy.") {
					t.Errorf("without removed blocks, deleting the resource blocks does not plan their destruction:\n%s", plan)
				}
				w.write(providerBlock + `
removed {
  from = idaas_signing_certificate.aws

  lifecycle {
    destroy = false
  }
}

removed {
  from = idaas_saml_application.aws

  lifecycle {
    destroy = false
  }
}
`)
				out = w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
			}
			t.Logf("%s:\n%s", how, out)
			if !strings.Contains(out, " 0 destroyed") || !strings.Contains(out, "will not be destroyed") {
				t.Errorf("the apply does not forget instead of destroying:\n%s", out)
			}
			c, err := client.New(client.Config{TenantURL: w.srv.URL, ApplicationID: w.emu.ApplicationID(), SharedSecret: w.emu.SharedSecret()})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.GetSigningCertificate(t.Context(), certID); err != nil {
				t.Errorf("the certificate is gone from the tenant: %v", err)
			}
			app, err := c.GetSAMLApplication(t.Context(), appID)
			if err != nil {
				t.Fatalf("the SAML application is gone from the tenant: %v", err)
			}
			state := strings.Fields(w.run(0, "state", "list"))
			if how != "replaced" {
				if len(state) != 0 {
					t.Errorf("the state still holds %q", state)
				}
				return
			}
			newID := w.managedIDs()["idaas_signing_certificate.aws"]
			if newID == certID || app.SigningCertificateID != newID || len(state) != 2 {
				t.Errorf("after the replacement: certificate %s (was %s), the application signs with %s, state %q", newID, certID, app.SigningCertificateID, state)
			}
			w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
		})
	}
}
