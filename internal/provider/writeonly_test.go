package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A client that does not announce write-only support (Terraform before
// 1.11, which does not even know the schema flag and so sends the value
// like any other) gets a validation error naming the write-only argument;
// one that does gets none. This runs without a CLI, so it holds whatever
// version `make test` uses; the bad-input catalogue checks the same with
// Terraform 1.8.5 itself.
func TestWriteOnlyNeedsAClientThatSupportsIt(t *testing.T) {
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		resource, attr string
		set            map[string]string
	}{
		{"idaas_provisioner", "bearer_token_wo",
			map[string]string{"name": "p", "type": "aws", "scim_endpoint": "https://scim.us-east-1.amazonaws.com/x/scim/v2", "bearer_token_wo": "t"}},
		{"idaas_signing_certificate", "private_key_pem_wo", map[string]string{"private_key_pem_wo": "k"}},
	} {
		s := schemas.ResourceSchemas[c.resource]
		if s == nil {
			t.Fatalf("no schema for %s", c.resource)
		}
		writeOnly := false
		for _, a := range s.Block.Attributes {
			if a.Name == c.attr {
				writeOnly = a.WriteOnly && a.Sensitive
			}
		}
		if !writeOnly {
			t.Errorf("%s.%s is not a sensitive write-only attribute", c.resource, c.attr)
		}
		typ := s.ValueType().(tftypes.Object)
		vals := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			vals[name] = tftypes.NewValue(at, nil)
			if v, ok := c.set[name]; ok {
				vals[name] = tftypes.NewValue(tftypes.String, v)
			}
		}
		cfg, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
		if err != nil {
			t.Fatal(err)
		}
		for _, allowed := range []bool{false, true} {
			resp, err := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{
				TypeName: c.resource, Config: &cfg,
				ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: allowed},
			})
			if err != nil {
				t.Fatal(err)
			}
			var named []string
			for _, d := range resp.Diagnostics {
				if d.Severity == tfprotov6.DiagnosticSeverityError && strings.Contains(d.Detail, c.attr) && strings.Contains(d.Detail, "Terraform 1.11") {
					named = append(named, d.Summary+": "+d.Detail)
				}
			}
			if allowed && len(named) > 0 {
				t.Errorf("%s with write-only support: unexpected %v", c.resource, named)
			}
			if !allowed && len(named) != 1 {
				t.Errorf("%s without write-only support: want one error naming %s and Terraform 1.11, got %+v", c.resource, c.attr, resp.Diagnostics)
			}
		}
	}
}
