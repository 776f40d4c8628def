package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

var (
	_ resource.ResourceWithConfigure        = (*mappingResource)(nil)
	_ resource.ResourceWithImportState      = (*mappingResource)(nil)
	_ resource.ResourceWithIdentity         = (*mappingResource)(nil)
	_ resource.ResourceWithConfigValidators = (*mappingResource)(nil)
)

// NewProvisionerAttributeMappingResource is the
// idaas_provisioner_attribute_mapping resource.
func NewProvisionerAttributeMappingResource() resource.Resource { return &mappingResource{} }

type mappingResource struct{ data *providerData }

type mappingModel struct {
	ID            types.String `tfsdk:"id"`
	ProvisionerID types.String `tfsdk:"provisioner_id"`
	SCIMAttribute types.String `tfsdk:"scim_attribute"`
	UserAttribute types.String `tfsdk:"user_attribute"`
	Value         types.String `tfsdk:"value"`
}

func (r *mappingResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_provisioner_attribute_mapping"
}

func (r *mappingResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/provisioners/{id}/mappings") + "Maps one SCIM user attribute of a provisioner from a user attribute or a constant. " +
			"An `aws` provisioner starts with default mappings (userName and displayName from User ID, name.givenName from First Name, " +
			"name.familyName from Last Name, emails[type eq \"work\"].value from Email, active from State); declaring a mapping " +
			"for one of those attributes adopts the default instead of failing. Deleting a mapping removes only it.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("`<provisioner_id>/<scim_attribute>`."),
			"provisioner_id": schema.StringAttribute{
				Required: true, Description: "The `idaas_provisioner` id.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"scim_attribute": schema.StringAttribute{
				Required: true,
				Description: "The SCIM attribute path, from the SCIM core or enterprise user schema, spelled as the schema spells it: " +
					"`displayName`, `name.givenName`, `name.familyName`, `active`, `emails[type eq \"work\"].value`, " +
					"`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`... `externalId` is reserved: it always " +
					"carries the user's UUID, on which users are matched. Changing it replaces the mapping.",
				Validators:    []validator.String{validators.SCIMUserAttribute()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"user_attribute": optionalString("The name of the user attribute to send: a system attribute (`User ID`, `First Name`, `Last Name`, `Email`, "+
				"`Mobile`, `Phone`, `State`, `External ID`) or a custom `idaas_user_attribute`'s name. `State` sent as `active` "+
				"becomes true for ACTIVE users. Set exactly one of `user_attribute` and `value`.", stringvalidator.LengthAtLeast(1)),
			"value": optionalString("A constant to send instead of a user attribute (`true`/`false` for `active`). Set exactly one of `user_attribute` and `value`.", stringvalidator.LengthAtLeast(1)),
		},
	}
}

func (r *mappingResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(path.MatchRoot("user_attribute"), path.MatchRoot("value"))}
}

func (r *mappingResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (m mappingModel) api() client.AttributeMapping {
	return client.AttributeMapping{SCIMAttribute: m.SCIMAttribute.ValueString(), UserAttribute: m.UserAttribute.ValueString(), Value: m.Value.ValueString()}
}

// fill copies a into m; the provisioner is m's (set from the plan, the
// state, or by the list resource before fill).
func (m *mappingModel) fill(a *client.AttributeMapping, _ *diag.Diagnostics) {
	pid := m.ProvisionerID.ValueString()
	m.ID = types.StringValue(pid + "/" + a.SCIMAttribute)
	m.ProvisionerID = types.StringValue(pid)
	m.SCIMAttribute = types.StringValue(a.SCIMAttribute)
	m.UserAttribute = nullIfEmpty(a.UserAttribute)
	m.Value = nullIfEmpty(a.Value)
}

func (r *mappingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m mappingModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string {
			return "Mapping " + m.SCIMAttribute.ValueString() + " of provisioner " + m.ProvisionerID.ValueString()
		},
		m.parms, m.create, m.fill)
}

// parms is the mapping to send.
func (m *mappingModel) parms(context.Context, *diag.Diagnostics) client.AttributeMapping {
	return m.api()
}

// create creates the mapping a in m's provisioner, or adopts the default
// mapping of a's SCIM attribute; it refuses to take over one someone made.
func (m *mappingModel) create(c *client.Client, ctx context.Context, a client.AttributeMapping) (*client.AttributeMapping, error) {
	pid := m.ProvisionerID.ValueString()
	got, err := c.CreateAttributeMapping(ctx, pid, a)
	if !client.Conflict(err) {
		return got, err
	}
	existing, gerr := c.GetAttributeMapping(ctx, pid, a.SCIMAttribute)
	if gerr != nil {
		return nil, gerr
	}
	if !existing.IsDefault {
		// Someone made it (or an interrupted apply did): name it.
		var apiErr *client.APIError
		errors.As(err, &apiErr)
		return nil, &client.ExistsError{Kind: "attribute mapping",
			Key: fmt.Sprintf("scimAttribute %q", existing.SCIMAttribute), ID: pid + "/" + existing.SCIMAttribute, Err: apiErr}
	}
	return c.UpdateAttributeMapping(ctx, pid, a)
}

// update updates the mapping a in m's provisioner.
func (m *mappingModel) update(c *client.Client, ctx context.Context, a client.AttributeMapping) (*client.AttributeMapping, error) {
	return c.UpdateAttributeMapping(ctx, m.ProvisionerID.ValueString(), a)
}

func (r *mappingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m mappingModel
	readResource(ctx, r.data, req, resp, &m, "idaas_provisioner_attribute_mapping", "mapping",
		func(c *client.Client, ctx context.Context, _ string) (*client.AttributeMapping, error) {
			return findAttributeMappingByProvisionerAndAttribute(ctx, c, m.ProvisionerID.ValueString(), m.SCIMAttribute.ValueString())
		},
		m.fill)
}

// findAttributeMappingByProvisionerAndAttribute is the finder of
// idaas_provisioner_attribute_mapping, whose id is
// <provisioner_id>/<scim_attribute>.
func findAttributeMappingByProvisionerAndAttribute(ctx context.Context, c *client.Client, provisionerID, scimAttribute string) (*client.AttributeMapping, error) {
	return c.GetAttributeMapping(ctx, provisionerID, scimAttribute)
}

func (r *mappingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m mappingModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Updating mapping " + m.ID.ValueString() },
		m.parms, m.update, m.fill)
}

func (r *mappingResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m mappingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	c, ctx := r.data.apiClient(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	err := c.DeleteAttributeMapping(ctx, m.ProvisionerID.ValueString(), m.SCIMAttribute.ValueString())
	if err != nil && !client.NotFound(err) {
		addAPIError(&resp.Diagnostics, "Deleting mapping "+m.ID.ValueString(), err)
	}
}

// ImportState takes <provisioner_id>/<scim_attribute>, or the identity
// {provisioner_id, scim_attribute}.
func (r *mappingResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := importedIdentity(ctx, req, resp, func(importID string) (mappingIdentity, bool) {
		pid, attr, ok := strings.Cut(importID, "/")
		return mappingIdentity{ProvisionerID: types.StringValue(pid), SCIMAttribute: types.StringValue(attr)}, ok && pid != "" && attr != ""
	}, "Import a mapping as <provisioner_id>/<scim_attribute>, e.g. 3f0b6f3e-5f64-4a7a-9d6b-2a1f3c4d5e6f/name.givenName; got "+req.ID)
	if !ok {
		return
	}
	pid, attr := id.ProvisionerID.ValueString(), id.SCIMAttribute.ValueString()
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), pid+"/"+attr)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("provisioner_id"), pid)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("scim_attribute"), attr)...)
}

// mappingIdentity is what the tenant keys a mapping by.
type mappingIdentity struct {
	ProvisionerID types.String `tfsdk:"provisioner_id"`
	SCIMAttribute types.String `tfsdk:"scim_attribute"`
}

func (m mappingModel) identity() any {
	return mappingIdentity{ProvisionerID: m.ProvisionerID, SCIMAttribute: m.SCIMAttribute}
}

func (r *mappingResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"provisioner_id": identityschema.StringAttribute{RequiredForImport: true, Description: "The provisioner's id."},
		"scim_attribute": identityschema.StringAttribute{RequiredForImport: true, Description: "The SCIM attribute path the mapping fills, e.g. `name.givenName`."},
	}}
}
