package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

// NewSAMLApplicationDataSource is the idaas_saml_application data source.
func NewSAMLApplicationDataSource() datasource.DataSource { return &samlApplicationDataSource{} }

type samlApplicationDataSource struct{ data *providerData }

func (d *samlApplicationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_saml_application"
}

func (d *samlApplicationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	c := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: desc}
	}
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/applications/saml") + "Looks up an existing SAML 2.0 application by id or by its exact name (among the SAML applications of " +
			"`/api/web/v1/applicationinfo`). The attributes are those of the `idaas_saml_application` resource.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Optional: true, Computed: true, Description: "The application's UUID. Set exactly one of `id` and `name`.",
				Validators: []validator.String{validators.UUID()}},
			"name": schema.StringAttribute{Optional: true, Computed: true, Description: "The application's exact name. Set exactly one of `id` and `name`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"description":            c("Description."),
			"template":               c("Application template name."),
			"sp_metadata_xml":        c("Service provider metadata, when the application was configured with it."),
			"sp_entity_id":           c("Service provider entity id."),
			"acs_url":                c("Assertion consumer service URL."),
			"additional_acs_urls":    schema.ListAttribute{Computed: true, ElementType: types.StringType, Description: "Further ACS URLs."},
			"name_id_format":         c("NameID format."),
			"name_id_attribute":      c("User attribute sent as NameID."),
			"signing_certificate_id": c("Signing certificate id."),
			"sign_assertion":         schema.BoolAttribute{Computed: true, Description: "Whether assertions are signed."},
			"sign_response":          schema.BoolAttribute{Computed: true, Description: "Whether responses are signed."},
			"signature_algorithm":    c("Signature algorithm."),
			"portal_url":             c("Portal (application home) URL."),
			"relay_state":            c("RelayState."),
			"session_duration":       c("Session duration."),
			"attribute": schema.ListNestedAttribute{
				Computed: true, Description: "Assertion attributes.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": c("Name."), "name_format": c("Name format."), "user_attribute": c("User attribute."), "value": c("Fixed value."),
				}},
			},
			"idp_entity_id":    c("IdP entity id."),
			"idp_sso_url":      c("IdP SSO URL."),
			"idp_metadata_url": c("IdP metadata URL."),
		},
	}
}

func (d *samlApplicationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *samlApplicationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *samlApplicationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m samlApplicationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	c, ctx := d.data.apiClient(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var a *client.SAMLApplication
	var err error
	if m.ID.IsNull() {
		a, err = c.FindSAMLApplicationByName(ctx, m.Name.ValueString())
		var several *client.SeveralMatchError
		switch {
		case client.NotFound(err):
			resp.Diagnostics.AddAttributeError(path.Root("name"), "No SAML application named "+m.Name.ValueString(), err.Error())
			return
		case errors.As(err, &several):
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Several SAML applications named "+m.Name.ValueString(), err.Error())
			return
		case err != nil:
			addAPIError(&resp.Diagnostics, "Looking up SAML application "+m.Name.ValueString(), err)
			return
		}
	} else if a, err = c.GetSAMLApplication(ctx, m.ID.ValueString()); err != nil {
		addAPIError(&resp.Diagnostics, "Reading SAML application "+m.ID.ValueString(), err)
		return
	}
	m.fill(a, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
