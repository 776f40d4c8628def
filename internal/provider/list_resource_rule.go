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

var _ list.ListResourceWithConfigure = (*resourceRuleListResource)(nil)

// NewResourceRuleListResource lists idaas_resource_rule objects.
func NewResourceRuleListResource() list.ListResource { return &resourceRuleListResource{} }

type resourceRuleListResource struct{ resourceRuleResource }

type resourceRuleListFilters struct {
	ApplicationID types.String `tfsdk:"application_id"`
	nameFilters
}

func (r *resourceRuleListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attrs := nameFilterAttributes("resource rules", searchedByProvider)
	attrs["application_id"] = listschema.StringAttribute{
		Optional: true,
		Description: "Only the rules of this application (its id, e.g. `idaas_saml_application`'s): the tenant lists them " +
			"(`GET /api/web/v2/resourcerules/resource/{id}`).",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = listschema.Schema{
		Description: "Finds the tenant's resource rules (`GET /api/web/v2/resourcerules`, or those of one application). " +
			"Each result is shown by the rule's name.",
		Attributes: attrs,
	}
}

func (r *resourceRuleListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f resourceRuleListFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	l.run(stream, func(l *lister) error {
		fetch := func() ([]client.ResourceRule, error) { return l.client.ListResourceRules(l.ctx) }
		if app := f.ApplicationID.ValueString(); app != "" {
			fetch = func() ([]client.ResourceRule, error) { return l.client.ListResourceRulesForResource(l.ctx, app) }
		}
		return eachPage(whole(fetch()), func(rr *client.ResourceRule) error {
			if !f.match(rr.Name) {
				return nil
			}
			return result(l, rr.Name, idIdentity{ID: types.StringValue(rr.ID)}, func(m *resourceRuleModel, diags *diag.Diagnostics) { m.fill(rr, diags) })
		})
	}, "resource rules")
}
