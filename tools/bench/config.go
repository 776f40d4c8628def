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
	case "noopschema":
		// Our configuration, served by the same-schema no-op provider.
		idaasConfig(&s, n, tenantURL, emu)
		return strings.Replace(s.String(), `source = "idaas-terraform/idaas"`, `source = "idaas-terraform/idaasnoop"`, 1)
	default:
		idaasConfig(&s, n, tenantURL, emu)
	}
	return s.String()
}

// mappingAttrs are the SCIM attributes the generated attribute mappings fill
// (one provisioner maps each at most once), with their sources: a user
// attribute name, or "=constant".
var mappingAttrs = [][2]string{
	{"displayName", "User ID"},
	{"name.givenName", "First Name"},
	{"name.familyName", "Last Name"},
	{`emails[type eq \"work\"].value`, "Email"},
	{"nickName", "External ID"},
	{"title", "=Engineer"},
}

// idaasConfig writes n idaas resources: one signing certificate, then per
// twenty: five groups, three SAML applications, three resource rules (one on
// each application), two user attributes, one generic provisioner (verifying
// its connection to the emulator's SCIM server) and six attribute mappings
// on it.
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
variable "scim_token" {
  type      = string
  sensitive = true
  default   = ""
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
	kinds := []string{"group", "app", "rule", "group", "attr", "prov", "map", "map", "map", "group",
		"app", "rule", "map", "group", "attr", "map", "app", "rule", "map", "group"}
	lastApp, lastProv, mapped := -1, -1, 0
	scimEndpoint := tenantURL + emu.SCIM().BasePath()
	for i := 1; i < n; i++ {
		k := kinds[(i-1)%len(kinds)]
		if (k == "rule" && lastApp < 0) || (k == "map" && (lastProv < 0 || mapped == len(mappingAttrs))) {
			k = "group"
		}
		switch k {
		case "prov":
			fmt.Fprintf(s, `resource "idaas_provisioner" "p%d" {
  name              = "provisioner %d"
  type              = "generic"
  scim_endpoint     = %q
  bearer_token      = var.scim_token
  verify_connection = true
}
`, i, i, scimEndpoint)
			lastProv, mapped = i, 0
		case "map":
			attr, src := mappingAttrs[mapped][0], mappingAttrs[mapped][1]
			source := fmt.Sprintf("user_attribute = %q", src)
			if c, ok := strings.CutPrefix(src, "="); ok {
				source = fmt.Sprintf("value          = %q", c)
			}
			fmt.Fprintf(s, "resource \"idaas_provisioner_attribute_mapping\" \"m%d\" {\n  provisioner_id = idaas_provisioner.p%d.id\n  scim_attribute = \"%s\"\n  %s\n}\n", i, lastProv, attr, source)
			mapped++
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
