package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// NewApplicationTemplateDataSource is the idaas_application_template data source.
func NewApplicationTemplateDataSource() datasource.DataSource {
	return &applicationTemplateDataSource{}
}

type applicationTemplateDataSource struct{ data *providerData }

type applicationTemplateModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	Description          types.String `tfsdk:"description"`
	AuthenticationMethod types.String `tfsdk:"authentication_method"`
}

func (d *applicationTemplateDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application_template"
}

func (d *applicationTemplateDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Looks up an application template by its exact name (`/api/web/v1/applications/templates`).",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Required: true, Description: "The template's exact name, e.g. `AWS IAM Identity Center`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"id":                    schema.StringAttribute{Computed: true, Description: "The template's id."},
			"description":           schema.StringAttribute{Computed: true, Description: "The template's description."},
			"authentication_method": schema.StringAttribute{Computed: true, Description: "`SAML20`, `OIDC`, ..."},
		},
	}
}

func (d *applicationTemplateDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *applicationTemplateDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m applicationTemplateModel
	lookUp(ctx, d.data, req, resp, &m,
		func(c *client.Client, ctx context.Context) (*client.ApplicationTemplate, error) {
			return c.FindApplicationTemplate(ctx, m.Name.ValueString(), "")
		},
		func(err error) (path.Path, string, string) {
			return path.Root("name"), "Unknown application template", err.Error()
		},
		func() string { return "Listing application templates" },
		func(t *client.ApplicationTemplate) {
			m.ID = types.StringValue(t.ID)
			m.Description = types.StringValue(t.Description)
			m.AuthenticationMethod = types.StringValue(t.AuthenticationMethod)
		})
}
