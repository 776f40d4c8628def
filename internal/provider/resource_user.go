package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

var (
	_ resource.ResourceWithConfigure   = (*userResource)(nil)
	_ resource.ResourceWithImportState = (*userResource)(nil)
	_ resource.ResourceWithIdentity    = (*userResource)(nil)
)

// NewUserResource is the idaas_user resource.
func NewUserResource() resource.Resource { return &userResource{} }

type userResource struct{ data *providerData }

type userModel struct {
	ID              types.String `tfsdk:"id"`
	UserID          types.String `tfsdk:"user_id"`
	ExternalID      types.String `tfsdk:"external_id"`
	FirstName       types.String `tfsdk:"first_name"`
	LastName        types.String `tfsdk:"last_name"`
	Email           types.String `tfsdk:"email"`
	Mobile          types.String `tfsdk:"mobile"`
	Phone           types.String `tfsdk:"phone"`
	Locale          types.String `tfsdk:"locale"`
	State           types.String `tfsdk:"state"`
	GroupIDs        types.Set    `tfsdk:"group_ids"`
	AttributeValues types.Map    `tfsdk:"attribute_values"`

	// importing makes fill set group_ids and attribute_values even when m
	// has them null. Not in the schema (the framework skips unexported
	// fields, and Get resets it): set it after Get, before fill.
	importing bool
}

// importingKey marks, in private state, a Read that follows an import: it
// fills group_ids and attribute_values, which are otherwise left unmanaged
// when null.
const importingKey = "importing"

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

// optionalUserString is an optional string that is never empty.
func optionalUserString(desc string, vs ...validator.String) schema.StringAttribute {
	return optionalString(desc, append([]validator.String{stringvalidator.LengthAtLeast(1)}, vs...)...)
}

func (r *userResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v3/users") + "A user of the tenant, with the groups they belong to and their custom attribute values. " +
			"Users are what provisioning pushes to AWS IAM Identity Center.",
		Attributes: map[string]schema.Attribute{
			"id":          computedString("The user's UUID, immutable: provisioning sends it to AWS as `externalId`."),
			"user_id":     requiredString("The user's sign-in name, unique in the tenant (case-insensitive).", stringvalidator.LengthBetween(1, 100)),
			"external_id": optionalUserString("An identifier of the user in another system, unique in the tenant."),
			"first_name":  optionalUserString("First name."),
			"last_name":   optionalUserString("Last name."),
			"email":       optionalUserString("E-mail address.", validators.Email()),
			"mobile":      optionalUserString("Mobile number, used for SMS one-time passwords."),
			"phone":       optionalUserString("Phone number, used for voice one-time passwords."),
			"locale":      optionalUserString("Locale, e.g. `en`; the tenant's default when not set."),
			"state": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("ACTIVE"),
				Description: "`ACTIVE` (default) or `INACTIVE`. Only active users can sign in; provisioning sends it as `active`.",
				Validators:  []validator.String{stringvalidator.OneOf("ACTIVE", "INACTIVE")},
			},
			"group_ids": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				Description: "UUIDs of the groups the user belongs to. When set, this list is authoritative for the user " +
					"(`/api/web/v1/userauthorizationgroup/{id}/groups`); when left out, the user's groups are not managed. " +
					"Do not set it for a user that an `idaas_group_members` names: the two would undo each other's changes on " +
					"every apply. Leave it out and manage the user's memberships with `idaas_group_members` instead.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(validators.UUID())},
			},
			"attribute_values": schema.MapAttribute{
				ElementType: types.StringType, Optional: true,
				Description: "Values of custom user attributes, keyed by the `idaas_user_attribute` id. When set, this map is " +
					"authoritative; when left out, the values are not managed.",
				Validators: []validator.Map{mapvalidator.KeysAre(validators.UUID())},
			},
		},
	}
}

func (r *userResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (m *userModel) parms(ctx context.Context, diags *diag.Diagnostics) client.UserParms {
	p := client.UserParms{
		UserID: m.UserID.ValueString(), ExternalID: emptyIfNull(m.ExternalID), FirstName: emptyIfNull(m.FirstName),
		LastName: emptyIfNull(m.LastName), Email: emptyIfNull(m.Email), Mobile: emptyIfNull(m.Mobile),
		Phone: emptyIfNull(m.Phone), Locale: emptyIfNull(m.Locale), State: m.State.ValueString(),
	}
	if !m.AttributeValues.IsNull() {
		var vals map[string]string
		diags.Append(m.AttributeValues.ElementsAs(ctx, &vals, false)...)
		list := make([]client.UserAttributeValue, 0, len(vals))
		for id, v := range vals {
			list = append(list, client.UserAttributeValue{UserAttributeID: id, Value: v})
		}
		sort.Slice(list, func(i, j int) bool { return list[i].UserAttributeID < list[j].UserAttributeID })
		p.UserAttributeValues = &list
	}
	return p
}

// fill copies u into m. Managed collections (non-null in m, or all when
// m.importing) are set from the API.
func (m *userModel) fill(u *client.User, diags *diag.Diagnostics) {
	importing := m.importing
	m.ID = types.StringValue(u.ID)
	m.UserID = types.StringValue(u.UserID)
	m.ExternalID = nullIfEmpty(u.ExternalID)
	m.FirstName = nullIfEmpty(u.FirstName)
	m.LastName = nullIfEmpty(u.LastName)
	m.Email = nullIfEmpty(u.Email)
	m.Mobile = nullIfEmpty(u.Mobile)
	m.Phone = nullIfEmpty(u.Phone)
	m.Locale = nullIfEmpty(u.Locale)
	m.State = types.StringValue(u.State)
	if !m.GroupIDs.IsNull() || (importing && len(u.Groups) > 0) {
		ids := make([]string, 0, len(u.Groups))
		for _, g := range u.Groups {
			ids = append(ids, g.ID)
		}
		set, d := types.SetValueFrom(context.Background(), types.StringType, ids)
		diags.Append(d...)
		m.GroupIDs = set
	}
	if !m.AttributeValues.IsNull() || (importing && len(u.UserAttributeValues) > 0) {
		vals := make(map[string]string, len(u.UserAttributeValues))
		for _, v := range u.UserAttributeValues {
			vals[v.UserAttributeID] = v.Value
		}
		mv, d := types.MapValueFrom(context.Background(), types.StringType, vals)
		diags.Append(d...)
		m.AttributeValues = mv
	}
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m userModel
	writeResourceSteps(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Creating user " + m.UserID.ValueString() }, m.parms, (*client.Client).CreateUser,
		func(c *client.Client, ctx context.Context, u *client.User, diags *diag.Diagnostics) {
			// Save the id at once: if setting the groups fails, the user is in
			// state and the next apply finishes the job instead of creating it again.
			diags.Append(resp.State.SetAttribute(ctx, path.Root("id"), u.ID)...)
			setIDIdentity(ctx, resp.Identity, types.StringValue(u.ID), diags)
			m.setGroups(ctx, c, u, len(setStrings(ctx, m.GroupIDs, diags)) > 0, diags)
		}, m.fill)
}

// setGroups makes the user's groups m's group_ids when m manages them:
// it sends them when send is true (a new user with groups, or changed
// group_ids), and records them in u (read before) for fill.
func (m *userModel) setGroups(ctx context.Context, c *client.Client, u *client.User, send bool, diags *diag.Diagnostics) {
	if m.GroupIDs.IsNull() {
		return
	}
	ids := setStrings(ctx, m.GroupIDs, diags)
	if send {
		if err := c.SetUserGroups(ctx, u.ID, ids); err != nil {
			addAttrAPIError(diags, path.Root("group_ids"), "Setting the groups of user "+m.UserID.ValueString(), err)
			return
		}
	}
	u.Groups = make([]client.Group, 0, len(ids))
	for _, id := range ids {
		u.Groups = append(u.Groups, client.Group{ID: id})
	}
}

func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m userModel
	flag, d := req.Private.GetKey(ctx, importingKey)
	resp.Diagnostics.Append(d...)
	importing := len(flag) > 0
	found := readResource(ctx, r.data, req, resp, &m, "idaas_user", "user", (*client.Client).ReadUser,
		func(u *client.User, diags *diag.Diagnostics) { m.importing = importing; m.fill(u, diags) })
	if found && importing {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, nil)...)
	}
}

func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m, prior userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	writeResourceSteps(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Updating user " + m.ID.ValueString() }, m.parms,
		func(c *client.Client, ctx context.Context, p client.UserParms) (*client.User, error) {
			return c.UpdateUser(ctx, m.ID.ValueString(), p)
		},
		func(c *client.Client, ctx context.Context, u *client.User, diags *diag.Diagnostics) {
			m.setGroups(ctx, c, u, !m.GroupIDs.Equal(prior.GroupIDs), diags)
		}, m.fill)
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByID(ctx, r.data, req, resp, "user", (*client.Client).DeleteUser)
}

func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, []byte(`{"v":1}`))...)
}

func (r *userResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("The user's UUID (not its userId).")
}
