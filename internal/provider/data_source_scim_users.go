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

var _ datasource.DataSourceWithConfigure = (*scimUsersDataSource)(nil)

// NewSCIMUsersDataSource is the idaas_scim_users data source.
func NewSCIMUsersDataSource() datasource.DataSource { return &scimUsersDataSource{} }

type scimUsersDataSource struct{ data *providerData }

type scimUsersModel struct {
	SCIMEndpoint types.String `tfsdk:"scim_endpoint"`
	BearerToken  types.String `tfsdk:"bearer_token"`
	Filter       types.String `tfsdk:"filter"`
	AWSMode      types.Bool   `tfsdk:"aws_mode"`
	Users        types.List   `tfsdk:"users"`
}

var scimUserType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "external_id": types.StringType, "user_name": types.StringType, "display_name": types.StringType,
	"given_name": types.StringType, "family_name": types.StringType, "email": types.StringType, "active": types.BoolType,
}}

func (d *scimUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scim_users"
}

func (d *scimUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = scimUsersSchema()
}

// scimUsersSchema is the schema of the data source, and (converted) of the
// ephemeral resource.
func scimUsersSchema() schema.Schema {
	attrs := scimTargetAttributes("users")
	attrs["users"] = computedNestedList(scimUserType, "The users, sorted by `user_name`.", map[string]string{
		"id":           "The user's SCIM id in the target.",
		"external_id":  "The user's externalId: the tenant user's UUID for users the tenant provisioned.",
		"user_name":    "SCIM `userName`.",
		"display_name": "SCIM `displayName`.",
		"given_name":   "SCIM `name.givenName`.",
		"family_name":  "SCIM `name.familyName`.",
		"email":        "The primary e-mail address, or the first one.",
		"active":       "SCIM `active`: false for users the tenant deactivated.",
	})
	return schema.Schema{
		Description: "Reads the users of a SCIM target (AWS IAM Identity Center) directly, following every page, so that a `check` " +
			"block can assert that AWS matches the tenant.",
		Attributes: attrs,
	}
}

func (d *scimUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func scimString(u scim.User, path string) attr.Value {
	if v, ok := u.Get(path); ok {
		if s, ok := v.(string); ok {
			return types.StringValue(s)
		}
	}
	return types.StringNull()
}

func (d *scimUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWith(ctx, req, resp, d.data.readSCIMUsers)
}

// readSCIMUsers fills m.Users from the SCIM target m names; the data source
// and the ephemeral resource idaas_scim_users share it.
func (d *providerData) readSCIMUsers(ctx context.Context, m *scimUsersModel, diags *diag.Diagnostics) {
	c, ctx := d.scimClientFor(ctx, m.SCIMEndpoint.ValueString(), m.BearerToken.ValueString(), m.AWSMode, diags)
	if c == nil {
		return
	}
	users, err := c.ListUsers(ctx, m.Filter.ValueString())
	if err != nil {
		diags.AddError("Reading SCIM users", err.Error())
		return
	}
	sort.Slice(users, func(i, j int) bool { return users[i].UserName < users[j].UserName })
	vals := make([]attr.Value, 0, len(users))
	for _, u := range users {
		email := scimString(u, `emails[primary eq true].value`)
		if email.IsNull() {
			email = scimString(u, "emails.value")
		}
		active := types.BoolNull()
		if u.Active != nil {
			active = types.BoolValue(*u.Active)
		}
		obj, od := types.ObjectValue(scimUserType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(u.ID), "external_id": nullIfEmpty(u.ExternalID), "user_name": types.StringValue(u.UserName),
			"display_name": nullIfEmpty(u.DisplayName), "given_name": scimString(u, "name.givenName"),
			"family_name": scimString(u, "name.familyName"), "email": email, "active": active,
		})
		diags.Append(od...)
		vals = append(vals, obj)
	}
	list, ld := types.ListValue(scimUserType, vals)
	diags.Append(ld...)
	m.Users = list
}
