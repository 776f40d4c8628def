package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

var _ datasource.DataSourceWithConfigure = (*scimGroupsDataSource)(nil)

// NewSCIMGroupsDataSource is the idaas_scim_groups data source.
func NewSCIMGroupsDataSource() datasource.DataSource { return &scimGroupsDataSource{} }

type scimGroupsDataSource struct{ data *providerData }

type scimGroupsModel struct {
	SCIMEndpoint   types.String `tfsdk:"scim_endpoint"`
	BearerToken    types.String `tfsdk:"bearer_token"`
	Filter         types.String `tfsdk:"filter"`
	AWSMode        types.Bool   `tfsdk:"aws_mode"`
	IncludeMembers types.Bool   `tfsdk:"include_members"`
	Groups         types.List   `tfsdk:"groups"`
}

var scimGroupType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "display_name": types.StringType, "external_id": types.StringType,
	"members": types.SetType{ElemType: types.StringType}, "member_external_ids": types.SetType{ElemType: types.StringType},
}}

func (d *scimGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scim_groups"
}

func (d *scimGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = scimGroupsSchema()
}

// scimGroupsSchema is the schema of the data source, and (converted) of the
// ephemeral resource.
func scimGroupsSchema() schema.Schema {
	attrs := scimTargetAttributes("groups")
	attrs["include_members"] = schema.BoolAttribute{
		Optional: true,
		Description: "Whether to read each group's members. AWS never lists members on group reads, so in AWS mode they are read " +
			"with one `groups.value eq \"<group id>\"` user filter per group. Default `true`.",
	}
	attrs["groups"] = computedNestedList(scimGroupType, "The groups, sorted by `display_name`.", map[string]string{
		"id":                  "The group's SCIM id in the target.",
		"display_name":        "SCIM `displayName`.",
		"external_id":         "The group's externalId: the tenant group's UUID for groups the tenant pushed.",
		"members":             "The SCIM ids of the group's members (null when `include_members` is false).",
		"member_external_ids": "The members' externalIds, i.e. tenant user UUIDs (null when `include_members` is false).",
	})
	return schema.Schema{
		Description: "Reads the groups of a SCIM target (AWS IAM Identity Center) directly, with their members learned through " +
			"filters, so that a `check` block can assert that AWS matches the tenant.",
		Attributes: attrs,
	}
}

func (d *scimGroupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// groupMembers returns a group's members as SCIM users.
func groupMembers(ctx context.Context, c *scim.Client, awsMode bool, g scim.Group, byID map[string]scim.User) ([]scim.User, error) {
	if awsMode {
		return c.ListUsers(ctx, `groups.value eq "`+g.ID+`"`)
	}
	out := make([]scim.User, 0, len(g.Members))
	for _, id := range g.Members {
		u, ok := byID[id]
		if !ok {
			u = scim.User{ID: id}
		}
		out = append(out, u)
	}
	return out, nil
}

func (d *scimGroupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWith(ctx, req, resp, d.data.readSCIMGroups)
}

// readSCIMGroups fills m.Groups from the SCIM target m names; the data
// source and the ephemeral resource idaas_scim_groups share it.
func (d *providerData) readSCIMGroups(ctx context.Context, m *scimGroupsModel, diags *diag.Diagnostics) {
	c, ctx := d.scimClientFor(ctx, m.SCIMEndpoint.ValueString(), m.BearerToken.ValueString(), m.AWSMode, diags)
	if c == nil {
		return
	}
	awsMode := m.AWSMode.IsNull() || m.AWSMode.ValueBool()
	groups, err := c.ListGroups(ctx, m.Filter.ValueString())
	if err != nil {
		diags.AddError("Reading SCIM groups", err.Error())
		return
	}
	withMembers := m.IncludeMembers.IsNull() || m.IncludeMembers.ValueBool()
	byID := map[string]scim.User{}
	if withMembers && !awsMode && len(groups) > 0 {
		users, err := c.ListUsers(ctx, "")
		if err != nil {
			diags.AddError("Reading SCIM users", err.Error())
			return
		}
		for _, u := range users {
			byID[u.ID] = u
		}
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].DisplayName < groups[j].DisplayName })
	vals := make([]attr.Value, 0, len(groups))
	for _, g := range groups {
		members, externals := types.SetNull(types.StringType), types.SetNull(types.StringType)
		if withMembers {
			us, err := groupMembers(ctx, c, awsMode, g, byID)
			if err != nil {
				diags.AddError("Reading the members of SCIM group "+g.DisplayName, err.Error())
				return
			}
			ids, exts := []string{}, []string{}
			for _, u := range us {
				ids = append(ids, u.ID)
				if u.ExternalID != "" {
					exts = append(exts, u.ExternalID)
				}
			}
			members, externals = setOf(ids), setOf(exts)
		}
		obj, od := types.ObjectValue(scimGroupType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(g.ID), "display_name": types.StringValue(g.DisplayName), "external_id": nullIfEmpty(g.ExternalID),
			"members": members, "member_external_ids": externals,
		})
		diags.Append(od...)
		vals = append(vals, obj)
	}
	list, ld := types.ListValue(scimGroupType, vals)
	diags.Append(ld...)
	m.Groups = list
}

// setOf makes a set of strings.
func setOf(ss []string) types.Set {
	vals := make([]attr.Value, len(ss))
	for i, s := range ss {
		vals[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, vals)
}
