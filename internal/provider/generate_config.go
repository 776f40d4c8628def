package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Configuration generated at import.
//
// From Terraform 1.14 on, `terraform plan -generate-config-out` and
// `terraform query -generate-config-out` ask the provider for the
// configuration to write (the GenerateResourceConfig call), if the provider
// says it can (the generate_resource_config server capability). The plugin
// framework (v1.19) implements the call for every resource type with
// Terraform's own rules (read-only attributes, deprecated ones and empty
// optional strings are left out, everything else in state is written), but
// does not announce the capability, so Terraform never calls it; and its
// answer is not open to the resource (no per-resource hook yet). The
// provider's server therefore wraps the framework's: it announces the
// capability, and tidies the framework's answer as a person would write the
// block:
//
//   - an optional argument whose value is its schema default is left out
//     (`enabled = false`, `push_groups = true`, `name_id_format`, ...);
//   - a resource with values the tenant computed (a SAML application's
//     service provider fields taken from its metadata, a generated
//     certificate's PEM) leaves them out with a tidyGeneratedConfig method.
//
// What the provider cannot change: Terraform writes every argument that is
// not computed, so one whose value is null is written `x = null`, and a
// sensitive or write-only one `x = null # sensitive` (genconfig in
// Terraform 1.14 to 1.17). Before Terraform 1.14 the CLI generates the
// configuration itself and never calls this.

// generatedConfigTidier is a resource that leaves values the tenant computed
// out of its generated configuration. cfg holds the configuration, with the
// resource's schema; the method changes it in place.
type generatedConfigTidier interface {
	tidyGeneratedConfig(ctx context.Context, cfg *tfsdk.State) diag.Diagnostics
}

// tidyModel reads cfg into a model of type M, lets tidy change it, and
// writes it back: a tidyGeneratedConfig in the resource's own terms.
func tidyModel[M any](ctx context.Context, cfg *tfsdk.State, tidy func(m *M)) diag.Diagnostics {
	var m M
	diags := cfg.Get(ctx, &m)
	if diags.HasError() {
		return diags
	}
	tidy(&m)
	diags.Append(cfg.Set(ctx, &m)...)
	return diags
}

// providerServer is what the framework's server implements and Terraform
// asks of it (lists and actions are not in tfprotov6.ProviderServer yet).
type providerServer interface {
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // how tf6server still finds list resources
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // and actions
}

// NewServer is the provider's protocol 6 server: the framework's, whose
// GenerateResourceConfig answer is tidied (see above) and which lets go of
// each call's context when the call returns (release_contexts.go). main
// serves it; tests
// that drive a real CLI use it as their provider factory.
func NewServer(p func() provider.Provider) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		prov := p()
		fw := providerserver.NewProtocol6(prov)()
		s, ok := fw.(providerServer)
		if !ok {
			return fw // a framework without lists or actions: serve it as it is
		}
		return &releasingServer{providerServer: &generateConfigServer{providerServer: s, provider: prov}, provider: prov}
	}
}

type generateConfigServer struct {
	providerServer
	provider provider.Provider
}

// GetMetadata announces GenerateResourceConfig.
func (s *generateConfigServer) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	resp, err := s.providerServer.GetMetadata(ctx, req)
	if resp != nil {
		resp.ServerCapabilities = withGenerateResourceConfig(resp.ServerCapabilities)
	}
	return resp, err
}

// GetProviderSchema announces GenerateResourceConfig.
func (s *generateConfigServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp, err := s.providerServer.GetProviderSchema(ctx, req)
	if resp != nil {
		resp.ServerCapabilities = withGenerateResourceConfig(resp.ServerCapabilities)
	}
	return resp, err
}

func withGenerateResourceConfig(c *tfprotov6.ServerCapabilities) *tfprotov6.ServerCapabilities {
	if c == nil {
		c = &tfprotov6.ServerCapabilities{}
	}
	c.GenerateResourceConfig = true
	return c
}

// GenerateResourceConfig is the framework's answer, tidied.
func (s *generateConfigServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	resp, err := s.providerServer.GenerateResourceConfig(ctx, req)
	if err != nil || resp == nil || resp.Config == nil {
		return resp, err
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return resp, nil
		}
	}
	r := s.resource(ctx, req.TypeName)
	if r == nil {
		return resp, nil
	}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx)
	raw, err := resp.Config.Unmarshal(typ)
	if err != nil {
		return resp, nil //nolint:nilerr // keep the framework's answer when it cannot be read back
	}
	cfg, diags := tidyGeneratedConfig(ctx, r, sr.Schema, raw)
	if diags.HasError() {
		resp.Diagnostics = append(resp.Diagnostics, toProtoDiags(diags)...)
		return resp, nil
	}
	dv, err := tfprotov6.NewDynamicValue(typ, cfg)
	if err != nil {
		return resp, nil //nolint:nilerr // as above
	}
	resp.Config = &dv
	return resp, nil
}

// resource is the resource of a type name, or nil.
func (s *generateConfigServer) resource(ctx context.Context, typeName string) resource.Resource {
	var pm provider.MetadataResponse
	s.provider.Metadata(ctx, provider.MetadataRequest{}, &pm)
	for _, f := range s.provider.Resources(ctx) {
		r := f()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: pm.TypeName}, &m)
		if m.TypeName == typeName {
			return r
		}
	}
	return nil
}

// tidyGeneratedConfig leaves defaults out of cfg, then lets the resource
// leave out what the tenant computed.
func tidyGeneratedConfig(ctx context.Context, r resource.Resource, sch schema.Schema, cfg tftypes.Value) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	cfg, err := tftypes.Transform(cfg, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if len(p.Steps()) == 0 || v.IsNull() || !v.IsKnown() {
			return v, nil
		}
		a, err := sch.AttributeAtTerraformPath(ctx, p)
		if err != nil || !a.IsOptional() || !a.IsComputed() {
			return v, nil //nolint:nilerr // a block, or inside a collection: not an argument with a default
		}
		if def, ok := defaultOf(ctx, a); ok && def.Equal(v) {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("Generating configuration", "Leaving defaults out of the generated configuration failed: "+err.Error())
		return cfg, diags
	}
	t, ok := r.(generatedConfigTidier)
	if !ok {
		return cfg, diags
	}
	st := tfsdk.State{Schema: sch, Raw: cfg}
	diags.Append(t.tidyGeneratedConfig(ctx, &st)...)
	return st.Raw, diags
}

// defaultOf is the static default of an attribute, as a Terraform value.
func defaultOf(ctx context.Context, a any) (tftypes.Value, bool) {
	var (
		v interface {
			ToTerraformValue(context.Context) (tftypes.Value, error)
		}
		errs diag.Diagnostics
	)
	switch a := a.(type) {
	case interface{ StringDefaultValue() defaults.String }:
		if a.StringDefaultValue() == nil {
			return tftypes.Value{}, false
		}
		var resp defaults.StringResponse
		a.StringDefaultValue().DefaultString(ctx, defaults.StringRequest{}, &resp)
		v, errs = resp.PlanValue, resp.Diagnostics
	case interface{ BoolDefaultValue() defaults.Bool }:
		if a.BoolDefaultValue() == nil {
			return tftypes.Value{}, false
		}
		var resp defaults.BoolResponse
		a.BoolDefaultValue().DefaultBool(ctx, defaults.BoolRequest{}, &resp)
		v, errs = resp.PlanValue, resp.Diagnostics
	case interface{ Int64DefaultValue() defaults.Int64 }:
		if a.Int64DefaultValue() == nil {
			return tftypes.Value{}, false
		}
		var resp defaults.Int64Response
		a.Int64DefaultValue().DefaultInt64(ctx, defaults.Int64Request{}, &resp)
		v, errs = resp.PlanValue, resp.Diagnostics
	default:
		return tftypes.Value{}, false
	}
	if errs.HasError() {
		return tftypes.Value{}, false
	}
	tv, err := v.ToTerraformValue(ctx)
	return tv, err == nil
}

// toProtoDiags turns framework diagnostics into protocol ones.
func toProtoDiags(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		sev := tfprotov6.DiagnosticSeverityWarning
		if d.Severity() == diag.SeverityError {
			sev = tfprotov6.DiagnosticSeverityError
		}
		out = append(out, &tfprotov6.Diagnostic{Severity: sev, Summary: d.Summary(), Detail: d.Detail()})
	}
	return out
}
