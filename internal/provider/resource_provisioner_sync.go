package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*syncResource)(nil)
	_ resource.ResourceWithImportState = (*syncResource)(nil)
	_ resource.ResourceWithIdentity    = (*syncResource)(nil)
)

// adoptedKey marks, in private state, a synchronization that was imported:
// configuring triggers on it records them instead of running a new one.
const adoptedKey = "adopted"

// defaultSyncTimeout bounds the wait for a synchronization.
const defaultSyncTimeout = 30 * time.Minute

// NewProvisionerSyncResource is the idaas_provisioner_sync resource.
func NewProvisionerSyncResource() resource.Resource { return &syncResource{} }

type syncResource struct{ data *providerData }

type syncModel struct {
	ID               types.String   `tfsdk:"id"`
	ProvisionerID    types.String   `tfsdk:"provisioner_id"`
	Triggers         types.Map      `tfsdk:"triggers"`
	Status           types.String   `tfsdk:"status"`
	UsersCreated     types.Int64    `tfsdk:"users_created"`
	UsersUpdated     types.Int64    `tfsdk:"users_updated"`
	UsersDeactivated types.Int64    `tfsdk:"users_deactivated"`
	GroupsPushed     types.Int64    `tfsdk:"groups_pushed"`
	Failures         types.List     `tfsdk:"failures"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

var failureType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"user_id": types.StringType, "group_id": types.StringType, "message": types.StringType,
}}

func (r *syncResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_provisioner_sync"
}

func (r *syncResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	count := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, Description: desc, PlanModifiers: keep}
	}
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/provisioners/{id}/sync", "/api/web/v1/provisioners/{id}/operations/{opId}") + "Synchronizes a provisioner (the console's \"Synchronize\") when created and whenever `triggers` change, " +
			"waits for the synchronization to finish, and records its outcome. Only users whose mapped attributes changed since " +
			"the last synchronization are sent. For an `aws` provisioner, missing mappings for the attributes AWS requires " +
			"(userName, displayName, name.givenName, name.familyName) fail before anything is sent. Destroying it does nothing. " +
			"With Terraform 1.14 or later, the `idaas_synchronize_provisioner` action also synchronizes, on demand " +
			"(`-invoke`) or from an `action_trigger`, showing progress as it goes. Pick this resource with an older " +
			"Terraform, to keep the counts and failures in state, or when something (a `check`, a data source reading " +
			"the target) must wait for the synchronization: nothing waits for a triggered action.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("The synchronization operation's id."),
			"provisioner_id": schema.StringAttribute{
				Required: true, Description: "The `idaas_provisioner` to synchronize; it must be enabled.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"triggers": schema.MapAttribute{
				ElementType: types.StringType, Optional: true,
				Description: "Arbitrary values; any change runs a new synchronization (e.g. ids and attributes of the users and mappings). " +
					"On an imported synchronization, the first triggers are recorded without running one.",
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplaceIf(triggersReplace,
					"Changing triggers runs a new synchronization.", "Changing `triggers` runs a new synchronization.")},
			},
			"status":            computedString("`SUCCEEDED`, or `COMPLETED_WITH_ERRORS` when some users or groups could not be pushed (see `failures`)."),
			"users_created":     count("Users created in the target."),
			"users_updated":     count("Users updated in the target (or adopted: they existed with the same userName or externalId)."),
			"users_deactivated": count("Users deactivated in the target because they left the provisioner's groups or the tenant."),
			"groups_pushed":     count("Groups created, renamed, whose members changed, or deleted in the target."),
			"failures": func() schema.ListNestedAttribute {
				a := computedNestedListResource(failureType, "What could not be pushed.", map[string]string{
					"user_id":  "The tenant UUID of the user that could not be pushed (null for a group).",
					"group_id": "The tenant UUID of the group that could not be pushed (null for a user).",
					"message":  "What the target answered.",
				})
				a.PlanModifiers = []planmodifier.List{listplanmodifier.UseStateForUnknown()}
				return a
			}(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true}),
		},
	}
}

func (r *syncResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *syncResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m syncModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Synchronizing provisioner " + m.ProvisionerID.ValueString() },
		m.parms,
		func(c *client.Client, ctx context.Context, w syncWait) (*client.ProvisioningOperation, error) {
			return m.synchronize(ctx, c, w, &resp.Diagnostics), nil
		}, m.fill)
}

// parms is how long to wait for the synchronization.
func (m *syncModel) parms(ctx context.Context, diags *diag.Diagnostics) syncWait {
	timeout, d := m.Timeouts.Create(ctx, defaultSyncTimeout)
	diags.Append(d...)
	return syncWait{timeout: timeout, hint: "timeouts.create", maxDelay: 2 * time.Second}
}

// synchronize runs a synchronization of m's provisioner and waits for it.
// A failed one is an error; one with failures is a warning. Its problems
// go to diags (then it returns nil).
func (m *syncModel) synchronize(ctx context.Context, c *client.Client, w syncWait, diags *diag.Diagnostics) *client.ProvisioningOperation {
	pid := m.ProvisionerID.ValueString()
	op, ok := synchronize(ctx, c, pid, w, diags)
	if !ok {
		return nil
	}
	if op.Status == client.OperationFailed {
		diags.AddError("Synchronization of provisioner "+pid+" failed", op.Message)
		return nil
	}
	if len(op.Failures) > 0 {
		diags.AddWarning(fmt.Sprintf("%d objects could not be provisioned", len(op.Failures)),
			"The synchronization finished, but these were not pushed (see the failures attribute for all):\n"+failureLines(op, 10))
	}
	return op
}

// Read keeps the recorded outcome: a synchronization is an event, not an
// object that can drift. After an import it reads the operation once.
func (r *syncResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m syncModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	setIdentity(ctx, resp.Identity, m.identity(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !m.Status.IsNull() {
		// A recorded synchronization is history: nothing to refresh. Only
		// an import (status still null) reads the operation.
		return
	}
	readResource(ctx, r.data, req, resp, &m, "idaas_provisioner_sync", "synchronization",
		func(c *client.Client, ctx context.Context, id string) (*client.ProvisioningOperation, error) {
			return findProvisioningOperationByID(ctx, c, m.ProvisionerID.ValueString(), id)
		},
		func(op *client.ProvisioningOperation, diags *diag.Diagnostics) {
			if !op.Done() {
				diags.AddError("Synchronization "+op.ID+" is still running", "Import it once it has finished.")
				return
			}
			m.fill(op, diags)
		})
}

// findProvisioningOperationByID is the finder of idaas_provisioner_sync.
func findProvisioningOperationByID(ctx context.Context, c *client.Client, provisionerID, id string) (*client.ProvisioningOperation, error) {
	return c.GetProvisioningOperation(ctx, provisionerID, id)
}

// Update records new triggers on an imported synchronization, or new
// timeouts: everything else replaces.
func (r *syncResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m syncModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	setIdentity(ctx, resp.Identity, m.identity(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, adoptedKey, nil)...)
}

// ImportState takes <provisioner_id>/<operation_id>, or the identity
// {provisioner_id, operation_id}.
func (r *syncResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := importedIdentity(ctx, req, resp, func(importID string) (syncIdentity, bool) {
		pid, opID, ok := strings.Cut(importID, "/")
		return syncIdentity{ProvisionerID: types.StringValue(pid), OperationID: types.StringValue(opID)}, ok && pid != "" && opID != "" && !strings.Contains(opID, "/")
	}, fmt.Sprintf("Import a synchronization as <provisioner_id>/<operation_id>, got %q.", req.ID))
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.OperationID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("provisioner_id"), id.ProvisionerID)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, adoptedKey, []byte(`{"v":1}`))...)
}

// syncIdentity is what the tenant keys a synchronization by.
type syncIdentity struct {
	ProvisionerID types.String `tfsdk:"provisioner_id"`
	OperationID   types.String `tfsdk:"operation_id"`
}

func (m syncModel) identity() any {
	return syncIdentity{ProvisionerID: m.ProvisionerID, OperationID: m.ID}
}

func (r *syncResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"provisioner_id": identityschema.StringAttribute{RequiredForImport: true, Description: "The provisioner's id."},
		"operation_id":   identityschema.StringAttribute{RequiredForImport: true, Description: "The synchronization operation's id."},
	}}
}

// Delete forgets the synchronization; nothing is undone in the target.
func (r *syncResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// fill records an operation's outcome in m.
func (m *syncModel) fill(op *client.ProvisioningOperation, diags *diag.Diagnostics) {
	m.ID = types.StringValue(op.ID)
	m.ProvisionerID = types.StringValue(op.ProvisionerID)
	m.Status = types.StringValue(op.Status)
	m.UsersCreated = types.Int64Value(int64(op.UsersCreated))
	m.UsersUpdated = types.Int64Value(int64(op.UsersUpdated))
	m.UsersDeactivated = types.Int64Value(int64(op.UsersDeactivated))
	m.GroupsPushed = types.Int64Value(int64(op.GroupsPushed))
	failures := make([]attr.Value, 0, len(op.Failures))
	for _, f := range op.Failures {
		obj, d := types.ObjectValue(failureType.AttrTypes, map[string]attr.Value{
			"user_id": nullIfEmpty(f.UserID), "group_id": nullIfEmpty(f.GroupID), "message": types.StringValue(f.Message)})
		diags.Append(d...)
		failures = append(failures, obj)
	}
	list, d := types.ListValue(failureType, failures)
	diags.Append(d...)
	m.Failures = list
}
