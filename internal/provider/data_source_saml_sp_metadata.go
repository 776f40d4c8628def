package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// NewSAMLSPMetadataDataSource is the idaas_saml_sp_metadata data source.
func NewSAMLSPMetadataDataSource() datasource.DataSource { return &samlSPMetadataDataSource{} }

type samlSPMetadataDataSource struct{}

type samlSPMetadataModel struct {
	XML                    types.String `tfsdk:"xml"`
	EntityID               types.String `tfsdk:"entity_id"`
	ACS                    types.List   `tfsdk:"acs"`
	NameIDFormats          types.List   `tfsdk:"name_id_formats"`
	SigningCertificates    types.List   `tfsdk:"signing_certificates"`
	EncryptionCertificates types.List   `tfsdk:"encryption_certificates"`
	ValidUntil             types.String `tfsdk:"valid_until"`
	AuthnRequestsSigned    types.Bool   `tfsdk:"authn_requests_signed"`
	WantAssertionsSigned   types.Bool   `tfsdk:"want_assertions_signed"`
}

func (d *samlSPMetadataDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_saml_sp_metadata"
}

func (d *samlSPMetadataDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Parses SAML 2.0 service provider metadata (e.g. the file AWS IAM Identity Center offers for download), " +
			"locally, without calling the tenant. An EntitiesDescriptor must hold exactly one service provider.",
		Attributes: map[string]schema.Attribute{
			"xml":       schema.StringAttribute{Required: true, Description: "The metadata XML."},
			"entity_id": schema.StringAttribute{Computed: true, Description: "The service provider's entity id."},
			"acs": schema.ListNestedAttribute{
				Computed: true, Description: "Assertion consumer services, by index.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"url":        schema.StringAttribute{Computed: true, Description: "Location."},
					"binding":    schema.StringAttribute{Computed: true, Description: "Binding URI."},
					"index":      schema.Int64Attribute{Computed: true, Description: "Index."},
					"is_default": schema.BoolAttribute{Computed: true, Description: "Whether marked isDefault."},
				}},
			},
			"name_id_formats":         schema.ListAttribute{Computed: true, ElementType: types.StringType, Description: "NameID formats."},
			"signing_certificates":    schema.ListAttribute{Computed: true, ElementType: types.StringType, Description: "Signing certificates, PEM encoded."},
			"encryption_certificates": schema.ListAttribute{Computed: true, ElementType: types.StringType, Description: "Encryption certificates, PEM encoded."},
			"valid_until":             schema.StringAttribute{Computed: true, Description: "The earliest validUntil, RFC 3339; null when none."},
			"authn_requests_signed":   schema.BoolAttribute{Computed: true, Description: "AuthnRequestsSigned."},
			"want_assertions_signed":  schema.BoolAttribute{Computed: true, Description: "WantAssertionsSigned."},
		},
	}
}

func (d *samlSPMetadataDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m samlSPMetadataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	md, err := samlutil.ParseSPMetadata(m.XML.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("xml"), "Invalid service provider metadata", err.Error())
		return
	}
	m.EntityID = types.StringValue(md.EntityID)
	m.ACS = acsList(md.ACS)
	m.NameIDFormats = stringList(md.NameIDFormats)
	m.SigningCertificates = stringList(md.SigningCertificates)
	m.EncryptionCertificates = stringList(md.EncryptionCertificates)
	m.ValidUntil = timeOrNull(md.ValidUntil)
	m.AuthnRequestsSigned = types.BoolValue(md.AuthnRequestsSigned)
	m.WantAssertionsSigned = types.BoolValue(md.WantAssertionsSigned)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
