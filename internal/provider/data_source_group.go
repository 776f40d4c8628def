package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*groupDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*groupDataSource)(nil)
)

// NewGroupDataSource is the idaas_group data source.
func NewGroupDataSource() datasource.DataSource { return &groupDataSource{} }

type groupDataSource struct{ data *providerData }

func (d *groupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group"
}

func (d *groupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Looks up an existing group by its exact name (`/api/web/v1/groupspaged`) or its external id " +
			"(`/api/web/v1/groups/externalid`), e.g. a group synchronized from a directory.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, Description: "The group's UUID."},
			"name": schema.StringAttribute{Optional: true, Computed: true, Description: "The group's name. Set exactly one of `name` and `external_id`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"external_id": schema.StringAttribute{Optional: true, Computed: true, Description: "The group's external id. Set exactly one of `name` and `external_id`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"attribute": schema.StringAttribute{Computed: true, Description: "The group's free-form attribute."},
			"type":      schema.StringAttribute{Computed: true, Description: "`MGMT_UI` or `LDAP_AD`."},
		},
	}
}

func (d *groupDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("name"), path.MatchRoot("external_id")),
	}
}

func (d *groupDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *groupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m groupModel
	what := func() (string, path.Path) {
		if !m.Name.IsNull() {
			return "named " + m.Name.ValueString(), path.Root("name")
		}
		return "with external id " + m.ExternalID.ValueString(), path.Root("external_id")
	}
	lookUp(ctx, d.data, req, resp, &m,
		func(c *client.Client, ctx context.Context) (*client.Group, error) {
			if !m.Name.IsNull() {
				return c.FindGroupByName(ctx, m.Name.ValueString())
			}
			return c.GetGroupByExternalID(ctx, m.ExternalID.ValueString())
		},
		func(error) (path.Path, string, string) {
			w, at := what()
			return at, "No group " + w, "The tenant has no group " + w + ". Check the spelling, or create it with idaas_group."
		},
		func() string { w, _ := what(); return "Looking up the group " + w },
		func(g *client.Group) {
			m.fill(g, &resp.Diagnostics)
			m.ExternalID = types.StringValue(g.ExternalID)
			m.Attribute = types.StringValue(g.Attribute)
		})
}
