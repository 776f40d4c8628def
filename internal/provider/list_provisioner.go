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

var _ list.ListResourceWithConfigure = (*provisionerListResource)(nil)

// NewProvisionerListResource lists idaas_provisioner objects.
func NewProvisionerListResource() list.ListResource { return &provisionerListResource{} }

type provisionerListResource struct{ provisionerResource }

func (r *provisionerListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/provisioners") + "Finds the tenant's SCIM provisioners (`GET /api/web/v1/provisioners`). Each result is shown by the " +
			"provisioner's name. The bearer token is never returned: generated configuration needs it added.",
		Attributes: nameFilterAttributes("provisioners", searchedByProvider),
	}
}

func (r *provisionerListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f nameFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	l.run(stream, func(l *lister) error {
		return eachPage(whole(l.client.ListProvisioners(l.ctx)), func(p *client.Provisioner) error {
			if !f.match(p.Name) {
				return nil
			}
			return result(l, p.Name, idIdentity{ID: types.StringValue(p.ID)}, func(m *provisionerModel, diags *diag.Diagnostics) { m.fill(p, diags) })
		})
	}, "provisioners")
}

// provisionersOf is the provisioner named by id, or every provisioner when
// id is empty: what the mapping and synchronization lists go through.
func provisionersOf(l *lister, id string) ([]client.Provisioner, error) {
	if id == "" {
		return l.client.ListProvisioners(l.ctx)
	}
	p, err := l.client.GetProvisioner(l.ctx, id)
	if err != nil {
		return nil, err
	}
	return []client.Provisioner{*p}, nil
}

// provisionerFilter is the provisioner_id argument of the mapping and
// synchronization lists.
func provisionerFilter(what string) listschema.StringAttribute {
	return listschema.StringAttribute{
		Optional:    true,
		Description: "Only the " + what + " of this provisioner (its id); of every provisioner when unset.",
		Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}
