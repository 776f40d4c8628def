package provider

import (
	"context"
	"errors"
	"iter"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// List resources (Terraform 1.14+, `terraform query`) have the type names
// of the resources they list. Each embeds its resource for Metadata and
// Configure, and lists through the tenant's list endpoints, a page at a
// time: results are pushed to Terraform as each page arrives, so memory is
// bounded by a page, not by the tenant. Every result carries the object's
// identity, a display name a person recognises and, with include_resource,
// the resource exactly as Read after an import fills it (the resource's own
// fill function, from a blank model), so that configuration generated with
// `terraform query -generate-config-out` plans clean.

// lister is what a List method needs: the request, and a stream that ends
// at the request's limit or when Terraform stops reading.
type lister struct {
	ctx    context.Context
	req    list.ListRequest
	client *client.Client
	count  int64
	push   func(list.ListResult) bool
	// blank is the all-null resource every include_resource result is
	// filled from (made once: a tftypes.Value never changes).
	blank tftypes.Value
}

// startList reads the list block's configuration into filters and returns
// the lister to hand to run, or false when the stream already carries the
// error.
func startList(ctx context.Context, data *providerData, req list.ListRequest, stream *list.ListResultsStream, filters any) (*lister, bool) {
	var diags diag.Diagnostics
	if filters != nil {
		diags.Append(req.Config.Get(ctx, filters)...)
	}
	c, ctx := data.apiClient(ctx, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return nil, false
	}
	l := &lister{ctx: ctx, req: req, client: c}
	if req.IncludeResource {
		l.blank = nullAttributes(req.ResourceSchema.Type().TerraformType(ctx))
	}
	return l, true
}

// run sets the stream to the results that each pushes: each is called
// once, with the lister, when Terraform starts reading.
func (l *lister) run(stream *list.ListResultsStream, each func(*lister) error, what string) {
	stream.Results = func(push func(list.ListResult) bool) {
		l.push = push
		if err := each(l); err != nil && !errors.Is(err, errListDone) {
			var diags diag.Diagnostics
			addAPIError(&diags, "Listing "+what, err)
			push(list.ListResult{Diagnostics: diags})
		}
	}
}

// errListDone stops a listing that reached its limit or whose reader left.
var errListDone = errors.New("listing done")

// result pushes one object: its display name, its identity (a struct of the
// identity schema) and, when include_resource is set, the model M filled by
// fill from a blank model. It returns errListDone when no more results are
// wanted.
func result[M any](l *lister, displayName string, identity any, fill func(*M, *diag.Diagnostics)) error {
	res := l.req.NewListResult(l.ctx)
	res.DisplayName = displayName
	res.Diagnostics.Append(res.Identity.Set(l.ctx, identity)...)
	if l.req.IncludeResource {
		var m M
		blank := tfsdk.Resource{Schema: l.req.ResourceSchema, Raw: l.blank}
		res.Diagnostics.Append(blank.Get(l.ctx, &m)...)
		fill(&m, &res.Diagnostics)
		res.Diagnostics.Append(res.Resource.Set(l.ctx, &m)...)
	}
	l.count++
	if !l.push(res) || (l.req.Limit > 0 && l.count >= l.req.Limit) {
		return errListDone
	}
	return nil
}

// nullAttributes is an object of type t whose attributes are all null: the
// state an import starts from.
func nullAttributes(t tftypes.Type) tftypes.Value {
	obj, ok := t.(tftypes.Object)
	if !ok {
		return tftypes.NewValue(t, nil)
	}
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, at := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	return tftypes.NewValue(obj, vals)
}

// eachPage runs emit on every item of a paged search, a page at a time.
func eachPage[T any](pages iter.Seq2[[]T, error], emit func(*T) error) error {
	for page, err := range pages {
		if err != nil {
			return err
		}
		for i := range page {
			if err := emit(&page[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// whole is a list the tenant answers in one piece, as a sequence of one
// page, for eachPage.
func whole[T any](items []T, err error) iter.Seq2[[]T, error] {
	return func(yield func([]T, error) bool) { yield(items, err) }
}

// nameFilters are the list block arguments that scope a search by name.
type nameFilters struct {
	NamePrefix   types.String `tfsdk:"name_prefix"`
	NameContains types.String `tfsdk:"name_contains"`
}

// nameFilterAttributes are the schema of nameFilters; where says how the
// search is made (by the tenant, or by the provider over the full list).
func nameFilterAttributes(what, where string) map[string]listschema.Attribute {
	return map[string]listschema.Attribute{
		"name_prefix": listschema.StringAttribute{
			Optional:    true,
			Description: "Only " + what + " whose name starts with this (case-insensitive). " + where,
			Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"name_contains": listschema.StringAttribute{
			Optional:    true,
			Description: "Only " + what + " whose name contains this (case-insensitive). " + where,
			Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
}

// match applies the filters to a name, for lists the tenant cannot search.
func (f nameFilters) match(name string) bool {
	n := strings.ToLower(name)
	return (f.NamePrefix.IsNull() || strings.HasPrefix(n, strings.ToLower(f.NamePrefix.ValueString()))) &&
		(f.NameContains.IsNull() || strings.Contains(n, strings.ToLower(f.NameContains.ValueString())))
}

// search turns the filters into the paged searches' searchByAttributes on
// attribute name.
func (f nameFilters) search(name string) []client.SearchByAttribute {
	var s []client.SearchByAttribute
	if !f.NamePrefix.IsNull() {
		s = append(s, client.SearchByAttribute{Name: name, Operator: "STARTS_WITH", Value: f.NamePrefix.ValueString()})
	}
	if !f.NameContains.IsNull() {
		s = append(s, client.SearchByAttribute{Name: name, Operator: "CONTAINS", Value: f.NameContains.ValueString()})
	}
	return s
}

const (
	searchedByTenant   = "The tenant does the search."
	searchedByProvider = "The tenant's list cannot be searched, so the provider reads it and filters."
)
