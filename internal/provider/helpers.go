package provider

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/httpx"
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

// writeResource is the Create and the Update of a resource: the plan into
// m, the client and the masked context, parms (model -> client parameters;
// it may add errors, and then nothing is sent), call, fill (client object
// -> model), m into state. what names the operation in an error summary,
// e.g. "Creating group admins". call may add diagnostics itself (a check
// that needs the client); then nothing is stored.
func writeResource[M, P, T any](ctx context.Context, data *providerData, plan tfsdk.Plan, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics,
	m *M, what func() string, parms func(context.Context, *diag.Diagnostics) P,
	call func(*client.Client, context.Context, P) (*T, error), fill func(*T, *diag.Diagnostics),
) {
	writeResourceSteps(ctx, data, plan, state, identity, diags, m, what, parms, call, nil, fill)
}

// writeResourceSteps is writeResource for a write with extra steps: once
// call has succeeded, steps(c, ctx, obj, diags) runs before fill (the
// user's groups, a provisioner's connection test). steps may record
// partial state itself (a user whose groups could not be set) or undo the
// call (a provisioner that failed its test); once it adds an error,
// nothing more is stored. steps may update obj so that fill sees what the
// steps did.
func writeResourceSteps[M, P, T any](ctx context.Context, data *providerData, plan tfsdk.Plan, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics,
	m *M, what func() string, parms func(context.Context, *diag.Diagnostics) P,
	call func(*client.Client, context.Context, P) (*T, error),
	steps func(*client.Client, context.Context, *T, *diag.Diagnostics), fill func(*T, *diag.Diagnostics),
) {
	diags.Append(plan.Get(ctx, m)...)
	c, ctx := data.apiClient(ctx, diags)
	if diags.HasError() {
		return
	}
	p := parms(ctx, diags)
	if diags.HasError() {
		return
	}
	obj, err := call(c, ctx, p)
	if err != nil {
		addAPIError(diags, what(), err)
		return
	}
	if diags.HasError() {
		return
	}
	if steps != nil {
		steps(c, ctx, obj, diags)
		if diags.HasError() {
			return
		}
	}
	fill(obj, diags)
	if diags.HasError() {
		return
	}
	diags.Append(state.Set(ctx, m)...)
	var id types.String
	diags.Append(state.GetAttribute(ctx, path.Root("id"), &id)...)
	setModelIdentity(ctx, identity, m, id, diags)
}

// lookUp is the Read of a data source that looks one object up: the
// configuration into m, the client and masked context, find, a
// *client.NotFoundError reported against the attribute that named the
// object (notFound gives the attribute, summary and detail), any other
// error under the summary failed, fill, m into state.
func lookUp[M, T any](ctx context.Context, data *providerData, req datasource.ReadRequest, resp *datasource.ReadResponse, m *M,
	find func(*client.Client, context.Context) (*T, error), notFound func(error) (path.Path, string, string), failed func() string, fill func(*T),
) {
	resp.Diagnostics.Append(req.Config.Get(ctx, m)...)
	c, ctx := data.apiClient(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	obj, err := find(c, ctx)
	if client.NotFound(err) {
		at, summary, detail := notFound(err)
		resp.Diagnostics.AddAttributeError(at, summary, detail)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, failed(), err)
		return
	}
	fill(obj)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// readResource is the Read of every resource: the prior state into m,
// find (the resource's finder, aws-style find<X>By<Key>; for objects
// addressed by id, the client's Get<X>) fetches the object by the state's
// id, a *client.NotFoundError removes the resource from state with a
// warning, fill puts the object into m (it may add errors), and m goes back
// into state. It reports whether the object was found and stored.
func readResource[M, T any](ctx context.Context, data *providerData, req resource.ReadRequest, resp *resource.ReadResponse,
	m *M, kind, what string, find func(*client.Client, context.Context, string) (*T, error), fill func(*T, *diag.Diagnostics),
) bool {
	var id types.String
	resp.Diagnostics.Append(req.State.Get(ctx, m)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	setModelIdentity(ctx, resp.Identity, m, id, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return false
	}
	c, ctx := data.apiClient(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return false
	}
	obj, err := find(c, ctx, id.ValueString())
	if client.NotFound(err) {
		removeGone(ctx, resp, kind, id.ValueString())
		return false
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading "+what+" "+id.ValueString(), err)
		return false
	}
	fill(obj, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return false
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	return !resp.Diagnostics.HasError()
}

// deleteByID is the Delete rhythm of a resource addressed by its `id`: an
// object already gone counts as deleted.
func deleteByID(ctx context.Context, data *providerData, req resource.DeleteRequest, resp *resource.DeleteResponse,
	what string, del func(*client.Client, context.Context, string) error,
) {
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	c, ctx := data.apiClient(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := del(c, ctx, id.ValueString()); err != nil && !client.NotFound(err) {
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

// apiClient is how every CRUD method starts: it returns the configured
// client and ctx with the client's secrets (shared secret, token) masked in
// every log line written through it, or adds an error saying the provider
// configuration is not known yet. Use the returned context for every call.
func (d *providerData) apiClient(ctx context.Context, diags *diag.Diagnostics) (*client.Client, context.Context) {
	if d == nil || d.client == nil {
		diags.AddError("Provider not configured",
			"The idaas provider configuration (tenant_url, application_id, shared_secret) is not known yet. "+
				"Run apply on what it depends on first, or set these values directly.")
		return nil, ctx
	}
	return d.client, maskSecrets(ctx, d.client)
}

// planClient is apiClient for plan-time checks, which are skipped while the
// provider configuration is not known yet: the client and masked context,
// or ok false and no diagnostic.
func (d *providerData) planClient(ctx context.Context) (c *client.Client, _ context.Context, ok bool) {
	if d == nil || d.client == nil {
		return nil, ctx, false
	}
	return d.client, maskSecrets(ctx, d.client), true
}

// addAPIError reports a client error, with the tenant's errorCode and
// message when it has them.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	if addExistsError(diags, err) { // a create met an existing object: say how to import it
		return
	}
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
		"scim_endpoint": dschema.StringAttribute{
			Required:    true,
			Description: "The SCIM base URL, e.g. `https://scim.us-east-1.amazonaws.com/<tenant-id>/scim/v2` (usually `idaas_provisioner.<name>.scim_endpoint`).",
			Validators:  []validator.String{scimEndpointValidator()},
		},
		"bearer_token": dschema.StringAttribute{
			Required: true, Sensitive: true,
			Description: "The SCIM bearer token (as `idaas_provisioner`'s). Never logged. The data source keeps it in state with its " +
				"other arguments; the ephemeral resource of the same name keeps it in neither state nor plan, and accepts an ephemeral value.",
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

// requiredString is a required string attribute with its validators.
func requiredString(desc string, vs ...validator.String) rschema.StringAttribute {
	return rschema.StringAttribute{Required: true, Description: desc, Validators: vs}
}

// optionalString is an optional string attribute with its validators.
func optionalString(desc string, vs ...validator.String) rschema.StringAttribute {
	return rschema.StringAttribute{Optional: true, Description: desc, Validators: vs}
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
		cfg.Pacer = d.scimPacer(ctx, endpoint)
	}
	c, err := scim.New(cfg)
	if err != nil {
		diags.AddError("Invalid SCIM target", err.Error())
		return nil, ctx
	}
	return c, tflog.MaskAllFieldValuesStrings(tflog.MaskMessageStrings(ctx, token), token)
}

// logContext is the context pacing reports log with: ConfigureProvider's,
// or, for provider data made without it (tests), ctx.
func (d *providerData) logContext(ctx context.Context) context.Context {
	if d.logCtx != nil {
		return d.logCtx
	}
	return ctx
}

// scimPacer is the pacer of the SCIM target at endpoint, one per target for
// the life of the provider, at max_requests_per_second or adapting.
func (d *providerData) scimPacer(ctx context.Context, endpoint string) *httpx.Pacer {
	d.scimMu.Lock()
	defer d.scimMu.Unlock()
	if d.scimPacers == nil {
		d.scimPacers = map[string]*httpx.Pacer{}
	}
	p := d.scimPacers[endpoint]
	if p == nil {
		p = httpx.NewPacer(d.maxRPS)
		p.Report(reportPacing(d.logContext(ctx), "SCIM target", nil))
		d.scimPacers[endpoint] = p
	}
	return p
}
