package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var (
	_ action.ActionWithConfigure  = (*testProvisionerAction)(nil)
	_ action.ActionWithModifyPlan = (*testProvisionerAction)(nil)
)

// NewTestProvisionerAction is the idaas_test_provisioner action.
func NewTestProvisionerAction() action.Action { return &testProvisionerAction{} }

type testProvisionerAction struct{ data *providerData }

type testProvisionerActionModel struct {
	ProvisionerID types.String `tfsdk:"provisioner_id"`
}

func (a *testProvisionerAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_test_provisioner"
}

func (a *testProvisionerAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/provisioners/{id}/test") + "Tests a provisioner's connection, as the console's \"Send Test SCIM\" does: the tenant sends one SCIM " +
			"request (a list of one user) to the provisioner's endpoint with its bearer token. It reports success, or fails " +
			"saying why in words: the token was refused, the endpoint URL is wrong, the TLS connection failed, or the " +
			"endpoint could not be reached. This is the test `idaas_provisioner` runs itself with `verify_connection`. " +
			"Needs Terraform 1.14 or later; run it with `terraform apply -invoke=action.idaas_test_provisioner.<name>` or " +
			"from a resource's `lifecycle { action_trigger { ... } }`.",
		Attributes: map[string]schema.Attribute{
			"provisioner_id": provisionerIDAttribute("test"),
		},
	}
}

func (a *testProvisionerAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *testProvisionerAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	checkProvisionerExists(ctx, a.data, req.Config, &resp.Diagnostics)
}

func (a *testProvisionerAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m testProvisionerActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	c, ctx := a.data.apiClient(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	pid := m.ProvisionerID.ValueString()
	p, err := c.GetProvisioner(ctx, pid)
	if err != nil {
		if client.NotFound(err) {
			resp.Diagnostics.AddError("Provisioner "+pid+" not found", err.Error())
			return
		}
		addAPIError(&resp.Diagnostics, "Reading provisioner "+pid, err)
		return
	}
	res, err := c.TestProvisioner(ctx, pid)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Sending test SCIM for provisioner "+pid, err)
		return
	}
	where := fmt.Sprintf("provisioner %q (%s)", p.Name, p.SCIMEndpoint)
	if !res.Success {
		summary, detail := testFailure(res, "the provisioner's bearer_token or bearer_token_wo")
		resp.Diagnostics.AddError(summary, "Send test SCIM for "+where+" failed. "+detail)
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: "Send test SCIM for " + where + " succeeded: " + res.Message})
}
