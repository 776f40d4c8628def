package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

// NewSAMLIdPMetadataDataSource is the idaas_saml_idp_metadata data source.
func NewSAMLIdPMetadataDataSource() datasource.DataSource { return &samlIdPMetadataDataSource{} }

type samlIdPMetadataDataSource struct{ data *providerData }

type samlIdPMetadataModel struct {
	ID             types.String `tfsdk:"id"`
	ApplicationID  types.String `tfsdk:"application_id"`
	CertificateID  types.String `tfsdk:"certificate_id"`
	Domain         types.String `tfsdk:"domain"`
	LifetimeDays   types.Int64  `tfsdk:"lifetime_days"`
	XML            types.String `tfsdk:"xml"`
	EntityID       types.String `tfsdk:"entity_id"`
	SSOURL         types.String `tfsdk:"sso_url"`
	CertificatePEM types.String `tfsdk:"certificate_pem"`
	ValidUntil     types.String `tfsdk:"valid_until"`
}

func (d *samlIdPMetadataDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_saml_idp_metadata"
}

func (d *samlIdPMetadataDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/applications/saml/{id}/idpmetadata") + "The tenant's signed SAML identity provider metadata for a SAML application " +
			"(`/api/web/v1/applications/saml/{id}/idpmetadata`), to give to the service provider, e.g. as AWS IAM " +
			"Identity Center's external identity provider metadata. The document is signed with the certificate's key " +
			"and, for RSA keys, stays the same for a given day.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, Description: "Same as `application_id`."},
			"application_id": schema.StringAttribute{Required: true, Description: "The SAML application's id.",
				Validators: []validator.String{validators.UUID()}},
			"certificate_id": schema.StringAttribute{Optional: true, Description: "Publish and sign with this signing certificate instead of the application's (e.g. to pre-announce a rotation).",
				Validators: []validator.String{validators.UUID()}},
			"domain": schema.StringAttribute{Optional: true, Description: "A host name (e.g. a custom domain of the tenant) to use in the entity id and URLs instead of the tenant's.",
				Validators: []validator.String{validators.Hostname()}},
			"lifetime_days": schema.Int64Attribute{
				Optional: true, Description: "validUntil of the document, in days from today (UTC): 2 to 730, as the console allows. Default 365.",
				Validators: []validator.Int64{int64validator.Between(2, 730)},
			},
			"xml":             schema.StringAttribute{Computed: true, Description: "The signed metadata document."},
			"entity_id":       schema.StringAttribute{Computed: true, Description: "The IdP entity id."},
			"sso_url":         schema.StringAttribute{Computed: true, Description: "The IdP single sign-on URL."},
			"certificate_pem": schema.StringAttribute{Computed: true, Description: "The certificate in the document, PEM encoded."},
			"valid_until":     schema.StringAttribute{Computed: true, Description: "validUntil of the document, RFC 3339."},
		},
	}
}

func (d *samlIdPMetadataDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *samlIdPMetadataDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m samlIdPMetadataModel
	lookUp(ctx, d.data, req, resp, &m,
		func(c *client.Client, ctx context.Context) (*client.IdPMetadata, error) {
			return c.GetIdPMetadata(ctx, m.ApplicationID.ValueString(), client.IdPMetadataQuery{
				CertificateID: m.CertificateID.ValueString(), Domain: m.Domain.ValueString(), LifetimeDays: int(m.LifetimeDays.ValueInt64()),
			})
		},
		func(err error) (path.Path, string, string) {
			return path.Root("application_id"), "No such SAML application", err.Error()
		},
		func() string { return "Getting the IdP metadata of SAML application " + m.ApplicationID.ValueString() },
		func(md *client.IdPMetadata) {
			m.ID = m.ApplicationID
			m.XML = types.StringValue(md.XML)
			m.EntityID = types.StringValue(md.EntityID)
			m.SSOURL = types.StringValue(md.SSOURL)
			m.CertificatePEM = types.StringValue(md.CertificatePEM)
			m.ValidUntil = types.StringValue(md.ValidUntil)
		})
}
