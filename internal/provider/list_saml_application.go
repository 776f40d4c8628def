package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var _ list.ListResourceWithConfigure = (*samlApplicationListResource)(nil)

// NewSAMLApplicationListResource lists idaas_saml_application objects.
func NewSAMLApplicationListResource() list.ListResource { return &samlApplicationListResource{} }

type samlApplicationListResource struct{ samlApplicationResource }

func (r *samlApplicationListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/applications/saml") + "Finds the tenant's SAML applications (`GET /api/web/v1/applications/saml`). Each result is shown by " +
			"the application's name.",
		Attributes: nameFilterAttributes("applications", searchedByProvider),
	}
}

func (r *samlApplicationListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f nameFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	l.run(stream, func(l *lister) error {
		return eachPage(whole(l.client.ListSAMLApplications(l.ctx)), func(a *client.SAMLApplication) error {
			if !f.match(a.Name) {
				return nil
			}
			return result(l, a.Name, idIdentity{ID: types.StringValue(a.ID)}, func(m *samlApplicationModel, diags *diag.Diagnostics) { m.fill(a, diags) })
		})
	}, "SAML applications")
}
