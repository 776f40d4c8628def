package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

var (
	_ action.ActionWithConfigure  = (*synchronizeAction)(nil)
	_ action.ActionWithModifyPlan = (*synchronizeAction)(nil)
)

// actionPollMaxDelay is the longest wait between two reads of a running
// synchronization by the action, so that its progress shows as it goes.
const actionPollMaxDelay = time.Second

// NewSynchronizeProvisionerAction is the idaas_synchronize_provisioner
// action.
func NewSynchronizeProvisionerAction() action.Action { return &synchronizeAction{} }

type synchronizeAction struct{ data *providerData }

type synchronizeActionModel struct {
	ProvisionerID types.String   `tfsdk:"provisioner_id"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

func (a *synchronizeAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_synchronize_provisioner"
}

// provisionerIDAttribute is the provisioner_id of both provisioner actions.
func provisionerIDAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Required:    true,
		Description: "The id of the `idaas_provisioner` to " + what + ". A provisioner that does not exist fails the plan.",
		Validators:  []validator.String{validators.UUID()},
	}
}

func (a *synchronizeAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/provisioners/{id}/sync", "/api/web/v1/provisioners/{id}/operations/{opId}") + "Synchronizes a provisioner, as the console's \"Synchronize\" does: starts a synchronization, waits for it, " +
			"and shows its progress (users and groups done of the total) as it goes. Only users whose mapped attributes changed " +
			"since the last synchronization are sent. It fails when the provisioner is disabled, when an `aws` provisioner lacks " +
			"a mapping AWS requires (userName, displayName, name.givenName, name.familyName), and when the synchronization " +
			"ends with errors (with the tenant's counts and the first failures). Needs Terraform 1.14 or later; run it with " +
			"`terraform apply -invoke=action.idaas_synchronize_provisioner.<name>` or from a resource's " +
			"`lifecycle { action_trigger { ... } }`. The `idaas_provisioner_sync` resource does the same for older Terraform " +
			"versions and records the outcome in state.",
		Attributes: map[string]schema.Attribute{
			"provisioner_id": provisionerIDAttribute("synchronize; it must be enabled"),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.BlockWithOpts(ctx, timeouts.Opts{
				InvokeDescription: "How long to wait for the synchronization, as a duration such as `30m` or `1h` (default `30m`).",
			}),
		},
	}
}

func (a *synchronizeAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *synchronizeAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	checkProvisionerExists(ctx, a.data, req.Config, &resp.Diagnostics)
}

// checkProvisionerExists fails the plan of an action whose provisioner_id,
// when known, names no provisioner. An unknown id (a provisioner created by
// the same apply) or a provider configuration not known yet are left to the
// invocation.
func checkProvisionerExists(ctx context.Context, data *providerData, config tfsdk.Config, diags *diag.Diagnostics) {
	var id types.String
	diags.Append(config.GetAttribute(ctx, path.Root("provisioner_id"), &id)...)
	if diags.HasError() || id.IsNull() || id.IsUnknown() {
		return
	}
	c, ctx, ok := data.planClient(ctx)
	if !ok {
		return
	}
	_, err := c.GetProvisioner(ctx, id.ValueString())
	switch {
	case client.NotFound(err):
		diags.AddAttributeError(path.Root("provisioner_id"), "Provisioner "+id.ValueString()+" not found",
			fmt.Sprintf("provisioner_id %q names no provisioner in the tenant. Use the id of an idaas_provisioner "+
				"(idaas_provisioner.<name>.id).", id.ValueString()))
	case err != nil:
		addAttrAPIError(diags, path.Root("provisioner_id"), "Reading provisioner "+id.ValueString(), err)
	}
}

func (a *synchronizeAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m synchronizeActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	c, ctx := a.data.apiClient(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := m.Timeouts.Invoke(ctx, defaultSyncTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	pid := m.ProvisionerID.ValueString()
	last := ""
	report := func(op *client.ProvisioningOperation) {
		msg := progressLine(op)
		if last == "" {
			msg = "Synchronization " + op.ID + " started"
		}
		if msg != "" && msg != last {
			last = msg
			resp.SendProgress(action.InvokeProgressEvent{Message: msg})
		}
	}
	op, ok := synchronize(ctx, c, pid, syncWait{timeout: timeout, hint: "timeouts.invoke", maxDelay: actionPollMaxDelay, onPoll: report}, &resp.Diagnostics)
	if !ok {
		return
	}
	switch op.Status {
	case client.OperationFailed:
		resp.Diagnostics.AddError("Synchronization of provisioner "+pid+" failed", op.Message+"\nThe tenant's counts: "+outcome(op))
	case client.OperationCompletedWithErrors:
		resp.Diagnostics.AddError(fmt.Sprintf("Synchronization of provisioner %s completed with %d errors", pid, len(op.Failures)),
			"The tenant's counts: "+outcome(op)+"\nThe first of what could not be pushed:\n"+failureLines(op, 10))
	default:
		resp.SendProgress(action.InvokeProgressEvent{Message: "Synchronization " + op.ID + " " + op.Status + ": " + outcome(op)})
	}
}

// progressLine says how far a running synchronization has got, or nothing
// before the tenant has counted what it has to do.
func progressLine(op *client.ProvisioningOperation) string {
	if op.Done() || op.UsersTotal+op.GroupsTotal == 0 {
		return ""
	}
	return fmt.Sprintf("users %d/%d, groups %d/%d done (%d created, %d updated, %d deactivated, %d groups pushed)",
		op.UsersDone, op.UsersTotal, op.GroupsDone, op.GroupsTotal, op.UsersCreated, op.UsersUpdated, op.UsersDeactivated, op.GroupsPushed)
}

// outcome is a finished synchronization's counts.
func outcome(op *client.ProvisioningOperation) string {
	return fmt.Sprintf("%d users created, %d updated, %d deactivated, %d groups pushed, %d failures.",
		op.UsersCreated, op.UsersUpdated, op.UsersDeactivated, op.GroupsPushed, len(op.Failures))
}
