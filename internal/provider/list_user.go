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

var _ list.ListResourceWithConfigure = (*userListResource)(nil)

// NewUserListResource lists idaas_user objects.
func NewUserListResource() list.ListResource { return &userListResource{} }

type userListResource struct{ userResource }

type userListFilters struct {
	UserIDPrefix   types.String `tfsdk:"user_id_prefix"`
	UserIDContains types.String `tfsdk:"user_id_contains"`
	EmailContains  types.String `tfsdk:"email_contains"`
	State          types.String `tfsdk:"state"`
}

func (r *userListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attr := func(desc string, vs ...validator.String) listschema.StringAttribute {
		return listschema.StringAttribute{Optional: true, Description: desc + " " + searchedByTenant,
			Validators: append([]validator.String{stringvalidator.LengthAtLeast(1)}, vs...)}
	}
	resp.Schema = listschema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/userspaged") + "Finds the tenant's users (`POST /api/web/v1/userspaged`, ordered by userId), a page of 100 at a time, " +
			"so that a tenant of any size is listed in bounded memory (set the list block's `limit` above its default of 100 " +
			"to get more). Each result is shown by the user's userId. The user's groups and custom attribute values are " +
			"fetched only with `include_resource`.",
		Attributes: map[string]listschema.Attribute{
			"user_id_prefix":   attr("Only users whose userId starts with this (case-insensitive)."),
			"user_id_contains": attr("Only users whose userId contains this (case-insensitive)."),
			"email_contains":   attr("Only users whose email contains this (case-insensitive), e.g. `@example.com`."),
			"state":            attr("Only users in this state: `ACTIVE` or `INACTIVE`.", stringvalidator.OneOf("ACTIVE", "INACTIVE")),
		},
	}
}

func (f userListFilters) search() []client.SearchByAttribute {
	var s []client.SearchByAttribute
	add := func(v types.String, name, op string) {
		if !v.IsNull() && v.ValueString() != "" {
			s = append(s, client.SearchByAttribute{Name: name, Operator: op, Value: v.ValueString()})
		}
	}
	add(f.UserIDPrefix, "userId", "STARTS_WITH")
	add(f.UserIDContains, "userId", "CONTAINS")
	add(f.EmailContains, "email", "CONTAINS")
	add(f.State, "state", "EQUALS")
	return s
}

func (r *userListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f userListFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	p := client.SearchParms{SearchByAttributes: f.search()}
	if req.IncludeResource {
		p.Attributes = []string{client.UserAttrGroups, client.UserAttrUserAttributeValues}
	}
	l.run(stream, func(l *lister) error {
		return eachPage(l.client.UserPages(l.ctx, p), func(u *client.User) error {
			return result(l, u.UserID, idIdentity{ID: types.StringValue(u.ID)}, func(m *userModel, diags *diag.Diagnostics) { m.importing = true; m.fill(u, diags) })
		})
	}, "users")
}
