package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var _ list.ListResourceWithConfigure = (*userAttributeListResource)(nil)

// NewUserAttributeListResource lists idaas_user_attribute objects.
func NewUserAttributeListResource() list.ListResource { return &userAttributeListResource{} }

type userAttributeListResource struct{ userAttributeResource }

func (r *userAttributeListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Finds the tenant's custom user attributes (`GET /api/web/v1/userattributes`); the system-defined ones " +
			"(User ID, First Name...) cannot be managed and are left out. Each result is shown by the attribute's name.",
		Attributes: nameFilterAttributes("user attributes", searchedByProvider),
	}
}

func (r *userAttributeListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f nameFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	l.run(stream, func(l *lister) error {
		return eachPage(whole(l.client.ListUserAttributes(l.ctx)), func(a *client.UserAttribute) error {
			if a.SystemDefined || !f.match(a.Name) {
				return nil
			}
			return result(l, a.Name, idIdentity{ID: types.StringValue(a.ID)}, func(m *userAttributeModel, diags *diag.Diagnostics) { m.fill(a, diags) })
		})
	}, "user attributes")
}
