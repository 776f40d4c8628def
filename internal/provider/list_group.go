package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var _ list.ListResourceWithConfigure = (*groupListResource)(nil)

// NewGroupListResource lists idaas_group objects.
func NewGroupListResource() list.ListResource { return &groupListResource{} }

type groupListResource struct{ groupResource }

func (r *groupListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Finds the tenant's groups (`POST /api/web/v1/groupspaged`, ordered by name), a page at a time. " +
			"Each result is shown by the group's name.",
		Attributes: nameFilterAttributes("groups", searchedByTenant),
	}
}

func (r *groupListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f nameFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	l.run(stream, func(l *lister) error {
		return eachPage(l.client.GroupPages(l.ctx, client.SearchParms{SearchByAttributes: f.search("name")}), func(g *client.Group) error {
			return result(l, g.Name, idIdentity{ID: types.StringValue(g.ID)}, func(m *groupModel, diags *diag.Diagnostics) { m.fill(g, diags) })
		})
	}, "groups")
}
