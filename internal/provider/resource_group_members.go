package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

var (
	_ resource.ResourceWithConfigure      = (*groupMembersResource)(nil)
	_ resource.ResourceWithImportState    = (*groupMembersResource)(nil)
	_ resource.ResourceWithIdentity       = (*groupMembersResource)(nil)
	_ resource.ResourceWithValidateConfig = (*groupMembersResource)(nil)
)

// NewGroupMembersResource is the idaas_group_members resource.
func NewGroupMembersResource() resource.Resource { return &groupMembersResource{} }

type groupMembersResource struct{ data *providerData }

type groupMembersModel struct {
	ID            types.String   `tfsdk:"id"`
	GroupID       types.String   `tfsdk:"group_id"`
	UserIDs       stringSetValue `tfsdk:"user_ids"`
	Authoritative types.Bool     `tfsdk:"authoritative"`
	AllowEmpty    types.Bool     `tfsdk:"allow_empty"`
}

// membershipWorkers is how many users of one resource are changed at a time.
const membershipWorkers = 4

func (r *groupMembersResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_members"
}

func (r *groupMembersResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/userspaged", "/api/web/v3/users/{id}") + "Members of a group, for users Terraform does not own (synchronized from a directory, created by " +
			"self-service or in the console): the users stay whatever the directory makes them, and Terraform manages only " +
			"their membership of this group. Membership is written per user with the published " +
			"`PUT /api/web/v1/userauthorizationgroup/{userid}/groups`, which replaces the user's whole group list: each change " +
			"reads the user's groups, changes this group only, writes them and reads them back, serialized per user within " +
			"the provider and made again if another writer undid it. The group's members are read a page of 100 at a time " +
			"(`POST /api/web/v1/userspaged` with a `groupId` search).\n\n" +
			"Do not also set `group_ids` on an `idaas_user` for a user this resource names: `group_ids` is authoritative for " +
			"that user's groups, so the two would undo each other on every apply. An `idaas_user` without `group_ids` leaves " +
			"its groups alone and works beside this resource.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("The group's UUID (as `group_id`)."),
			"group_id": schema.StringAttribute{
				Required: true, Description: "The UUID of the group. Changing it manages another group's members (replacement).",
				Validators:    []validator.String{validators.UUID()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"user_ids": schema.SetAttribute{
				ElementType: types.StringType, CustomType: largeStringSet, Required: true,
				Description: "UUIDs of the users who are members (`id` of `idaas_user`, `data.idaas_user` or " +
					"`data.idaas_users`, not their userId). A listed user removed from the group outside Terraform shows as a " +
					"change and is added again. An id that names no user fails the apply, naming it, before anything is changed.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(validators.UUID())},
			},
			"authoritative": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "`false` (default): Terraform adds and removes only the users in `user_ids` and leaves the " +
					"group's other members alone. `true`: the group's members are exactly `user_ids`; a member added " +
					"outside Terraform shows as a change and is removed on apply.",
			},
			"allow_empty": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "With `authoritative = true`, an empty `user_ids` removes every member of the group, so it is " +
					"refused (at plan time, or at apply when `user_ids` is known only then) unless this is `true`.",
			},
		},
	}
}

func (r *groupMembersResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *groupMembersResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m groupMembersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if !resp.Diagnostics.HasError() {
		m.refuseEmpty(&resp.Diagnostics)
	}
}

// refuseEmpty refuses an authoritative, empty user_ids without allow_empty.
func (m *groupMembersModel) refuseEmpty(diags *diag.Diagnostics) {
	if m.Authoritative.ValueBool() && !m.UserIDs.IsUnknown() && !m.UserIDs.IsNull() && len(m.UserIDs.Elements()) == 0 && !m.AllowEmpty.ValueBool() {
		diags.AddAttributeError(path.Root("user_ids"), "Refusing to remove every member of the group",
			"With authoritative = true, an empty user_ids removes every member of the group. "+
				"If that is what you want, set allow_empty = true.")
	}
}

// fill sets m from the group's members: all of them when authoritative or
// imported (user_ids null), else the listed users who are still members.
func (m *groupMembersModel) fill(groupID string, members []string, diags *diag.Diagnostics) {
	m.ID, m.GroupID = types.StringValue(groupID), types.StringValue(groupID)
	if m.Authoritative.IsNull() {
		m.Authoritative = types.BoolValue(false)
	}
	if m.AllowEmpty.IsNull() {
		m.AllowEmpty = types.BoolValue(false)
	}
	ids := members
	if !m.Authoritative.ValueBool() && !m.UserIDs.IsNull() {
		ids = intersect(setStrings(context.Background(), m.UserIDs.SetValue, diags), members)
	}
	m.UserIDs = largeSetOf(ids)
}

func (m groupMembersModel) identity() any { return groupMembersIdentity{GroupID: m.GroupID} }

// groupMembersIdentity is what a group's membership is keyed by.
type groupMembersIdentity struct {
	GroupID types.String `tfsdk:"group_id"`
}

func (r *groupMembersResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"group_id": identityschema.StringAttribute{RequiredForImport: true, Description: "The group's UUID."},
	}}
}

func (r *groupMembersResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m groupMembersModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	r.write(ctx, &m, nil, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *groupMembersResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m, prior groupMembersModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	r.write(ctx, &m, setStrings(ctx, prior.UserIDs.SetValue, &resp.Diagnostics), &resp.State, resp.Identity, &resp.Diagnostics)
}

// write makes the group's membership what m plans, given the users the
// state managed before (prior; nil on create): the group's members are
// read, the users to add are checked to exist (nothing is changed when one
// does not), and each user to add or remove is changed. When a change
// fails, the state records the members as they then are, with the error.
func (r *groupMembersResource) write(ctx context.Context, m *groupMembersModel, prior []string, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	c, ctx := r.data.apiClient(ctx, diags)
	if diags.HasError() {
		return
	}
	m.refuseEmpty(diags)
	want := setStrings(ctx, m.UserIDs.SetValue, diags)
	if diags.HasError() {
		return
	}
	gid := m.GroupID.ValueString()
	members, err := c.GroupMemberIDs(ctx, gid)
	if err != nil {
		groupError(diags, gid, err)
		return
	}
	add := minus(want, members)
	remove := intersect(minus(prior, want), members)
	if m.Authoritative.ValueBool() {
		remove = minus(members, want)
	}
	missing, err := c.UsersNotFound(ctx, add, membershipWorkers)
	if err != nil {
		addAPIError(diags, "Checking the users to add to group "+gid, err)
		return
	}
	if len(missing) > 0 {
		diags.AddAttributeError(path.Root("user_ids"), "No such user",
			fmt.Sprintf("user_ids names %s, which the tenant does not have (user_ids takes users' UUIDs, not their userIds). "+
				"Nothing was changed in group %s.", listIDs("user", missing), gid))
		return
	}
	if err := c.ChangeGroupMembers(ctx, gid, add, remove, membershipWorkers); err != nil {
		var me *client.MembershipError
		if errors.As(err, &me) && len(me.Failed) < len(add)+len(remove) {
			// Some users changed: record the members as they are now.
			if now, rerr := c.GroupMemberIDs(ctx, gid); rerr == nil {
				if !m.Authoritative.ValueBool() {
					m.UserIDs = largeSetOf(union(want, prior))
				}
				m.fill(gid, now, diags)
				diags.Append(state.Set(ctx, m)...)
				setIdentity(ctx, identity, m.identity(), diags)
			}
		}
		diags.AddAttributeError(path.Root("user_ids"), "Changing the members of group "+gid,
			err.Error()+"\n\nThe state records the members as they now are; the next apply makes the remaining changes.")
		return
	}
	m.fill(gid, want, diags)
	diags.Append(state.Set(ctx, m)...)
	setIdentity(ctx, identity, m.identity(), diags)
}

// groupError reports a failed read of a group's members: a group that does
// not exist is named on group_id.
func groupError(diags *diag.Diagnostics, gid string, err error) {
	if client.NotFound(err) {
		diags.AddAttributeError(path.Root("group_id"), "No such group",
			"group_id names group "+gid+", which the tenant does not have: "+err.Error())
		return
	}
	addAPIError(diags, "Reading the members of group "+gid, err)
}

func (r *groupMembersResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m groupMembersModel
	readResource(ctx, r.data, req, resp, &m, "idaas_group_members", "the members of group",
		func(c *client.Client, ctx context.Context, id string) (*[]string, error) {
			members, err := c.GroupMemberIDs(ctx, id)
			return &members, err
		},
		func(members *[]string, diags *diag.Diagnostics) { m.fill(m.GroupID.ValueString(), *members, diags) })
}

func (r *groupMembersResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m groupMembersModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	c, ctx := r.data.apiClient(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	gid := m.GroupID.ValueString()
	members, err := c.GroupMemberIDs(ctx, gid)
	if client.NotFound(err) { // the group is gone, and its memberships with it
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading the members of group "+gid, err)
		return
	}
	remove := intersect(setStrings(ctx, m.UserIDs.SetValue, &resp.Diagnostics), members)
	if err := c.ChangeGroupMembers(ctx, gid, nil, remove, membershipWorkers); err != nil {
		addAPIError(&resp.Diagnostics, "Removing the members of group "+gid, err)
	}
}

// ImportState takes the group's UUID, or the identity {group_id}. The
// imported resource lists every member and is not authoritative.
func (r *groupMembersResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := importedIdentity(ctx, req, resp, func(importID string) (groupMembersIdentity, bool) {
		return groupMembersIdentity{GroupID: types.StringValue(importID)}, importID != ""
	}, "Import a group's members by the group's UUID; got "+req.ID)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.GroupID.ValueString())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("group_id"), id.GroupID.ValueString())...)
}

// minus is a without the elements of b, sorted.
func minus(a, b []string) []string {
	drop := make(map[string]bool, len(b))
	for _, s := range b {
		drop[s] = true
	}
	out := []string{}
	for _, s := range a {
		if !drop[s] {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// intersect is the elements of a that are in b, sorted.
func intersect(a, b []string) []string {
	return minus(a, minus(a, b))
}

// union is a and b without repeats, sorted.
func union(a, b []string) []string {
	return append(minus(a, b), b...)
}

// listIDs names ids, e.g. `user "a"` or `users "a", "b"`.
func listIDs(what string, ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	if len(ids) > 1 {
		what += "s"
	}
	return what + " " + strings.Join(q, ", ")
}
