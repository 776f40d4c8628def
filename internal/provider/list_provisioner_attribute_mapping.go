package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ list.ListResourceWithConfigure = (*mappingListResource)(nil)

// NewProvisionerAttributeMappingListResource lists
// idaas_provisioner_attribute_mapping objects.
func NewProvisionerAttributeMappingListResource() list.ListResource { return &mappingListResource{} }

type mappingListResource struct{ mappingResource }

type mappingListFilters struct {
	ProvisionerID types.String `tfsdk:"provisioner_id"`
}

func (r *mappingListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/provisioners", "/api/web/v1/provisioners/{id}/mappings") + "Finds the attribute mappings of the tenant's provisioners (`GET /api/web/v1/provisioners/{id}/mappings`), " +
			"the defaults an `aws` provisioner starts with included. Each result is shown as " +
			"`<provisioner name>: <scim_attribute>`.",
		Attributes: map[string]listschema.Attribute{"provisioner_id": provisionerFilter("mappings")},
	}
}

func (r *mappingListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f mappingListFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	l.run(stream, func(l *lister) error {
		provs, err := provisionersOf(l, f.ProvisionerID.ValueString())
		if err != nil {
			return err
		}
		for _, p := range provs {
			mappings, err := l.client.ListAttributeMappings(l.ctx, p.ID)
			if err != nil {
				return err
			}
			for i := range mappings {
				a := &mappings[i]
				id := mappingIdentity{ProvisionerID: types.StringValue(p.ID), SCIMAttribute: types.StringValue(a.SCIMAttribute)}
				if err := result(l, p.Name+": "+a.SCIMAttribute, id, func(m *mappingModel, diags *diag.Diagnostics) {
					m.ProvisionerID = types.StringValue(p.ID)
					m.fill(a, diags)
				}); err != nil {
					return err
				}
			}
		}
		return nil
	}, "attribute mappings")
}
