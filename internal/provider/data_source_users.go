package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

var _ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)

// NewUsersDataSource is the idaas_users data source.
func NewUsersDataSource() datasource.DataSource { return &usersDataSource{} }

type usersDataSource struct{ data *providerData }

type usersDataModel struct {
	UserIDPrefix   types.String   `tfsdk:"user_id_prefix"`
	UserIDContains types.String   `tfsdk:"user_id_contains"`
	EmailContains  types.String   `tfsdk:"email_contains"`
	State          types.String   `tfsdk:"state"`
	GroupID        types.String   `tfsdk:"group_id"`
	IDs            stringSetValue `tfsdk:"ids"`
	Users          types.List     `tfsdk:"users"`
}

// filters are the search arguments, as the idaas_user list resource's.
func (m *usersDataModel) filters() userListFilters {
	return userListFilters{UserIDPrefix: m.UserIDPrefix, UserIDContains: m.UserIDContains, EmailContains: m.EmailContains, State: m.State}
}

var usersDataUserType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "user_id": types.StringType, "email": types.StringType, "external_id": types.StringType,
	"first_name": types.StringType, "last_name": types.StringType, "state": types.StringType, "type": types.StringType,
	"group_ids": types.SetType{ElemType: types.StringType}, "attribute_values": types.MapType{ElemType: types.StringType},
}}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	filter := func(desc string, vs ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Description: desc + " " + searchedByTenant,
			Validators: append([]validator.String{stringvalidator.LengthAtLeast(1)}, vs...)}
	}
	fields := map[string]schema.Attribute{}
	for name, t := range usersDataUserType.AttrTypes {
		switch t.(type) {
		case types.SetType:
			fields[name] = schema.SetAttribute{Computed: true, ElementType: types.StringType, Description: userDataDescriptions[name]}
		case types.MapType:
			fields[name] = schema.MapAttribute{Computed: true, ElementType: types.StringType, Description: userDataDescriptions[name]}
		default:
			fields[name] = schema.StringAttribute{Computed: true, Description: userDataDescriptions[name]}
		}
	}
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/userspaged") + "Finds existing users, e.g. those a directory synchronizes into the tenant, without managing them: " +
			"the tenant's user search (`POST /api/web/v1/userspaged`, ordered by userId) read a page of 100 at a time, never " +
			"user by user. The filters are the `idaas_user` list resource's, plus `group_id`; with none, every user is " +
			"returned. `ids` feeds `idaas_group_members.user_ids` directly.",
		Attributes: map[string]schema.Attribute{
			"user_id_prefix":   filter("Only users whose userId starts with this (case-insensitive)."),
			"user_id_contains": filter("Only users whose userId contains this (case-insensitive)."),
			"email_contains":   filter("Only users whose email contains this (case-insensitive), e.g. `@example.com`."),
			"state":            filter("Only users in this state: `ACTIVE` or `INACTIVE`.", stringvalidator.OneOf("ACTIVE", "INACTIVE")),
			"group_id": schema.StringAttribute{Optional: true, Validators: []validator.String{validators.UUID()},
				Description: "Only members of the group with this UUID, e.g. a group synchronized from a directory. " + searchedByTenant},
			"ids": schema.SetAttribute{Computed: true, ElementType: types.StringType, CustomType: largeStringSet, Description: "The UUIDs of the users found."},
			"users": schema.ListNestedAttribute{Computed: true, Description: "The users found, ordered by userId.",
				NestedObject: schema.NestedAttributeObject{Attributes: fields}},
		},
	}
}

func (d *usersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m usersDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	c, ctx := d.data.apiClient(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	p := client.SearchParms{SearchByAttributes: m.filters().search(),
		Attributes: []string{client.UserAttrGroups, client.UserAttrUserAttributeValues}}
	pages := c.UserPages(ctx, p)
	if known(m.GroupID) {
		pages = c.GroupMemberPages(ctx, m.GroupID.ValueString(), p)
	}
	ids, users := []string{}, []attr.Value{}
	for page, err := range pages {
		if client.NotFound(err) && known(m.GroupID) {
			resp.Diagnostics.AddAttributeError(path.Root("group_id"), "No group "+m.GroupID.ValueString(),
				"group_id names a group the tenant does not have: "+err.Error())
			return
		}
		if err != nil {
			addAPIError(&resp.Diagnostics, "Searching the tenant's users", err)
			return
		}
		for i := range page {
			u := &page[i]
			groups, values := userGroupsAndValues(u, &resp.Diagnostics)
			obj, od := types.ObjectValue(usersDataUserType.AttrTypes, map[string]attr.Value{
				"id": types.StringValue(u.ID), "user_id": types.StringValue(u.UserID), "email": types.StringValue(u.Email),
				"external_id": types.StringValue(u.ExternalID), "first_name": types.StringValue(u.FirstName),
				"last_name": types.StringValue(u.LastName), "state": types.StringValue(u.State), "type": types.StringValue(u.Type),
				"group_ids": groups, "attribute_values": values,
			})
			resp.Diagnostics.Append(od...)
			ids = append(ids, u.ID)
			users = append(users, obj)
		}
	}
	var diags diag.Diagnostics
	m.IDs = largeSetOf(ids)
	m.Users, diags = types.ListValue(usersDataUserType, users)
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	}
}
