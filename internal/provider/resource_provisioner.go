package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

var (
	_ resource.ResourceWithConfigure        = (*provisionerResource)(nil)
	_ resource.ResourceWithImportState      = (*provisionerResource)(nil)
	_ resource.ResourceWithConfigValidators = (*provisionerResource)(nil)
	_ resource.ResourceWithIdentity         = (*provisionerResource)(nil)
)

// tokenWarnDays is how long before the bearer token expires a plan warns,
// as AWS does.
const tokenWarnDays = 60

// NewProvisionerResource is the idaas_provisioner resource.
func NewProvisionerResource() resource.Resource { return &provisionerResource{} }

type provisionerResource struct{ data *providerData }

type provisionerModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	Type             types.String `tfsdk:"type"`
	Enabled          types.Bool   `tfsdk:"enabled"`
	GroupIDs         types.Set    `tfsdk:"group_ids"`
	SCIMEndpoint     types.String `tfsdk:"scim_endpoint"`
	BearerToken      types.String `tfsdk:"bearer_token"`
	BearerTokenWO    types.String `tfsdk:"bearer_token_wo"`
	BearerTokenWOVer types.Int64  `tfsdk:"bearer_token_wo_version"`
	TokenExpiresAt   types.String `tfsdk:"bearer_token_expires_at"`
	PushGroups       types.Bool   `tfsdk:"push_groups"`
	VerifyConnection types.Bool   `tfsdk:"verify_connection"`
	Status           types.String `tfsdk:"status"`
	LastSyncAt       types.String `tfsdk:"last_sync_at"`
}

func (r *provisionerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_provisioner"
}

// tokenExpiry validates bearer_token_expires_at and warns when the token
// expires within tokenWarnDays.
type tokenExpiry struct{}

func (tokenExpiry) Description(context.Context) string {
	return "an RFC 3339 time; warns when fewer than 60 days remain"
}
func (v tokenExpiry) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }
func (tokenExpiry) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	t, err := time.Parse(time.RFC3339, req.ConfigValue.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%q is not an RFC 3339 time; write it like \"2026-01-31T00:00:00Z\".", req.ConfigValue.ValueString()))
		return
	}
	if left := time.Until(t); left < tokenWarnDays*24*time.Hour {
		what := fmt.Sprintf("expires in %d days", int(left.Hours()/24))
		if left <= 0 {
			what = "has expired"
		}
		resp.Diagnostics.AddAttributeWarning(req.Path, "SCIM bearer token "+what,
			"The SCIM bearer token "+what+" ("+t.UTC().Format(time.RFC3339)+"). Generate a new token in AWS IAM Identity Center "+
				"(Settings, Automatic provisioning, Generate token) and set bearer_token (or bearer_token_wo, bumping bearer_token_wo_version) and bearer_token_expires_at.")
	}
}

func (r *provisionerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/provisioners") + "A SCIM provisioner that pushes the tenant's users (and groups) to a SCIM 2.0 endpoint such as " +
			"AWS IAM Identity Center's automatic provisioning. Users are matched on `externalId`, which is the tenant user's UUID. " +
			"Map attributes with `idaas_provisioner_attribute_mapping` and synchronize with `idaas_provisioner_sync`.",
		Attributes: map[string]schema.Attribute{
			"id":   computedString("The provisioner's UUID."),
			"name": requiredString("The provisioner's name, unique in the tenant.", stringvalidator.LengthBetween(1, 255)),
			"type": schema.StringAttribute{
				Required: true,
				Description: "`aws` for AWS IAM Identity Center (cursor paging, membership through filters, the attributes AWS requires; " +
					"created with default mappings) or `generic` for any RFC 7644 server. Changing it replaces the provisioner.",
				Validators:    []validator.String{stringvalidator.OneOf("aws", "generic")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "Whether the provisioner may synchronize. Default `false`, as the console recommends until the mappings are set up.",
			},
			"group_ids": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				Description: "UUIDs of the groups whose users are provisioned. Leave it out to provision all users. " +
					"A user removed from these groups is deactivated in the target on the next synchronization, not deleted.",
				Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(validators.UUID())},
			},
			"scim_endpoint": schema.StringAttribute{
				Required: true,
				Description: "The SCIM base URL, e.g. AWS's `https://scim.us-east-1.amazonaws.com/<tenant-id>/scim/v2`. " +
					"It cannot change: changing it replaces the provisioner.",
				Validators:    []validator.String{scimEndpointValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"bearer_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				Description: "The SCIM bearer token (AWS: the access token generated with automatic provisioning), kept in state. " +
					"Write-only in the tenant: it is never read back, so a change made outside Terraform is not detected. " +
					"Exactly one of `bearer_token` and `bearer_token_wo` is set; prefer `bearer_token_wo` (Terraform 1.11+).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"bearer_token_wo": schema.StringAttribute{
				Optional: true, Sensitive: true, WriteOnly: true,
				Description: "The SCIM bearer token, write-only: sent to the tenant on create and whenever `bearer_token_wo_version` " +
					"changes, never stored in state or plan, and it may come from an ephemeral value (an ephemeral variable or resource). " +
					"Needs Terraform 1.11 or later. Changing only the token plans nothing: bump `bearer_token_wo_version` to send a new one. " +
					"An imported provisioner with `bearer_token_wo` (and no `bearer_token_wo_version`) in its configuration plans clean.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"bearer_token_wo_version": schema.Int64Attribute{
				Optional: true,
				Description: "Any number, kept in state: changing it sends `bearer_token_wo` to the tenant (in place, with the connection " +
					"test of `verify_connection`). Requires `bearer_token_wo`.",
				Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("bearer_token_wo"))},
			},
			"bearer_token_expires_at": optionalString("When the bearer token expires, as an RFC 3339 time (AWS tokens last one year). "+
				"Plans warn when fewer than 60 days remain.", tokenExpiry{}),
			"push_groups": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "Whether groups (those of `group_ids`, or all groups) are pushed with their provisioned members. Default `true`.",
			},
			"verify_connection": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "Whether to \"send test SCIM\" on create and when the bearer token changes; a failure is an error that says " +
					"whether the endpoint was unreachable or the token refused. Default `true`.",
			},
			"status": schema.StringAttribute{
				Computed:    true,
				Description: "`NEVER_SYNCED`, `SYNCING`, or the status of the last synchronization (`SUCCEEDED`, `COMPLETED_WITH_ERRORS`, `FAILED`).",
			},
			"last_sync_at": schema.StringAttribute{Computed: true, Description: "When the last synchronization finished (RFC 3339), or null."},
		},
	}
}

// ConfigValidators: the token comes from exactly one of the two arguments.
func (r *provisionerResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("bearer_token"), path.MatchRoot("bearer_token_wo")),
	}
}

func (r *provisionerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (m *provisionerModel) parms(ctx context.Context, diags *diag.Diagnostics) client.ProvisionerParms {
	groups := setStrings(ctx, m.GroupIDs, diags)
	return client.ProvisionerParms{
		Name: m.Name.ValueString(), Type: m.Type.ValueString(), Enabled: m.Enabled.ValueBoolPointer(), GroupIDs: &groups,
		SCIMEndpoint: m.SCIMEndpoint.ValueString(), BearerToken: m.BearerToken.ValueString(),
		TokenExpiresAt: emptyIfNull(m.TokenExpiresAt), PushGroups: m.PushGroups.ValueBoolPointer(),
	}
}

// useToken puts the token to send in p: bearer_token, or else the
// write-only bearer_token_wo, which only the configuration holds. It
// returns the argument the token came from.
func (m provisionerModel) useToken(ctx context.Context, cfg tfsdk.Config, p *client.ProvisionerParms, diags *diag.Diagnostics) string {
	if !m.BearerToken.IsNull() {
		p.BearerToken = m.BearerToken.ValueString()
		return "bearer_token"
	}
	p.BearerToken = writeOnlyString(ctx, cfg, "bearer_token_wo", diags)
	return "bearer_token_wo"
}

func (m *provisionerModel) fill(p *client.Provisioner, diags *diag.Diagnostics) {
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.Type = types.StringValue(p.Type)
	m.Enabled = types.BoolValue(p.Enabled)
	m.GroupIDs = types.SetNull(types.StringType)
	if len(p.GroupIDs) > 0 {
		set, d := types.SetValueFrom(context.Background(), types.StringType, p.GroupIDs)
		diags.Append(d...)
		m.GroupIDs = set
	}
	m.SCIMEndpoint = types.StringValue(p.SCIMEndpoint)
	m.TokenExpiresAt = nullIfEmpty(p.TokenExpiresAt)
	m.PushGroups = types.BoolValue(p.PushGroups)
	m.Status = types.StringValue(p.Status)
	m.LastSyncAt = nullIfEmpty(p.LastSyncAt)
	if m.VerifyConnection.IsNull() || m.VerifyConnection.IsUnknown() {
		m.VerifyConnection = types.BoolValue(true) // after import
	}
}

func (r *provisionerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m provisionerModel
	var tokenAttr string
	writeResourceSteps(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Creating provisioner " + m.Name.ValueString() },
		func(ctx context.Context, diags *diag.Diagnostics) client.ProvisionerParms {
			p := m.parms(ctx, diags)
			tokenAttr = m.useToken(ctx, req.Config, &p, diags)
			return p
		},
		(*client.Client).CreateProvisioner,
		func(c *client.Client, ctx context.Context, created *client.Provisioner, diags *diag.Diagnostics) {
			if m.VerifyConnection.ValueBool() && !verifyConnection(ctx, c, created.ID, tokenAttr, diags) {
				// Leave nothing behind that does not work.
				if err := c.DeleteProvisioner(ctx, created.ID); err != nil && !client.NotFound(err) {
					addAPIError(diags, "Deleting provisioner "+created.ID+" after its failed connection test", err)
				}
			}
		}, m.fill)
}

func (r *provisionerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m provisionerModel
	readResource(ctx, r.data, req, resp, &m, "idaas_provisioner", "provisioner", (*client.Client).ReadProvisioner, m.fill)
}

func (r *provisionerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m, prior provisionerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	tokenAttr, tokenChanged := "bearer_token", false
	writeResourceSteps(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Updating provisioner " + m.ID.ValueString() },
		func(ctx context.Context, diags *diag.Diagnostics) client.ProvisionerParms {
			p := m.parms(ctx, diags)
			// The token is sent only when it changes (bearer_token, or
			// bearer_token_wo with a new bearer_token_wo_version); an empty one
			// keeps the tenant's.
			tokenChanged = !m.BearerToken.Equal(prior.BearerToken) || !m.BearerTokenWOVer.Equal(prior.BearerTokenWOVer)
			if tokenChanged {
				tokenAttr = m.useToken(ctx, req.Config, &p, diags)
			} else {
				p.BearerToken = ""
			}
			return p
		},
		func(c *client.Client, ctx context.Context, p client.ProvisionerParms) (*client.Provisioner, error) {
			return c.UpdateProvisioner(ctx, m.ID.ValueString(), p)
		},
		func(c *client.Client, ctx context.Context, _ *client.Provisioner, diags *diag.Diagnostics) {
			if m.VerifyConnection.ValueBool() && tokenChanged {
				verifyConnection(ctx, c, m.ID.ValueString(), tokenAttr, diags)
			}
		}, m.fill)
}

func (r *provisionerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByID(ctx, r.data, req, resp, "provisioner", (*client.Client).DeleteProvisioner)
}

func (r *provisionerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *provisionerResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("The provisioner's id.")
}
