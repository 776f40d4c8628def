package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

// accessConfig is issue 4's acceptance configuration: the AWS application,
// two groups and two rules, one restricted to an IP range and office hours.
func accessConfig() string {
	md := samltest.AWSSPMetadataExample("eu-central-1", "d-99670c0e21", "7b0e1cd4-0f5a-4b5e-9b7c-1f2d3c4b5a69")
	return providerBlock + fmt.Sprintf(`
data "idaas_saml_sp_metadata" "aws" {
  xml = <<-XML
%s
XML
}
resource "idaas_signing_certificate" "aws" {
  name          = "aws"
  key_algorithm = "RSA_2048"
}
resource "idaas_saml_application" "aws" {
  name                   = "AWS IAM Identity Center"
  template               = "AWS IAM Identity Center"
  sp_metadata_xml        = data.idaas_saml_sp_metadata.aws.xml
  signing_certificate_id = idaas_signing_certificate.aws.id
}
resource "idaas_group" "admins" { name = "AWS Administrators" }
resource "idaas_group" "devs" { name = "AWS Developers" }
data "idaas_authentication_flow" "password" { name = "Password" }
data "idaas_authentication_flow" "mfa" { name = "Password and Second Factor" }
data "idaas_authentication_flow" "deny" { name = "Deny Access" }

resource "idaas_resource_rule" "admins" {
  name                               = "Administrators: office network, office hours"
  application_id                     = idaas_saml_application.aws.id
  group_ids                          = [idaas_group.admins.id]
  low_risk_authentication_flow_id    = data.idaas_authentication_flow.mfa.id
  medium_risk_authentication_flow_id = data.idaas_authentication_flow.mfa.id
  high_risk_authentication_flow_id   = data.idaas_authentication_flow.deny.id
  ip_context {
    allowed_ip_ranges = ["203.0.113.0/24"]
    risk_point        = 80
  }
  date_time_context {
    start_time = "08:00:00"
    end_time   = "18:00:00"
    week_days  = ["Mon", "Tue", "Wed", "Thu", "Fri"]
    zone_id    = "Europe/Berlin"
    risk_point = 80
  }
}
resource "idaas_resource_rule" "devs" {
  name                               = "Developers"
  application_id                     = idaas_saml_application.aws.id
  group_ids                          = [idaas_group.devs.id, idaas_group.admins.id]
  low_risk_authentication_flow_id    = data.idaas_authentication_flow.password.id
  medium_risk_authentication_flow_id = data.idaas_authentication_flow.mfa.id
  high_risk_authentication_flow_id   = data.idaas_authentication_flow.deny.id
}
`, strings.TrimSpace(md))
}

func TestAccessRulesOnTheAWSApplication(t *testing.T) {
	w := newWorkspace(t, accessConfig())
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")

	// An admin disables the developers' rule in the console.
	id := w.managedIDs()["idaas_resource_rule.devs"]
	c, err := client.New(client.Config{TenantURL: w.srv.URL, ApplicationID: w.emu.ApplicationID(), SharedSecret: w.emu.SharedSecret()})
	if err != nil {
		t.Fatal(err)
	}
	off := false
	if _, err := c.UpdateResourceRule(context.Background(), id, client.ResourceRuleParms{Enabled: &off}); err != nil {
		t.Fatal(err)
	}
	out := w.run(2, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if !strings.Contains(out, "~ enabled") || !strings.Contains(out, "false -> true") || !strings.Contains(out, "0 to add, 1 to change, 0 to destroy") {
		t.Fatalf("the plan does not show exactly the disabled rule:\n%s", out)
	}
}

func TestAccessRulesImportClean(t *testing.T) {
	importRoundTrip(t, accessConfig())
}
