package provider

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

// nullIfEmpty maps the API's empty strings to null, so that an optional
// attribute left out of configuration plans clean.
func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// emptyIfNull is the way back: null becomes "", which the API takes as
// "remove the value".
func emptyIfNull(v types.String) *string {
	s := v.ValueString()
	return &s
}

// removeGone drops an object deleted outside Terraform from state, with a
// warning, so the next plan creates it again.
func removeGone(ctx context.Context, resp *resource.ReadResponse, kind, id string) {
	tflog.Warn(ctx, "object deleted outside Terraform", map[string]any{"type": kind, "id": id})
	resp.Diagnostics.AddWarning(kind+" "+id+" no longer exists",
		"It was deleted outside Terraform, so it is removed from state and will be planned for creation again.")
	resp.State.RemoveResource(ctx)
}

// readByID is the Read rhythm of a resource addressed by its `id`: state
// into the model m, get (which fetches the object by id and fills m), a 404
// removed from state with a warning, m back into state.
func readByID[M any](ctx context.Context, data *providerData, req resource.ReadRequest, resp *resource.ReadResponse,
	m *M, kind, what string, get func(context.Context, *client.Client, string) error,
) {
	var id types.String
	resp.Diagnostics.Append(req.State.Get(ctx, m)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	c := data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	err := get(maskSecrets(ctx, c), c, id.ValueString())
	if client.NotFound(err) {
		removeGone(ctx, resp, kind, id.ValueString())
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading "+what+" "+id.ValueString(), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// deleteByID is the Delete rhythm of a resource addressed by its `id`: an
// object already gone counts as deleted.
func deleteByID(ctx context.Context, data *providerData, req resource.DeleteRequest, resp *resource.DeleteResponse,
	what string, del func(context.Context, *client.Client, string) error,
) {
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	c := data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := del(maskSecrets(ctx, c), c, id.ValueString()); err != nil && !client.NotFound(err) {
		addAPIError(&resp.Diagnostics, "Deleting "+what+" "+id.ValueString(), err)
	}
}

var acsAttrTypes = map[string]attr.Type{"url": types.StringType, "binding": types.StringType, "index": types.Int64Type, "is_default": types.BoolType}

var endpointAttrTypes = map[string]attr.Type{"url": types.StringType, "binding": types.StringType}

func acsList(acs []samlutil.ACS) types.List {
	vs := make([]attr.Value, 0, len(acs))
	for _, a := range acs {
		vs = append(vs, types.ObjectValueMust(acsAttrTypes, map[string]attr.Value{
			"url": types.StringValue(a.URL), "binding": types.StringValue(a.Binding),
			"index": types.Int64Value(int64(a.Index)), "is_default": types.BoolValue(a.IsDefault),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: acsAttrTypes}, vs)
}

func endpointList(es []samlutil.Endpoint) types.List {
	vs := make([]attr.Value, 0, len(es))
	for _, e := range es {
		vs = append(vs, types.ObjectValueMust(endpointAttrTypes, map[string]attr.Value{"url": types.StringValue(e.URL), "binding": types.StringValue(e.Binding)}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: endpointAttrTypes}, vs)
}

func stringList(ss []string) types.List {
	vs := make([]attr.Value, 0, len(ss))
	for _, s := range ss {
		vs = append(vs, types.StringValue(s))
	}
	return types.ListValueMust(types.StringType, vs)
}

func timeOrNull(t *time.Time) types.String {
	if t == nil {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}

// providerDataFrom unpacks the provider's data in a Configure method.
func providerDataFrom(pd any, diags *diag.Diagnostics) *providerData {
	if pd == nil {
		return nil
	}
	d, ok := pd.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", "This is a bug in the provider: please report it.")
		return nil
	}
	return d
}

// apiClient returns the configured client, or adds an error saying the
// provider configuration is not known yet.
func (d *providerData) apiClient(diags *diag.Diagnostics) *client.Client {
	if d == nil || d.client == nil {
		diags.AddError("Provider not configured",
			"The idaas provider configuration (tenant_url, application_id, shared_secret) is not known yet. "+
				"Run apply on what it depends on first, or set these values directly.")
		return nil
	}
	return d.client
}

// addAPIError reports a client error, with the tenant's errorCode and
// message when it has them.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, err.Error())
}

// addAttrAPIError is addAPIError attached to an attribute.
func addAttrAPIError(diags *diag.Diagnostics, p path.Path, summary string, err error) {
	diags.AddAttributeError(p, summary, err.Error())
}

// computedNestedList describes a computed list of objects of type t, each
// field with its description from descs, for a data source.
func computedNestedList(t types.ObjectType, desc string, descs map[string]string) dschema.ListNestedAttribute {
	attrs := map[string]dschema.Attribute{}
	for name, at := range t.AttrTypes {
		attrs[name] = computedDataSourceAttribute(at, descs[name])
	}
	return dschema.ListNestedAttribute{Computed: true, Description: desc, NestedObject: dschema.NestedAttributeObject{Attributes: attrs}}
}

func computedDataSourceAttribute(t attr.Type, desc string) dschema.Attribute {
	switch t {
	case types.BoolType:
		return dschema.BoolAttribute{Computed: true, Description: desc}
	case types.Int64Type:
		return dschema.Int64Attribute{Computed: true, Description: desc}
	case types.StringType:
		return dschema.StringAttribute{Computed: true, Description: desc}
	}
	if s, ok := t.(types.SetType); ok {
		return dschema.SetAttribute{Computed: true, ElementType: s.ElemType, Description: desc}
	}
	panic("computedDataSourceAttribute: unsupported type " + t.String())
}

// computedNestedListResource is computedNestedList for a resource; its
// fields are strings.
func computedNestedListResource(t types.ObjectType, desc string, descs map[string]string) rschema.ListNestedAttribute {
	attrs := map[string]rschema.Attribute{}
	for name := range t.AttrTypes {
		attrs[name] = rschema.StringAttribute{Computed: true, Description: descs[name]}
	}
	return rschema.ListNestedAttribute{Computed: true, Description: desc, NestedObject: rschema.NestedAttributeObject{Attributes: attrs}}
}

// scimTargetAttributes are the attributes both SCIM data sources take to
// reach the target.
func scimTargetAttributes(kind string) map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"endpoint": dschema.StringAttribute{
			Required:    true,
			Description: "The SCIM base URL, e.g. `https://scim.us-east-1.amazonaws.com/<tenant-id>/scim/v2` (usually `idaas_provisioner.<name>.scim_endpoint`).",
			Validators:  []validator.String{scimEndpointValidator()},
		},
		"token": dschema.StringAttribute{
			Required: true, Sensitive: true, Description: "The SCIM bearer token. Never logged.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"filter": dschema.StringAttribute{
			Optional: true,
			Description: "A SCIM filter. AWS accepts only `eq`, optionally joined by `and`, on " + map[string]string{
				"users":  "`userName`, `externalId`, `id` and `groups.value`, e.g. `externalId eq \"<tenant user UUID>\"`.",
				"groups": "`displayName`, `externalId`, `id` and `members`, e.g. `displayName eq \"AWS Admins\"`.",
			}[kind],
			Validators: []validator.String{stringvalidator.LengthAtLeast(1), validators.SCIMFilter()},
		},
		"aws_mode": dschema.BoolAttribute{
			Optional:    true,
			Description: "Talk to the target as to AWS IAM Identity Center (cursor paging, membership through filters). Default `true`; set `false` for a plain RFC 7644 server.",
		},
	}
}

// scimEndpoint validates a SCIM base URL: https, or http to loopback.
func scimEndpointValidator() validator.String {
	return validators.String("must be an https:// URL (http:// only to loopback hosts)", func(s string) error {
		if _, err := client.ParseTenantURL(s); err != nil {
			return fmt.Errorf("%q is not a usable SCIM endpoint: write it like https://scim.us-east-1.amazonaws.com/<tenant-id>/scim/v2 (http:// only for loopback hosts)", s)
		}
		return nil
	})
}

func computedString(desc string) rschema.StringAttribute {
	return rschema.StringAttribute{Computed: true, Description: desc, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

func known(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }

func setStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	out := []string{}
	if s.IsNull() || s.IsUnknown() {
		return out
	}
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	sort.Strings(out)
	return out
}

// scimClientFor connects to a SCIM target with the provider's HTTP settings
// (max_retries, request_timeout) and logger. Log lines written through the
// returned context have the token masked.
func (d *providerData) scimClientFor(ctx context.Context, endpoint, token string, awsMode types.Bool, diags *diag.Diagnostics) (*scim.Client, context.Context) {
	cfg := scim.Config{Endpoint: endpoint, Token: token, AWSMode: awsMode.IsNull() || awsMode.ValueBool(),
		UserAgent: "terraform-provider-idaas", Logger: tflogLogger{}}
	if d != nil {
		cfg.MaxRetries, cfg.RequestTimeout = d.maxRetries, d.requestTimeout
	}
	c, err := scim.New(cfg)
	if err != nil {
		diags.AddError("Invalid SCIM target", err.Error())
		return nil, ctx
	}
	return c, tflog.MaskAllFieldValuesStrings(tflog.MaskMessageStrings(ctx, token), token)
}
