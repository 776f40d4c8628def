package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// generateConfig asks the provider's server for the configuration of a
// resource whose state holds attrs (the rest null), as Terraform 1.14+ does
// at import, and returns the configuration's top-level values.
func generateConfig(t *testing.T, r resource.Resource, typeName string, attrs map[string]any) map[string]tftypes.Value {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx)
	st := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nil)}
	for name, v := range attrs {
		if d := st.SetAttribute(ctx, path.Root(name), v); d.HasError() {
			t.Fatalf("state %s: %v", name, d)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, st.Raw)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := NewServer(New("test"))().GenerateResourceConfig(ctx, &tfprotov6.GenerateResourceConfigRequest{TypeName: typeName, State: &dv})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("diagnostic: %s: %s", d.Summary, d.Detail)
	}
	cfg, err := resp.Config.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	vals := map[string]tftypes.Value{}
	if err := cfg.As(&vals); err != nil {
		t.Fatal(err)
	}
	return vals
}

// wantConfig checks which arguments the generated configuration holds:
// those in kept with a value, those in dropped null.
func wantConfig(t *testing.T, cfg map[string]tftypes.Value, kept, dropped []string) {
	t.Helper()
	for _, k := range kept {
		if cfg[k].IsNull() {
			t.Errorf("%s left out of the generated configuration", k)
		}
	}
	for _, k := range dropped {
		if !cfg[k].IsNull() {
			t.Errorf("%s = %v in the generated configuration, want it left out", k, cfg[k])
		}
	}
}

// Defaults, computed-only values and what the tenant derived are left out
// of generated configuration; what a person chose stays.
func TestGenerateResourceConfig(t *testing.T) {
	const id = "9b2e0a6e-4a55-4b8e-9d6c-0c1f3f4b2a11"
	t.Run("provisioner", func(t *testing.T) {
		cfg := generateConfig(t, NewProvisionerResource(), "idaas_provisioner", map[string]any{
			"id": id, "name": "AWS", "type": "aws", "enabled": true, "push_groups": true, "verify_connection": true,
			"scim_endpoint": "https://scim.example.com/v2", "status": "SUCCEEDED",
		})
		wantConfig(t, cfg, []string{"name", "type", "enabled", "scim_endpoint"},
			[]string{"id", "push_groups", "verify_connection", "status", "bearer_token", "bearer_token_wo"})
		cfg = generateConfig(t, NewProvisionerResource(), "idaas_provisioner", map[string]any{
			"id": id, "name": "AWS", "type": "aws", "enabled": false, "push_groups": false, "scim_endpoint": "https://scim.example.com/v2",
		})
		wantConfig(t, cfg, []string{"push_groups"}, []string{"enabled"})
	})
	t.Run("saml_application", func(t *testing.T) {
		app := map[string]any{
			"id": id, "name": "AWS", "template": "AWS IAM Identity Center", "sp_metadata_xml": "<md/>",
			"sp_entity_id": "urn:amazon:webservices", "acs_url": "https://signin.aws.amazon.com/saml",
			"name_id_format": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", "name_id_attribute": "Email",
			"sign_assertion": true, "sign_response": false, "signature_algorithm": "rsa-sha256",
			"signing_certificate_id": id, "idp_entity_id": "https://tenant/idp",
		}
		cfg := generateConfig(t, NewSAMLApplicationResource(), "idaas_saml_application", app)
		wantConfig(t, cfg, []string{"name", "template", "sp_metadata_xml", "signing_certificate_id"},
			[]string{"id", "sp_entity_id", "acs_url", "name_id_format", "name_id_attribute", "sign_assertion", "sign_response", "signature_algorithm", "idp_entity_id"})
		// Without metadata the service provider's fields are what the
		// person wrote; a signature algorithm that is not a key's default
		// was chosen.
		delete(app, "sp_metadata_xml")
		app["signature_algorithm"], app["sign_response"] = "rsa-sha512", true
		cfg = generateConfig(t, NewSAMLApplicationResource(), "idaas_saml_application", app)
		wantConfig(t, cfg, []string{"sp_entity_id", "acs_url", "signature_algorithm", "sign_response"}, nil)
	})
	t.Run("signing_certificate", func(t *testing.T) {
		cert := map[string]any{
			"id": id, "name": "aws-sso", "key_algorithm": "RSA_2048", "subject_common_name": "aws-sso", "validity_days": int64(365),
			"certificate_pem": "-----BEGIN CERTIFICATE-----", "sha256_fingerprint": "AB:CD",
		}
		cfg := generateConfig(t, NewSigningCertificateResource(), "idaas_signing_certificate", cert)
		wantConfig(t, cfg, []string{"name", "subject_common_name"}, []string{"key_algorithm", "validity_days", "certificate_pem", "sha256_fingerprint"})
		cert["key_algorithm"], cert["validity_days"] = "ECDSA_P256", int64(90)
		cfg = generateConfig(t, NewSigningCertificateResource(), "idaas_signing_certificate", cert)
		wantConfig(t, cfg, []string{"key_algorithm", "validity_days"}, []string{"certificate_pem"})
		// Uploaded: the PEM is what the person gave; the rest is read from it.
		delete(cert, "validity_days")
		cfg = generateConfig(t, NewSigningCertificateResource(), "idaas_signing_certificate", cert)
		wantConfig(t, cfg, []string{"name", "certificate_pem"}, []string{"key_algorithm", "subject_common_name", "validity_days"})
	})
	t.Run("group_members", func(t *testing.T) {
		members := map[string]any{"id": id, "group_id": id, "user_ids": largeSetOf([]string{id}), "authoritative": false, "allow_empty": false}
		cfg := generateConfig(t, NewGroupMembersResource(), "idaas_group_members", members)
		wantConfig(t, cfg, []string{"group_id", "user_ids"}, []string{"id", "authoritative", "allow_empty"})
		members["authoritative"] = true
		cfg = generateConfig(t, NewGroupMembersResource(), "idaas_group_members", members)
		wantConfig(t, cfg, []string{"authoritative"}, []string{"allow_empty"})
	})
	t.Run("resource_rule", func(t *testing.T) {
		cfg := generateConfig(t, NewResourceRuleResource(), "idaas_resource_rule", map[string]any{
			"id": id, "name": "AWS access", "enabled": true, "strict_access": false, "low_risk_threshold": int64(defaultLowRiskThreshold),
			"application_id": id, "low_risk_authentication_flow_id": id, "medium_risk_authentication_flow_id": id, "high_risk_authentication_flow_id": id,
		})
		wantConfig(t, cfg, []string{"name", "application_id"}, []string{"enabled", "strict_access", "low_risk_threshold"})
	})
}

// The server says it generates configuration: without the capability
// Terraform never asks (the framework v1.19 leaves it out).
func TestServerAnnouncesGenerateResourceConfig(t *testing.T) {
	ctx := context.Background()
	s := NewServer(New("test"))()
	meta, err := s.GetMetadata(ctx, &tfprotov6.GetMetadataRequest{})
	if err != nil || meta.ServerCapabilities == nil || !meta.ServerCapabilities.GenerateResourceConfig {
		t.Errorf("GetMetadata does not announce GenerateResourceConfig: %+v, %v", meta.ServerCapabilities, err)
	}
	schema, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || schema.ServerCapabilities == nil || !schema.ServerCapabilities.GenerateResourceConfig {
		t.Errorf("GetProviderSchema does not announce GenerateResourceConfig: %+v, %v", schema.ServerCapabilities, err)
	}
	if _, ok := s.(tfprotov6.ProviderServerWithActions); !ok { //nolint:staticcheck // as the framework's server
		t.Error("the server lost the framework's actions")
	}
	if _, ok := s.(tfprotov6.ProviderServerWithListResource); !ok { //nolint:staticcheck // as the framework's server
		t.Error("the server lost the framework's list resources")
	}
}
