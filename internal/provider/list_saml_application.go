package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ list.ListResourceWithConfigure = (*samlApplicationListResource)(nil)

// NewSAMLApplicationListResource lists idaas_saml_application objects.
func NewSAMLApplicationListResource() list.ListResource { return &samlApplicationListResource{} }

type samlApplicationListResource struct{ samlApplicationResource }

func (r *samlApplicationListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Finds the tenant's SAML applications (`GET /api/web/v1/applications/saml`). Each result is shown by " +
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
		apps, err := l.client.ListSAMLApplications(l.ctx)
		if err != nil {
			return err
		}
		for i := range apps {
			a := &apps[i]
			if !f.match(a.Name) {
				continue
			}
			if err := result(l, a.Name, idIdentity{ID: types.StringValue(a.ID)}, func(m *samlApplicationModel, _ *diag.Diagnostics) { m.fill(a) }); err != nil {
				return err
			}
		}
		return nil
	}, "SAML applications")
}
