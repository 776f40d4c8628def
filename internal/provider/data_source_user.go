package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
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

var (
	_ datasource.DataSourceWithConfigure        = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)
)

// NewUserDataSource is the idaas_user data source.
func NewUserDataSource() datasource.DataSource { return &userDataSource{} }

type userDataSource struct{ data *providerData }

type userDataModel struct {
	ID              types.String `tfsdk:"id"`
	UserID          types.String `tfsdk:"user_id"`
	Email           types.String `tfsdk:"email"`
	ExternalID      types.String `tfsdk:"external_id"`
	FirstName       types.String `tfsdk:"first_name"`
	LastName        types.String `tfsdk:"last_name"`
	Mobile          types.String `tfsdk:"mobile"`
	Phone           types.String `tfsdk:"phone"`
	Locale          types.String `tfsdk:"locale"`
	State           types.String `tfsdk:"state"`
	Type            types.String `tfsdk:"type"`
	GroupIDs        types.Set    `tfsdk:"group_ids"`
	AttributeValues types.Map    `tfsdk:"attribute_values"`
}

// userDataKeys are the attributes a user is looked up by, exactly one set.
var userDataKeys = []string{"id", "user_id", "email", "external_id"}

// userDataDescriptions describe a user as the data sources expose it.
var userDataDescriptions = map[string]string{
	"id":               "The user's UUID: what `idaas_group_members.user_ids` takes.",
	"user_id":          "The user's sign-in name (userId).",
	"email":            "E-mail address.",
	"external_id":      "The user's identifier in another system, e.g. the directory it is synchronized from.",
	"first_name":       "First name.",
	"last_name":        "Last name.",
	"mobile":           "Mobile number.",
	"phone":            "Phone number.",
	"locale":           "Locale.",
	"state":            "`ACTIVE` or `INACTIVE`.",
	"type":             "`MGMT_UI` (made in the tenant), `LDAP_AD` (synchronized from a directory) or `EXTERNAL`.",
	"group_ids":        "UUIDs of the groups the user belongs to.",
	"attribute_values": "Values of the user's custom attributes, keyed by the `idaas_user_attribute` id.",
}

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{}
	for name, desc := range userDataDescriptions {
		attrs[name] = schema.StringAttribute{Computed: true, Description: desc}
	}
	key := func(desc string, vs ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Computed: true,
			Description: desc + " Set exactly one of `id`, `user_id`, `email` and `external_id`.",
			Validators:  append([]validator.String{stringvalidator.LengthAtLeast(1)}, vs...)}
	}
	attrs["id"] = key("The user's UUID (`GET /api/web/v3/users/{id}`): what `idaas_group_members.user_ids` takes.", validators.UUID())
	attrs["user_id"] = key("The user's sign-in name, or one of its aliases (`POST /api/web/v3/users/userid`).")
	attrs["email"] = key("The user's e-mail address, matched exactly but for case (`POST /api/web/v1/userspaged`). " +
		"More than one user with that address is an error listing them.")
	attrs["external_id"] = key("The user's external id, e.g. the directory's identifier of the user (`POST /api/web/v1/userspaged`).")
	attrs["group_ids"] = schema.SetAttribute{Computed: true, ElementType: types.StringType, Description: userDataDescriptions["group_ids"]}
	attrs["attribute_values"] = schema.MapAttribute{Computed: true, ElementType: types.StringType, Description: userDataDescriptions["attribute_values"]}
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v3/users/{id}", "/api/web/v1/userspaged") + "Looks up one existing user (by `user_id` through the published `POST /api/web/v3/users/userid`; by `id`, `email` or `external_id` through project-defined calls), e.g. one a directory synchronizes into the tenant, without managing it: " +
			"its names, state, e-mail, groups and custom attribute values. A look-up that matches nothing is an error naming " +
			"the key.",
		Attributes: attrs,
	}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	var keys []path.Expression
	for _, k := range userDataKeys {
		keys = append(keys, path.MatchRoot(k))
	}
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(keys...)}
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// key is the look-up key that is set: its attribute, value and what it is
// in words.
func (m *userDataModel) key() (string, string, string) {
	switch {
	case !m.ID.IsNull():
		return "id", m.ID.ValueString(), "id"
	case !m.UserID.IsNull():
		return "user_id", m.UserID.ValueString(), "userId"
	case !m.Email.IsNull():
		return "email", m.Email.ValueString(), "e-mail address"
	}
	return "external_id", m.ExternalID.ValueString(), "external id"
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m userDataModel
	lookUp(ctx, d.data, req, resp, &m,
		func(c *client.Client, ctx context.Context) (*client.User, error) {
			attr, v, _ := m.key()
			switch attr {
			case "id":
				return c.GetUser(ctx, v)
			case "user_id":
				return c.GetUserByUserID(ctx, v)
			case "email":
				return findOneUser(ctx, c, "email", v)
			}
			return findOneUser(ctx, c, "externalId", v)
		},
		func(error) (path.Path, string, string) {
			attr, v, words := m.key()
			return path.Root(attr), "No user with " + words + " " + v,
				fmt.Sprintf("The tenant has no user whose %s is %q.", words, v)
		},
		func() string { _, v, words := m.key(); return "Looking up the user with " + words + " " + v },
		func(u *client.User) {
			// The key stays as configured (the tenant matches it
			// case-insensitively, or by alias).
			attr, v, _ := m.key()
			m.fill(u, &resp.Diagnostics)
			switch attr {
			case "user_id":
				m.UserID = types.StringValue(v)
			case "email":
				m.Email = types.StringValue(v)
			case "external_id":
				m.ExternalID = types.StringValue(v)
			}
		})
}

// AmbiguousUserError says that a look-up that must find one user found
// several.
type ambiguousUserError struct {
	attr, value string
	users       []client.User
}

func (e *ambiguousUserError) Error() string {
	names := make([]string, len(e.users))
	for i, u := range e.users {
		names[i] = fmt.Sprintf("%s (id %s)", u.UserID, u.ID)
	}
	return fmt.Sprintf("%d users have %s %q: %s. Look the user up by id or user_id instead.", len(e.users), e.attr, e.value, strings.Join(names, ", "))
}

// findOneUser is the user whose attr (a userspaged search attribute) equals
// value, with its groups and custom attribute values; none is a
// *client.NotFoundError, several an *ambiguousUserError listing them.
func findOneUser(ctx context.Context, c *client.Client, attr, value string) (*client.User, error) {
	var found []client.User
	p := client.SearchParms{Attributes: []string{client.UserAttrGroups, client.UserAttrUserAttributeValues},
		SearchByAttributes: []client.SearchByAttribute{{Name: attr, Operator: "EQUALS", Value: value}}}
	for page, err := range c.UserPages(ctx, p) {
		if err != nil {
			return nil, err
		}
		found = append(found, page...)
	}
	switch len(found) {
	case 0:
		return nil, &client.NotFoundError{Message: fmt.Sprintf("no user has %s %q", attr, value)}
	case 1:
		return &found[0], nil
	}
	return nil, &ambiguousUserError{attr: attr, value: value, users: found}
}

// fill copies u into m.
func (m *userDataModel) fill(u *client.User, diags *diag.Diagnostics) {
	m.ID = types.StringValue(u.ID)
	m.UserID = types.StringValue(u.UserID)
	m.Email = types.StringValue(u.Email)
	m.ExternalID = types.StringValue(u.ExternalID)
	m.FirstName = types.StringValue(u.FirstName)
	m.LastName = types.StringValue(u.LastName)
	m.Mobile = types.StringValue(u.Mobile)
	m.Phone = types.StringValue(u.Phone)
	m.Locale = types.StringValue(u.Locale)
	m.State = types.StringValue(u.State)
	m.Type = types.StringValue(u.Type)
	m.GroupIDs, m.AttributeValues = userGroupsAndValues(u, diags)
}

// userGroupsAndValues is u's group ids and custom attribute values.
func userGroupsAndValues(u *client.User, diags *diag.Diagnostics) (types.Set, types.Map) {
	ids := make([]attr.Value, 0, len(u.Groups))
	for _, g := range u.Groups {
		ids = append(ids, types.StringValue(g.ID))
	}
	vals := make(map[string]attr.Value, len(u.UserAttributeValues))
	for _, v := range u.UserAttributeValues {
		vals[v.UserAttributeID] = types.StringValue(v.Value)
	}
	set, d := types.SetValue(types.StringType, ids)
	diags.Append(d...)
	mv, d := types.MapValue(types.StringType, vals)
	diags.Append(d...)
	return set, mv
}
