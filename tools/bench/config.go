package main

import (
	"fmt"
	"strings"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// config returns a configuration of n resources of kind.
func config(kind string, n int, tenantURL string, emu *emulator.Emulator) string {
	var s strings.Builder
	switch kind {
	case "terraform_data":
		for i := 0; i < n; i++ {
			fmt.Fprintf(&s, "resource \"terraform_data\" \"r%d\" {\n  input = \"r%d\"\n}\n", i, i)
		}
	case "noop":
		s.WriteString("terraform {\n  required_providers {\n    noop = { source = \"idaas-terraform/noop\" }\n  }\n}\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&s, "resource \"noop_thing\" \"r%d\" {\n  name = \"r%d\"\n}\n", i, i)
		}
	default:
		idaasConfig(&s, n, tenantURL, emu)
	}
	return s.String()
}

// idaasConfig writes n idaas resources: one signing certificate, then per
// ten: four groups, two SAML applications, two resource rules (one on each
// application) and two user attributes.
func idaasConfig(s *strings.Builder, n int, tenantURL string, emu *emulator.Emulator) {
	fmt.Fprintf(s, `terraform {
  required_providers {
    idaas = { source = "idaas-terraform/idaas" }
  }
}
variable "shared_secret" {
  type      = string
  sensitive = true
}
provider "idaas" {
  tenant_url     = %q
  application_id = %q
  shared_secret  = var.shared_secret
}
data "idaas_authentication_flow" "password" { name = "Password" }
resource "idaas_signing_certificate" "c" {
  name          = "bench"
  key_algorithm = "RSA_2048"
}
`, tenantURL, emu.ApplicationID())
	kinds := []string{"group", "app", "rule", "group", "attr", "group", "app", "rule", "group", "attr"}
	lastApp := -1
	for i := 1; i < n; i++ {
		k := kinds[(i-1)%len(kinds)]
		if k == "rule" && lastApp < 0 {
			k = "group"
		}
		switch k {
		case "group":
			fmt.Fprintf(s, "resource \"idaas_group\" \"g%d\" {\n  name = \"group %d\"\n}\n", i, i)
		case "attr":
			fmt.Fprintf(s, "resource \"idaas_user_attribute\" \"a%d\" {\n  name = \"attribute %d\"\n}\n", i, i)
		case "app":
			fmt.Fprintf(s, `resource "idaas_saml_application" "app%d" {
  name                   = "application %d"
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://sp%d.example.com/saml"
  acs_url                = "https://sp%d.example.com/saml/acs"
  signing_certificate_id = idaas_signing_certificate.c.id
}
`, i, i, i, i)
			lastApp = i
		case "rule":
			fmt.Fprintf(s, `resource "idaas_resource_rule" "r%d" {
  name                               = "rule %d"
  application_id                     = idaas_saml_application.app%d.id
  low_risk_authentication_flow_id    = data.idaas_authentication_flow.password.id
  medium_risk_authentication_flow_id = data.idaas_authentication_flow.password.id
  high_risk_authentication_flow_id   = data.idaas_authentication_flow.password.id
}
`, i, i, lastApp)
		}
	}
}
