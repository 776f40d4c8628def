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

var _ datasource.DataSourceWithConfigure = (*authenticationFlowDataSource)(nil)

// NewAuthenticationFlowDataSource is the idaas_authentication_flow data source.
func NewAuthenticationFlowDataSource() datasource.DataSource { return &authenticationFlowDataSource{} }

type authenticationFlowDataSource struct{ data *providerData }

type loginFlowModel struct {
	LoginFlowType types.String `tfsdk:"login_flow_type"`
	Enabled       types.Bool   `tfsdk:"enabled"`
}

type authenticationFlowModel struct {
	ID                  types.String     `tfsdk:"id"`
	Name                types.String     `tfsdk:"name"`
	ReadOnly            types.Bool       `tfsdk:"read_only"`
	UserLoginFirstStep  types.String     `tfsdk:"user_login_first_step"`
	UserLoginSecondStep []types.String   `tfsdk:"user_login_second_step"`
	LoginFlows          []loginFlowModel `tfsdk:"login_flows"`
}

func (d *authenticationFlowDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_authentication_flow"
}

func (d *authenticationFlowDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Looks up an authentication flow by its exact name (`/api/web/v2/authenticationflows`), such as one of " +
			"the tenant's built-in, read-only flows, for the risk levels of an `idaas_resource_rule`.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Required: true, Description: "The flow's name, e.g. `Password and Second Factor`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"id":                    schema.StringAttribute{Computed: true, Description: "The flow's UUID."},
			"read_only":             schema.BoolAttribute{Computed: true, Description: "True for the tenant's built-in flows, which cannot be changed or deleted."},
			"user_login_first_step": schema.StringAttribute{Computed: true, Description: "The first step of the user login flow, e.g. `PASSWORD` or `DENY`."},
			"user_login_second_step": schema.ListAttribute{
				ElementType: types.StringType, Computed: true,
				Description: "The second-step authenticators the user may choose from, e.g. `OTP`, `TOKENPUSH`, `FIDO`, in the tenant's order.",
			},
			"login_flows": schema.ListNestedAttribute{
				Computed: true, Description: "The login flows of the flow, by type, and whether each is enabled.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"login_flow_type": schema.StringAttribute{Computed: true, Description: "`USER_LOGIN`, `SMART_LOGIN`, `IDP_LOGIN`, `PASSKEY_LOGIN` or `USER_CERTIFICATE_LOGIN`."},
					"enabled":         schema.BoolAttribute{Computed: true, Description: "Whether this login flow is enabled."},
				}},
			},
		},
	}
}

func (d *authenticationFlowDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *authenticationFlowDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m authenticationFlowModel
	lookUp(ctx, d.data, req, resp, &m,
		func(c *client.Client, ctx context.Context) (*client.AuthenticationFlow, error) {
			return c.FindAuthenticationFlowByName(ctx, m.Name.ValueString())
		},
		func(err error) (path.Path, string, string) {
			return path.Root("name"), "No authentication flow named " + m.Name.ValueString(), err.Error()
		},
		func() string { return "Listing authentication flows" },
		func(f *client.AuthenticationFlow) {
			m.ID = types.StringValue(f.ID)
			m.ReadOnly = types.BoolValue(f.ReadOnly)
			m.UserLoginFirstStep = nullIfEmpty(f.UserLoginFirstStep)
			m.UserLoginSecondStep = []types.String{}
			for _, s := range f.UserLoginSecondStep {
				m.UserLoginSecondStep = append(m.UserLoginSecondStep, types.StringValue(s))
			}
			m.LoginFlows = []loginFlowModel{}
			for _, lf := range f.LoginFlows {
				m.LoginFlows = append(m.LoginFlows, loginFlowModel{LoginFlowType: types.StringValue(lf.LoginFlowType), Enabled: types.BoolValue(lf.Enabled)})
			}
		})
}
