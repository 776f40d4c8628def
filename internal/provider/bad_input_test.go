package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

// badInput is one invalid configuration of the catalogue: the HCL (after
// the provider block, unless bare), the text that shows the attribute is
// named, and the text that says what is wrong.
type badInput struct {
	name  string
	hcl   string
	attr  string // e.g. ": email =" (the diagnostic's source line) or a detail naming it
	wrong string
	// bare: hcl carries its own provider block ({{URL}}, {{APP}},
	// {{SECRET}} and {{FILE}}, the path of creds, are filled in).
	bare  bool
	creds string
	// needsTenant: the check legitimately asks the tenant (see the case).
	needsTenant bool
	// versions: the CLIs the case runs on, when not all (write-only
	// arguments need Terraform 1.11; on older CLIs they are the error).
	versions []tfversion.TerraformVersionCheck
}

// preWriteOnlyCLI runs a case on CLIs too old for write-only arguments (1.8.5).
var preWriteOnlyCLI = []tfversion.TerraformVersionCheck{tfversion.SkipAbove(tfversion.Version1_10_0)}

// namesAndSays matches an error that names the attribute and says what is
// wrong, in either order (the summary comes before the source line, the
// detail after it).
func namesAndSays(attr, wrong string) *regexp.Regexp {
	return regexp.MustCompile(errorMatching(attr, wrong).String() + "|" + errorMatching(wrong, attr).String())
}

const (
	badUUID1 = "3f0b6f3e-5f64-4a7a-9d6b-2a1f3c4d5e6f"
	badUUID2 = "7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
)

// badRule is a valid idaas_resource_rule with %s for more arguments.
func badRule(extra string) string {
	return `
resource "idaas_resource_rule" "x" {
  name                               = "r"
  application_id                     = "` + badUUID1 + `"
  low_risk_authentication_flow_id    = "` + badUUID2 + `"
  medium_risk_authentication_flow_id = "` + badUUID2 + `"
  high_risk_authentication_flow_id   = "` + badUUID2 + `"
` + extra + `
}
`
}

// badApp is a valid idaas_saml_application with more arguments.
func badApp(sp, extra string) string {
	if sp == "" {
		sp = `sp_entity_id = "https://sp.example.com/saml"
  acs_url      = "https://sp.example.com/saml/acs"`
	}
	return `
resource "idaas_saml_application" "x" {
  name                   = "app"
  template               = "Generic SAML 2.0"
  signing_certificate_id = "` + badUUID1 + `"
  ` + sp + `
` + extra + `
}
`
}

func badProvisioner(extra string) string {
	return `
resource "idaas_provisioner" "x" {
  name          = "prov"
  type          = "aws"
  scim_endpoint = "https://scim.us-east-1.amazonaws.com/abc/scim/v2"
  bearer_token  = "token"
` + extra + `
}
`
}

func badMapping(extra string) string {
	return `
resource "idaas_provisioner_attribute_mapping" "x" {
  provisioner_id = "` + badUUID1 + `"
` + extra + `
}
`
}

func badSCIM(kind, extra string) string {
	return `
data "idaas_scim_` + kind + `" "x" {
` + extra + `
}
`
}

const badProviderGroup = `
resource "idaas_group" "x" {
  name = "g"
}
`

func badInputs(t *testing.T) []badInput {
	now := time.Now()
	certPEM, keyPEM := testCertificate(t, samlutil.KeyRSA2048, "sp.example.com", now.Add(-time.Hour), 365*24*time.Hour)
	_, otherKeyPEM := testCertificate(t, samlutil.KeyRSA2048, "other.example.com", now.Add(-time.Hour), 365*24*time.Hour)
	oldPEM, oldKeyPEM := testCertificate(t, samlutil.KeyRSA2048, "old.example.com", now.AddDate(-2, 0, 0), 365*24*time.Hour)
	aws := samltest.AWSSPMetadataExample(awsRegion, awsDirectory, awsACSUUID)
	noACS := regexp.MustCompile(`(?s)<md:AssertionConsumerService[^>]*/>`).ReplaceAllString(aws, "")
	httpACS := strings.Replace(aws, "https://"+awsRegion+".signin.aws.amazon.com/platform/saml/acs/", "http://sp.example.com/acs/", 1)
	upload := func(cert, key, extra string) string {
		return `
resource "idaas_signing_certificate" "x" {
  certificate_pem = ` + hclString(cert) + `
  private_key_pem = ` + hclString(key) + `
` + extra + `
}
`
	}
	uploadWO := func(cert, key, extra string) string {
		return strings.Replace(upload(cert, key, extra), "private_key_pem =", "private_key_pem_wo =", 1)
	}
	generated := func(extra string) string {
		return `
resource "idaas_signing_certificate" "x" {
` + extra + `
}
`
	}
	long := strings.Repeat("a", 256)
	provider := func(args string) string {
		return `
provider "idaas" {
` + args + `
}
` + badProviderGroup
	}
	return []badInput{
		// ---- the provider block ----
		{name: "provider/http_tenant_url_to_remote_host", bare: true,
			hcl:  provider(`tenant_url = "http://tenant.example.com"` + "\n application_id = \"{{APP}}\"\n shared_secret = \"{{SECRET}}\""),
			attr: ": tenant_url =", wrong: "uses http:// to a host that is not loopback"},
		{name: "provider/tenant_url_not_https", bare: true,
			hcl:  provider(`tenant_url = "ftp://tenant.example.com"` + "\n application_id = \"{{APP}}\"\n shared_secret = \"{{SECRET}}\""),
			attr: ": tenant_url =", wrong: "must start with https://"},
		{name: "provider/tenant_url_with_query", bare: true,
			hcl:  provider(`tenant_url = "https://tenant.example.com/?x=1"` + "\n application_id = \"{{APP}}\"\n shared_secret = \"{{SECRET}}\""),
			attr: ": tenant_url =", wrong: "must not have a query or fragment"},
		{name: "provider/empty_shared_secret", bare: true,
			hcl:  provider(`tenant_url = "{{URL}}"` + "\n application_id = \"{{APP}}\"\n shared_secret = \"\""),
			attr: ": shared_secret =", wrong: "Missing shared secret"},
		{name: "provider/empty_application_id", bare: true,
			hcl:  provider(`tenant_url = "{{URL}}"` + "\n application_id = \"\"\n shared_secret = \"{{SECRET}}\""),
			attr: ": application_id =", wrong: "Missing application id"},
		{name: "provider/max_retries_too_many", bare: true,
			hcl:  provider(`tenant_url = "{{URL}}"` + "\n application_id = \"{{APP}}\"\n shared_secret = \"{{SECRET}}\"\n max_retries = 101"),
			attr: ": max_retries =", wrong: "value must be between 0 and 100, got: 101"},
		{name: "provider/request_timeout_not_a_duration", bare: true,
			hcl:  provider(`tenant_url = "{{URL}}"` + "\n application_id = \"{{APP}}\"\n shared_secret = \"{{SECRET}}\"\n request_timeout = \"soon\""),
			attr: ": request_timeout =", wrong: `"soon" is not a positive duration`},
		{name: "provider/request_timeout_negative", bare: true,
			hcl:  provider(`tenant_url = "{{URL}}"` + "\n application_id = \"{{APP}}\"\n shared_secret = \"{{SECRET}}\"\n request_timeout = \"-5s\""),
			attr: ": request_timeout =", wrong: `"-5s" is not a positive duration`},
		{name: "provider/max_requests_per_second_zero", bare: true,
			hcl:  provider(`tenant_url = "{{URL}}"` + "\n application_id = \"{{APP}}\"\n shared_secret = \"{{SECRET}}\"\n max_requests_per_second = 0"),
			attr: ": max_requests_per_second =", wrong: "value must be at least 0.100000, got: 0.000000"},
		{name: "provider/shared_reads_unknown_mode", bare: true,
			hcl:  provider(`tenant_url = "{{URL}}"` + "\n application_id = \"{{APP}}\"\n shared_secret = \"{{SECRET}}\"\n shared_reads = \"sometimes\""),
			attr: ": shared_reads =", wrong: `value must be one of: ["auto" "always" "never"], got: "sometimes"`},
		{name: "provider/credentials_file_missing", bare: true,
			hcl:  provider(`tenant_url = "{{URL}}"` + "\n credentials_file = \"{{FILE}}.missing\""),
			attr: ": credentials_file =", wrong: "no such file"},
		{name: "provider/credentials_file_not_json", bare: true, creds: "applicationId: x",
			hcl:  provider(`tenant_url = "{{URL}}"` + "\n credentials_file = \"{{FILE}}\""),
			attr: ": credentials_file =", wrong: "is not the tenant's admin API credentials JSON"},
		{name: "provider/conflicting_credentials", bare: true,
			creds: `{"applicationId":"another-application","hostname":"tenant.example.com","sharedSecret":"{{SECRET}}"}`,
			hcl:   provider(`tenant_url = "{{URL}}"` + "\n application_id = \"{{APP}}\"\n credentials_file = \"{{FILE}}\""),
			attr:  ": application_id =", wrong: "is set both directly"},

		// ---- idaas_group ----
		{name: "group/empty_name", hcl: `resource "idaas_group" "x" { name = "" }`,
			attr: ": resource \"idaas_group\" \"x\" { name =", wrong: "string length must be between 1 and 255, got: 0"},
		{name: "group/name_too_long", hcl: `resource "idaas_group" "x" { name = "` + long + `" }`,
			attr: "Attribute name", wrong: "string length must be between 1 and 255, got: 256"},
		{name: "group/empty_external_id", hcl: "resource \"idaas_group\" \"x\" {\n name = \"g\"\n external_id = \"\"\n}",
			attr: ": external_id =", wrong: "string length must be at least 1, got: 0"},

		// ---- idaas_user ----
		{name: "user/bad_email", hcl: "resource \"idaas_user\" \"x\" {\n user_id = \"jane\"\n email = \"jane.example.com\"\n}",
			attr: ": email =", wrong: `"jane.example.com" is not an e-mail address`},
		{name: "user/email_with_display_name", hcl: "resource \"idaas_user\" \"x\" {\n user_id = \"jane\"\n email = \"Jane <jane@example.com>\"\n}",
			attr: ": email =", wrong: "is not an e-mail address like name@example.com"},
		{name: "user/bad_state", hcl: "resource \"idaas_user\" \"x\" {\n user_id = \"jane\"\n state = \"active\"\n}",
			attr: ": state =", wrong: `value must be one of: ["ACTIVE" "INACTIVE"], got: "active"`},
		{name: "user/empty_user_id", hcl: "resource \"idaas_user\" \"x\" {\n user_id = \"\"\n}",
			attr: ": user_id =", wrong: "string length must be between 1 and 100, got: 0"},
		{name: "user/empty_first_name", hcl: "resource \"idaas_user\" \"x\" {\n user_id = \"jane\"\n first_name = \"\"\n}",
			attr: ": first_name =", wrong: "string length must be at least 1, got: 0"},
		{name: "user/group_id_not_uuid", hcl: "resource \"idaas_user\" \"x\" {\n user_id = \"jane\"\n group_ids = [\"admins\"]\n}",
			attr: ": group_ids =", wrong: `"admins" is not a UUID`},
		{name: "user/attribute_values_key_not_uuid", hcl: "resource \"idaas_user\" \"x\" {\n user_id = \"jane\"\n attribute_values = { \"Cost Centre\" = \"42\" }\n}",
			attr: ": attribute_values =", wrong: `"Cost Centre" is not a UUID`},

		// ---- idaas_user_attribute ----
		{name: "user_attribute/bad_type", hcl: "resource \"idaas_user_attribute\" \"x\" {\n name = \"cc\"\n type = \"OTP_FAX\"\n}",
			attr: ": type =", wrong: `got: "OTP_FAX"`},
		{name: "user_attribute/empty_name", hcl: "resource \"idaas_user_attribute\" \"x\" {\n name = \"\"\n}",
			attr: ": name =", wrong: "string length must be between 1 and 100, got: 0"},

		// ---- idaas_signing_certificate ----
		{name: "certificate/malformed_pem", hcl: upload("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n", keyPEM, ""),
			attr: ": certificate_pem =", wrong: "not a PEM encoded certificate"},
		{name: "certificate/not_pem_at_all", hcl: upload("MIIB...", keyPEM, ""),
			attr: ": certificate_pem =", wrong: "not a PEM encoded certificate"},
		{name: "certificate/malformed_key", hcl: upload(certPEM, "-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----\n", ""),
			attr: ": private_key_pem =", wrong: "not a PEM encoded private key"},
		{name: "certificate/key_not_matching", hcl: upload(certPEM, otherKeyPEM, ""),
			attr: ": private_key_pem =", wrong: "private_key_pem is not the key of certificate_pem"},
		{name: "certificate/expired", hcl: upload(oldPEM, oldKeyPEM, ""),
			attr: ": certificate_pem =", wrong: "Certificate has expired"},
		{name: "certificate/pem_without_key", hcl: "resource \"idaas_signing_certificate\" \"x\" {\n certificate_pem = " + hclString(certPEM) + "\n}",
			attr: "certificate_pem needs private_key_pem_wo or private_key_pem", wrong: "Add private_key_pem_wo (or private_key_pem), or remove certificate_pem"},
		{name: "certificate/upload_with_key_algorithm", hcl: upload(certPEM, keyPEM, `key_algorithm = "ECDSA_P256"`),
			attr: ": key_algorithm =", wrong: "but the uploaded certificate_pem says"},
		{name: "certificate/upload_with_renewal", hcl: upload(certPEM, keyPEM, `renew_before_days = 30`),
			attr: "[private_key_pem,renew_before_days]", wrong: "cannot be configured together"},
		{name: "certificate/key_and_key_wo", hcl: upload(certPEM, keyPEM, "private_key_pem_wo = "+hclString(keyPEM)), versions: writeOnlyCLI,
			attr: "[private_key_pem,private_key_pem_wo]", wrong: "These attributes cannot be configured together"},
		{name: "certificate/key_wo_version_without_wo", hcl: upload(certPEM, keyPEM, "private_key_pem_wo_version = 1"),
			attr: ": private_key_pem_wo_version =", wrong: `Attribute "private_key_pem_wo" must be specified when "private_key_pem_wo_version" is specified`},
		{name: "certificate/key_wo_not_matching", hcl: uploadWO(certPEM, otherKeyPEM, ""), versions: writeOnlyCLI,
			attr: ": private_key_pem_wo =", wrong: "private_key_pem_wo is not the key of certificate_pem"},
		{name: "certificate/key_wo_malformed", hcl: uploadWO(certPEM, "-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----\n", ""), versions: writeOnlyCLI,
			attr: ": private_key_pem_wo =", wrong: "not a PEM encoded private key"},
		{name: "certificate/key_wo_with_renewal", hcl: uploadWO(certPEM, keyPEM, `renew_before_days = 30`), versions: writeOnlyCLI,
			attr: "[private_key_pem_wo,renew_before_days]", wrong: "These attributes cannot be configured together"},
		{name: "certificate/key_wo_with_validity_days", hcl: uploadWO(certPEM, keyPEM, `validity_days = 30`), versions: writeOnlyCLI,
			attr: ": validity_days =", wrong: "validity_days cannot be set with private_key_pem_wo"},
		{name: "certificate/write_only_on_old_cli", hcl: uploadWO(certPEM, keyPEM, ""), versions: preWriteOnlyCLI,
			attr: "WriteOnly attribute private_key_pem_wo", wrong: "Write-only attributes are only supported in Terraform 1.11 and later"},
		{name: "certificate/bad_key_algorithm", hcl: generated(`key_algorithm = "RSA_1024"`),
			attr: ": key_algorithm =", wrong: `got: "RSA_1024"`},
		{name: "certificate/validity_zero", hcl: generated(`validity_days = 0`),
			attr: ": validity_days =", wrong: "value must be between 1 and 3650, got: 0"},
		{name: "certificate/validity_too_long", hcl: generated(`validity_days = 3651`),
			attr: ": validity_days =", wrong: "value must be between 1 and 3650, got: 3651"},
		{name: "certificate/renew_before_zero", hcl: generated(`renew_before_days = 0`),
			attr: ": renew_before_days =", wrong: "value must be at least 1, got: 0"},
		{name: "certificate/renew_before_default_validity", hcl: generated(`renew_before_days = 400`),
			attr: ": renew_before_days =", wrong: "renew_before_days (400) must be less than validity_days (365)"},
		{name: "certificate/renew_before_equals_validity", hcl: generated("validity_days = 30\n renew_before_days = 30"),
			attr: ": renew_before_days =", wrong: "renew_before_days (30) must be less than validity_days (30)"},
		{name: "certificate/common_name_too_long", hcl: generated(`subject_common_name = "` + strings.Repeat("c", 65) + `"`),
			attr: ": subject_common_name =", wrong: "string length must be between 1 and 64, got: 65"},

		// ---- idaas_saml_application ----
		{name: "saml_app/metadata_not_xml", hcl: badApp(`sp_metadata_xml = "this is not XML"`, ""),
			attr: ": sp_metadata_xml =", wrong: "document is not XML"},
		{name: "saml_app/metadata_without_acs", hcl: badApp("sp_metadata_xml = "+hclString(noACS), ""),
			attr: ": sp_metadata_xml =", wrong: "has no AssertionConsumerService"},
		{name: "saml_app/metadata_http_acs", hcl: badApp("sp_metadata_xml = "+hclString(httpACS), ""),
			attr: ": sp_metadata_xml =", wrong: "must use https"},
		{name: "saml_app/http_acs_url", hcl: badApp("sp_entity_id = \"https://sp.example.com\"\n acs_url = \"http://sp.example.com/acs\"", ""),
			attr: ": acs_url =", wrong: "must use https"},
		{name: "saml_app/additional_acs_not_https", hcl: badApp("", `additional_acs_urls = ["ftp://sp.example.com/acs2"]`),
			attr: ": additional_acs_urls =", wrong: `has scheme "ftp", want https`},
		{name: "saml_app/additional_acs_empty", hcl: badApp("", `additional_acs_urls = []`),
			attr: ": additional_acs_urls =", wrong: "list must contain at least 1 elements, got: 0"},
		{name: "saml_app/no_service_provider", hcl: badApp("name_id_attribute = \"Email\"", ""),
			attr: "[sp_metadata_xml,sp_entity_id]", wrong: "At least one of these attributes must be configured"},
		{name: "saml_app/entity_id_without_acs", hcl: badApp(`sp_entity_id = "https://sp.example.com"`, ""),
			attr: "Missing acs_url", wrong: "acs_url must be set with sp_entity_id when sp_metadata_xml is not set"},
		{name: "saml_app/metadata_and_acs_url", hcl: badApp("sp_metadata_xml = "+hclString(aws)+"\n acs_url = \"https://sp.example.com/acs\"", ""),
			attr: ": acs_url =", wrong: "Remove acs_url (it is taken from the metadata) or make it agree"},
		{name: "saml_app/bad_name_id_format", hcl: badApp("", `name_id_format = "email"`),
			attr: ": name_id_format =", wrong: `got: "email"`},
		{name: "saml_app/bad_signature_algorithm", hcl: badApp("", `signature_algorithm = "rsa-md5"`),
			attr: ": signature_algorithm =", wrong: `got: "rsa-md5"`},
		{name: "saml_app/session_duration_words", hcl: badApp("", `session_duration = "eight hours"`),
			attr: ": session_duration =", wrong: `"eight hours" is not a positive duration`},
		{name: "saml_app/session_duration_fraction", hcl: badApp("", `session_duration = "1500ms"`),
			attr: ": session_duration =", wrong: `"1500ms" is not a whole number of seconds`},
		{name: "saml_app/attribute_user_attribute_and_value", hcl: badApp("", `
  attribute {
    name           = "a"
    user_attribute = "Email"
    value          = "fixed"
  }`), attr: ": user_attribute =", wrong: "2 attributes specified when one (and only one) of"},
		{name: "saml_app/attribute_neither", hcl: badApp("", `
  attribute {
    name = "a"
  }`), attr: "attribute[0]", wrong: "No attribute specified when one (and only one) of"},
		{name: "saml_app/attribute_bad_name_format", hcl: badApp("", `
  attribute {
    name        = "a"
    name_format = "binary"
    value       = "x"
  }`), attr: ": name_format =", wrong: `got: "binary"`},
		{name: "saml_app/empty_template", hcl: strings.Replace(badApp("", ""), `"Generic SAML 2.0"`, `""`, 1),
			attr: ": template =", wrong: "string length must be at least 1, got: 0"},
		{name: "saml_app/empty_signing_certificate_id", hcl: strings.Replace(badApp("", ""), `"`+badUUID1+`"`, `""`, 1),
			attr: ": signing_certificate_id =", wrong: "string length must be at least 1, got: 0"},
		// Only the tenant knows its templates (a real tenant can have more
		// than the emulator's), so this check lists them through the API
		// at plan time: it is the one case allowed to reach the backend.
		{name: "saml_app/unknown_template", hcl: strings.Replace(badApp("", ""), `"Generic SAML 2.0"`, `"No Such Template"`, 1),
			attr: ": template =", wrong: `The tenant has no application template named "No Such Template"`, needsTenant: true},

		// ---- idaas_resource_rule ----
		{name: "rule/application_id_not_uuid", hcl: strings.Replace(badRule(""), `"`+badUUID1+`"`, `"aws-sso"`, 1),
			attr: ": application_id =", wrong: `"aws-sso" is not a UUID`},
		{name: "rule/flow_id_not_uuid", hcl: strings.Replace(badRule(""), `"`+badUUID2+`"`, `"Password"`, 1),
			attr: ": low_risk_authentication_flow_id =", wrong: `"Password" is not a UUID`},
		{name: "rule/group_id_not_uuid", hcl: badRule(`group_ids = ["admins"]`),
			attr: ": group_ids =", wrong: `"admins" is not a UUID`},
		{name: "rule/group_ids_empty", hcl: badRule(`group_ids = []`),
			attr: ": group_ids =", wrong: "set must contain at least 1 elements, got: 0"},
		{name: "rule/thresholds_out_of_order", hcl: badRule("low_risk_threshold = 80\n medium_risk_threshold = 50"),
			attr: ": low_risk_threshold =", wrong: "low_risk_threshold (80) must be less than medium_risk_threshold (50)"},
		{name: "rule/low_threshold_at_default_medium", hcl: badRule("low_risk_threshold = 70"),
			attr: ": low_risk_threshold =", wrong: "low_risk_threshold (70) must be less than medium_risk_threshold (70)"},
		{name: "rule/medium_threshold_over_100", hcl: badRule("medium_risk_threshold = 101"),
			attr: ": medium_risk_threshold =", wrong: "value must be between 0 and 100, got: 101"},
		{name: "rule/bad_cidr", hcl: badRule("ip_context {\n allowed_ip_ranges = [\"10.0.0.0/33\"]\n}"),
			attr: ": allowed_ip_ranges =", wrong: `"10.0.0.0/33" is not an IP address range in CIDR notation`},
		{name: "rule/cidr_with_host_bits", hcl: badRule("ip_context {\n denied_ip_ranges = [\"10.1.2.3/8\"]\n}"),
			attr: ": denied_ip_ranges =", wrong: `"10.1.2.3/8" has host bits set; write the range as 10.0.0.0/8`},
		{name: "rule/bad_ip_context_type", hcl: badRule("ip_context {\n type = \"RANGES\"\n}"),
			attr: ": type =", wrong: `got: "RANGES"`},
		{name: "rule/ip_list_not_uuid", hcl: badRule("ip_context {\n type = \"IPLIST\"\n allowed_ip_list = \"office\"\n}"),
			attr: ": allowed_ip_list =", wrong: `"office" is not a UUID`},
		{name: "rule/risk_point_over_100", hcl: badRule("location_context {\n country_codes = [\"US\"]\n risk_point = 150\n}"),
			attr: ": risk_point =", wrong: "value must be between 0 and 100, got: 150"},
		{name: "rule/dates_and_times_together", hcl: badRule("date_time_context {\n start_date_time = \"2026-01-01T00:00:00Z\"\n end_date_time = \"2026-02-01T00:00:00Z\"\n start_time = \"08:00:00\"\n end_time = \"17:00:00\"\n}"),
			attr: "Invalid date_time_context", wrong: "date range and time window together"},
		{name: "rule/empty_date_time_context", hcl: badRule("date_time_context {\n zone_id = \"Z\"\n}"),
			attr: "Invalid date_time_context", wrong: "no date range or time window"},
		{name: "rule/date_range_without_end", hcl: badRule("date_time_context {\n start_date_time = \"2026-01-01T00:00:00Z\"\n}"),
			attr: "missing end_date_time", wrong: "A date range needs both start_date_time and end_date_time"},
		{name: "rule/date_range_backwards", hcl: badRule("date_time_context {\n start_date_time = \"2026-02-01T00:00:00Z\"\n end_date_time = \"2026-01-01T00:00:00Z\"\n}"),
			attr: ": end_date_time =", wrong: "must be after start_date_time"},
		{name: "rule/date_not_rfc3339", hcl: badRule("date_time_context {\n start_date_time = \"2026-01-01\"\n end_date_time = \"2026-02-01T00:00:00Z\"\n}"),
			attr: ": start_date_time =", wrong: `"2026-01-01" is not a date-time such as 2026-01-01T00:00:00Z`},
		{name: "rule/bad_time_of_day", hcl: badRule("date_time_context {\n start_time = \"25:00:00\"\n end_time = \"17:00:00\"\n}"),
			attr: ": start_time =", wrong: `"25:00:00" is not a time of day of the form hh:mm:ss`},
		{name: "rule/bad_week_day", hcl: badRule("date_time_context {\n start_time = \"08:00:00\"\n end_time = \"17:00:00\"\n week_days = [\"Monday\"]\n}"),
			attr: ": week_days =", wrong: `got: "Monday"`},
		{name: "rule/bad_zone", hcl: badRule("date_time_context {\n start_time = \"08:00:00\"\n end_time = \"17:00:00\"\n zone_id = \"Mars/Olympus_Mons\"\n}"),
			attr: ": zone_id =", wrong: `"Mars/Olympus_Mons" is not Z, an offset such as -05:00, or a time zone id`},
		{name: "rule/bad_country_code", hcl: badRule("location_context {\n country_codes = [\"usa\"]\n}"),
			attr: ": country_codes =", wrong: `"usa" is not an ISO 3166-1 alpha-2 country code`},
		{name: "rule/location_without_countries", hcl: badRule("location_context {\n allowed = false\n}"),
			attr: "missing country_codes", wrong: "A location_context needs at least one country code"},

		// ---- idaas_provisioner ----
		{name: "provisioner/bad_type", hcl: strings.Replace(badProvisioner(""), `"aws"`+"\n", `"azure"`+"\n", 1),
			attr: ": type =", wrong: `got: "azure"`},
		{name: "provisioner/http_endpoint", hcl: strings.Replace(badProvisioner(""), "https://scim.us-east-1", "http://scim.us-east-1", 1),
			attr: ": scim_endpoint =", wrong: "is not a usable SCIM endpoint"},
		{name: "provisioner/empty_token", hcl: strings.Replace(badProvisioner(""), `"token"`, `""`, 1),
			attr: ": bearer_token =", wrong: "string length must be at least 1, got: 0"},
		{name: "provisioner/bad_token_expiry", hcl: badProvisioner(`bearer_token_expires_at = "next year"`),
			attr: ": bearer_token_expires_at =", wrong: `"next year" is not an RFC 3339 time`},
		{name: "provisioner/bearer_token_and_wo", hcl: badProvisioner(`bearer_token_wo = "token"`), versions: writeOnlyCLI,
			attr: "[bearer_token,bearer_token_wo]", wrong: "Exactly one of these attributes must be configured"},
		{name: "provisioner/no_token", hcl: strings.Replace(badProvisioner(""), `bearer_token  = "token"`, "", 1),
			attr: "[bearer_token,bearer_token_wo]", wrong: "Exactly one of these attributes must be configured"},
		{name: "provisioner/wo_version_without_wo", hcl: badProvisioner(`bearer_token_wo_version = 1`),
			attr: ": bearer_token_wo_version =", wrong: `Attribute "bearer_token_wo" must be specified when "bearer_token_wo_version" is specified`},
		{name: "provisioner/empty_token_wo", hcl: strings.Replace(badProvisioner(""), `bearer_token  = "token"`, `bearer_token_wo = ""`, 1),
			versions: writeOnlyCLI, attr: ": bearer_token_wo =", wrong: "string length must be at least 1, got: 0"},
		{name: "provisioner/write_only_on_old_cli", hcl: strings.Replace(badProvisioner(""), `bearer_token  = "token"`, `bearer_token_wo = "token"`, 1),
			versions: preWriteOnlyCLI, attr: "WriteOnly attribute bearer_token_wo", wrong: "Write-only attributes are only supported in Terraform 1.11 and later"},
		{name: "provisioner/group_ids_empty", hcl: badProvisioner(`group_ids = []`),
			attr: ": group_ids =", wrong: "set must contain at least 1 elements, got: 0"},
		{name: "provisioner/group_id_not_uuid", hcl: badProvisioner(`group_ids = ["AWS Admins"]`),
			attr: ": group_ids =", wrong: `"AWS Admins" is not a UUID`},

		// ---- idaas_provisioner_attribute_mapping ----
		{name: "mapping/unknown_scim_attribute", hcl: badMapping("scim_attribute = \"favouriteColour\"\n value = \"blue\""),
			attr: ": scim_attribute =", wrong: `"favouriteColour" is not an attribute of the SCIM core or enterprise user schema`},
		{name: "mapping/external_id", hcl: badMapping("scim_attribute = \"externalId\"\n user_attribute = \"External ID\""),
			attr: ": scim_attribute =", wrong: "externalId cannot be mapped"},
		{name: "mapping/multi_valued_without_filter", hcl: badMapping("scim_attribute = \"emails.value\"\n user_attribute = \"Email\""),
			attr: ": scim_attribute =", wrong: "emails is multi-valued"},
		{name: "mapping/wrong_spelling", hcl: badMapping("scim_attribute = \"displayname\"\n user_attribute = \"User ID\""),
			attr: ": scim_attribute =", wrong: `SCIM attribute names are written "displayName"`},
		{name: "mapping/user_attribute_and_value", hcl: badMapping("scim_attribute = \"title\"\n user_attribute = \"Email\"\n value = \"x\""),
			attr: "[user_attribute,value]", wrong: "Exactly one of these attributes must be configured"},
		{name: "mapping/neither", hcl: badMapping(`scim_attribute = "title"`),
			attr: "[user_attribute,value]", wrong: "Exactly one of these attributes must be configured"},

		// ---- idaas_provisioner_sync ----
		{name: "sync/bad_timeout", hcl: "resource \"idaas_provisioner_sync\" \"x\" {\n provisioner_id = \"" + badUUID1 + "\"\n timeouts {\n create = \"forever\"\n }\n}",
			attr: ": create =", wrong: "must be a string containing a sequence of decimal numbers"},
		{name: "sync/empty_provisioner_id", hcl: "resource \"idaas_provisioner_sync\" \"x\" {\n provisioner_id = \"\"\n}",
			attr: ": provisioner_id =", wrong: "string length must be at least 1, got: 0"},

		// ---- data sources ----
		{name: "ds_group/neither", hcl: `data "idaas_group" "x" {}`,
			attr: "[name,external_id]", wrong: "Exactly one of these attributes must be configured"},
		{name: "ds_group/both", hcl: "data \"idaas_group\" \"x\" {\n name = \"g\"\n external_id = \"e\"\n}",
			attr: "[name,external_id]", wrong: "Exactly one of these attributes must be configured"},
		{name: "ds_group/empty_name", hcl: "data \"idaas_group\" \"x\" {\n name = \"\"\n}",
			attr: ": name =", wrong: "string length must be at least 1, got: 0"},
		{name: "ds_authentication_flow/empty_name", hcl: "data \"idaas_authentication_flow\" \"x\" {\n name = \"\"\n}",
			attr: ": name =", wrong: "string length must be at least 1, got: 0"},
		{name: "ds_saml_application/neither", hcl: `data "idaas_saml_application" "x" {}`,
			attr: "[id,name]", wrong: "Exactly one of these attributes must be configured"},
		{name: "ds_saml_application/id_not_uuid", hcl: "data \"idaas_saml_application\" \"x\" {\n id = \"aws-sso\"\n}",
			attr: ": id =", wrong: `"aws-sso" is not a UUID`},
		{name: "ds_application_template/empty_name", hcl: "data \"idaas_application_template\" \"x\" {\n name = \"\"\n}",
			attr: ": name =", wrong: "string length must be at least 1, got: 0"},
		{name: "ds_saml_sp_metadata/not_xml", hcl: "data \"idaas_saml_sp_metadata\" \"x\" {\n xml = \"{}\"\n}",
			attr: ": xml =", wrong: "document is not XML"},
		{name: "ds_saml_sp_metadata/no_acs", hcl: "data \"idaas_saml_sp_metadata\" \"x\" {\n xml = " + hclString(noACS) + "\n}",
			attr: ": xml =", wrong: "has no AssertionConsumerService"},
		{name: "ds_saml_idp_metadata/lifetime_1", hcl: "data \"idaas_saml_idp_metadata\" \"x\" {\n application_id = \"" + badUUID1 + "\"\n lifetime_days = 1\n}",
			attr: ": lifetime_days =", wrong: "value must be between 2 and 730, got: 1"},
		{name: "ds_saml_idp_metadata/lifetime_731", hcl: "data \"idaas_saml_idp_metadata\" \"x\" {\n application_id = \"" + badUUID1 + "\"\n lifetime_days = 731\n}",
			attr: ": lifetime_days =", wrong: "value must be between 2 and 730, got: 731"},
		{name: "ds_saml_idp_metadata/application_id_not_uuid", hcl: "data \"idaas_saml_idp_metadata\" \"x\" {\n application_id = \"aws-sso\"\n}",
			attr: ": application_id =", wrong: `"aws-sso" is not a UUID`},
		{name: "ds_saml_idp_metadata/certificate_id_not_uuid", hcl: "data \"idaas_saml_idp_metadata\" \"x\" {\n application_id = \"" + badUUID1 + "\"\n certificate_id = \"\"\n}",
			attr: ": certificate_id =", wrong: `"" is not a UUID`},
		{name: "ds_saml_idp_metadata/domain_is_url", hcl: "data \"idaas_saml_idp_metadata\" \"x\" {\n application_id = \"" + badUUID1 + "\"\n domain = \"https://login.example.com/\"\n}",
			attr: ": domain =", wrong: `"https://login.example.com/" is not a host name`},
		{name: "ds_scim_users/http_endpoint", hcl: badSCIM("users", "scim_endpoint = \"http://scim.example.com/scim/v2\"\n bearer_token = \"t\""),
			attr: ": scim_endpoint =", wrong: "is not a usable SCIM endpoint"},
		{name: "ds_scim_users/empty_token", hcl: badSCIM("users", "scim_endpoint = \"{{URL}}/scim/v2\"\n bearer_token = \"\""),
			attr: ": bearer_token =", wrong: "string length must be at least 1, got: 0"},
		{name: "ds_scim_users/bad_filter", hcl: badSCIM("users", "scim_endpoint = \"{{URL}}/scim/v2\"\n bearer_token = \"t\"\n filter = \"userName eq\""),
			attr: ": filter =", wrong: `"userName eq" is not a SCIM filter`},
		{name: "ds_scim_groups/unquoted_filter_value", hcl: badSCIM("groups", "scim_endpoint = \"{{URL}}/scim/v2\"\n bearer_token = \"t\"\n filter = \"displayName eq AWS Admins\""),
			attr: ": filter =", wrong: `"displayName eq AWS Admins" is not a SCIM filter`},
		{name: "ds_scim_groups/empty_filter", hcl: badSCIM("groups", "scim_endpoint = \"{{URL}}/scim/v2\"\n bearer_token = \"t\"\n filter = \"\""),
			attr: ": filter =", wrong: "string length must be at least 1, got: 0"},

		{name: "ephemeral_scim_users/http_endpoint", versions: ephemeralCLI,
			hcl:  strings.Replace(badSCIM("users", "scim_endpoint = \"http://scim.example.com/scim/v2\"\n bearer_token = \"t\""), "data ", "ephemeral ", 1),
			attr: ": scim_endpoint =", wrong: "is not a usable SCIM endpoint"},
		{name: "ephemeral_scim_groups/bad_filter", versions: ephemeralCLI,
			hcl:  strings.Replace(badSCIM("groups", "scim_endpoint = \"{{URL}}/scim/v2\"\n bearer_token = \"t\"\n filter = \"displayName eq AWS Admins\""), "data ", "ephemeral ", 1),
			attr: ": filter =", wrong: `"displayName eq AWS Admins" is not a SCIM filter`},
		{name: "ephemeral_scim_groups/empty_token", versions: ephemeralCLI,
			hcl:  strings.Replace(badSCIM("groups", "scim_endpoint = \"{{URL}}/scim/v2\"\n bearer_token = \"\""), "data ", "ephemeral ", 1),
			attr: ": bearer_token =", wrong: "string length must be at least 1, got: 0"},

		// ---- idaas_group_members, data idaas_user, data idaas_users ----
		{name: "group_members/group_id_not_uuid", hcl: "resource \"idaas_group_members\" \"x\" {\n group_id = \"AWS Admins\"\n user_ids = []\n}",
			attr: ": group_id =", wrong: `"AWS Admins" is not a UUID`},
		{name: "group_members/user_id_not_uuid", hcl: "resource \"idaas_group_members\" \"x\" {\n group_id = \"" + badUUID1 + "\"\n user_ids = [\"jane@example.com\"]\n}",
			attr: ": user_ids =", wrong: `"jane@example.com" is not a UUID`},
		{name: "group_members/authoritative_empty_without_allow_empty",
			hcl:  "resource \"idaas_group_members\" \"x\" {\n group_id = \"" + badUUID1 + "\"\n user_ids = []\n authoritative = true\n}",
			attr: ": user_ids =", wrong: "With authoritative = true, an empty user_ids removes every member of the group. If that is what you want, set allow_empty = true."},
		{name: "ds_user/two_keys", hcl: "data \"idaas_user\" \"x\" {\n user_id = \"jane\"\n email = \"jane@example.com\"\n}",
			attr: ": user_id =", wrong: "Exactly one of these attributes must be configured: [id,user_id,email,external_id]"},
		{name: "ds_user/no_key", hcl: "data \"idaas_user\" \"x\" {}",
			attr: "Missing Attribute Configuration", wrong: "Exactly one of these attributes must be configured: [id,user_id,email,external_id]"},
		{name: "ds_user/id_not_uuid", hcl: "data \"idaas_user\" \"x\" { id = \"jane\" }",
			attr: ": data \"idaas_user\" \"x\" { id =", wrong: `"jane" is not a UUID`},
		{name: "ds_users/group_id_not_uuid", hcl: "data \"idaas_users\" \"x\" { group_id = \"Engineering\" }",
			attr: ": data \"idaas_users\" \"x\" { group_id =", wrong: `"Engineering" is not a UUID`},
		{name: "ds_users/bad_state", hcl: "data \"idaas_users\" \"x\" { state = \"active\" }",
			attr: ": data \"idaas_users\" \"x\" { state =", wrong: `value must be one of: ["ACTIVE" "INACTIVE"], got: "active"`},

		// ---- functions ----
		{name: "function/parse_saml_metadata_not_xml", hcl: `output "x" { value = provider::idaas::parse_saml_metadata("<html>") }`,
			attr: `Invalid value for "xml" parameter`, wrong: "document is not"},
		{name: "function/parse_saml_metadata_empty", hcl: `output "x" { value = provider::idaas::parse_saml_metadata("") }`,
			attr: `Invalid value for "xml" parameter`, wrong: "document is not XML: it is empty"},
		{name: "function/fingerprint_not_pem", hcl: `output "x" { value = provider::idaas::certificate_fingerprint("nope", "sha256") }`,
			attr: `Invalid value for "pem" parameter`, wrong: "no PEM block found"},
		{name: "function/fingerprint_bad_algorithm", hcl: `output "x" { value = provider::idaas::certificate_fingerprint(` + hclString(certPEM) + `, "md5") }`,
			attr: `Invalid value for "algorithm" parameter`, wrong: `unsupported fingerprint algorithm "md5"`},
		{name: "function/fingerprint_null_pem", hcl: `output "x" { value = provider::idaas::certificate_fingerprint(null, "sha256") }`,
			attr: `Invalid value for "pem" parameter`, wrong: "argument must not be null"},
	}
}

// TestAccBadInput is the bad-input catalogue: every invalid configuration
// fails at plan time with an error that names the attribute and says what
// is wrong, without a panic and without a request to the tenant (or the
// SCIM target).
func TestAccBadInput(t *testing.T) {
	cases := badInputs(t)
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			t.Fatalf("duplicate case %s", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			env := newTestEnv(t)
			r := strings.NewReplacer("{{URL}}", env.srv.URL, "{{APP}}", env.emu.ApplicationID(), "{{SECRET}}", env.emu.SharedSecret(),
				"{{FILE}}", filepath.ToSlash(filepath.Join(t.TempDir(), "credentials.json")))
			cfg := r.Replace(c.hcl)
			if c.creds != "" {
				file := r.Replace("{{FILE}}")
				if err := os.WriteFile(file, []byte(r.Replace(c.creds)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if !c.bare {
				cfg = env.providerConfig() + cfg
			}
			testCase(t, resource.TestCase{
				TerraformVersionChecks: append([]tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}, c.versions...),
				Steps: []resource.TestStep{{
					Config:      cfg,
					PlanOnly:    true,
					ExpectError: namesAndSays(c.attr, c.wrong),
				}},
			})
			st := env.emu.Stats()
			if c.needsTenant {
				return
			}
			// The provider checks its credentials when it is configured
			// (one authenticate call, which carries none of the input);
			// nothing else may reach the backend.
			if st.Total-st.ByRoute["POST /api/web/v1/adminapi/authenticate"] != 0 || st.SCIM.Requests != 0 {
				t.Errorf("invalid input reached the backend: %d admin API requests %v, %d SCIM requests %v", st.Total, st.ByRoute, st.SCIM.Requests, st.SCIM.ByRoute)
			}
		})
	}
}
