package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var _ list.ListResourceWithConfigure = (*syncListResource)(nil)

// NewProvisionerSyncListResource lists idaas_provisioner_sync objects.
func NewProvisionerSyncListResource() list.ListResource { return &syncListResource{} }

type syncListResource struct{ syncResource }

type syncListFilters struct {
	ProvisionerID types.String `tfsdk:"provisioner_id"`
	Status        types.String `tfsdk:"status"`
}

func (r *syncListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/provisioners", "/api/web/v1/provisioners/{id}/operationspaged") + "Finds the synchronizations of the tenant's provisioners " +
			"(`POST /api/web/v1/provisioners/{id}/operationspaged`, newest first), a page at a time. Each result is shown as " +
			"`<provisioner name>: <started at> <status>`. An imported synchronization records its outcome; it is not run again. " +
			"A synchronization still running is listed only when `status` is `RUNNING` (it can be imported once it has finished).",
		Attributes: map[string]listschema.Attribute{
			"provisioner_id": provisionerFilter("synchronizations"),
			"status": listschema.StringAttribute{
				Optional:    true,
				Description: "Only synchronizations with this status: `SUCCEEDED`, `COMPLETED_WITH_ERRORS`, `FAILED` or `RUNNING`. " + searchedByTenant,
				Validators: []validator.String{stringvalidator.OneOf(client.OperationSucceeded, client.OperationCompletedWithErrors,
					client.OperationFailed, client.OperationRunning)},
			},
		},
	}
}

func (r *syncListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f syncListFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	var search []client.SearchByAttribute
	if s := f.Status.ValueString(); s != "" {
		search = append(search, client.SearchByAttribute{Name: "status", Operator: "EQUALS", Value: s})
	}
	l.run(stream, func(l *lister) error {
		provs, err := provisionersOf(l, f.ProvisionerID.ValueString())
		if err != nil {
			return err
		}
		for _, p := range provs {
			err := eachPage(l.client.ProvisioningOperationPages(l.ctx, p.ID, client.SearchParms{SearchByAttributes: search}), func(op *client.ProvisioningOperation) error {
				if !op.Done() && f.Status.ValueString() != client.OperationRunning {
					return nil // not importable until it has finished
				}
				id := syncIdentity{ProvisionerID: types.StringValue(p.ID), OperationID: types.StringValue(op.ID)}
				return result(l, p.Name+": "+op.StartedAt+" "+op.Status, id, func(m *syncModel, diags *diag.Diagnostics) { m.fill(op, diags) })
			})
			if err != nil {
				return err
			}
		}
		return nil
	}, "synchronizations")
}
