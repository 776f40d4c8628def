package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var _ list.ListResourceWithConfigure = (*groupMembersListResource)(nil)

// NewGroupMembersListResource lists idaas_group_members: one result per
// group.
func NewGroupMembersListResource() list.ListResource { return &groupMembersListResource{} }

type groupMembersListResource struct{ groupMembersResource }

func (r *groupMembersListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/userspaged") + "Finds the tenant's groups (`POST /api/web/v1/groupspaged`, ordered by name), one result per group, shown " +
			"by the group's name. With `include_resource`, each result lists all the group's members (read a page of 100 " +
			"at a time) and is not authoritative, as an import reads it.",
		Attributes: nameFilterAttributes("groups", searchedByTenant),
	}
}

func (r *groupMembersListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f nameFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	l.run(stream, func(l *lister) error {
		return eachPage(l.client.GroupPages(l.ctx, client.SearchParms{SearchByAttributes: f.search("name")}), func(g *client.Group) error {
			return result(l, g.Name, groupMembersIdentity{GroupID: types.StringValue(g.ID)}, func(m *groupMembersModel, diags *diag.Diagnostics) {
				members, err := l.client.GroupMemberIDs(l.ctx, g.ID)
				if err != nil {
					addAPIError(diags, "Reading the members of group "+g.Name, err)
					return
				}
				m.fill(g.ID, members, diags)
			})
		})
	}, "group members")
}
