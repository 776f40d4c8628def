package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*groupResource)(nil)
	_ resource.ResourceWithImportState = (*groupResource)(nil)
	_ resource.ResourceWithIdentity    = (*groupResource)(nil)
)

// NewGroupResource is the idaas_group resource.
func NewGroupResource() resource.Resource { return &groupResource{} }

type groupResource struct{ data *providerData }

type groupModel struct {
	ID         types.String `tfsdk:"id"`
	Name       types.String `tfsdk:"name"`
	ExternalID types.String `tfsdk:"external_id"`
	Attribute  types.String `tfsdk:"attribute"`
	Type       types.String `tfsdk:"type"`
}

func (r *groupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group"
}

func (r *groupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A group of users in the tenant (`/api/web/v1/groups`). Groups select who may use an application " +
			"(resource rules) and who is provisioned to AWS.",
		Attributes: map[string]schema.Attribute{
			"id":          computedString("The group's UUID."),
			"name":        requiredString("The group's name, unique in the tenant (case-insensitive).", stringvalidator.LengthBetween(1, 255)),
			"external_id": optionalString("An identifier of the group in another system, unique in the tenant.", stringvalidator.LengthAtLeast(1)),
			"attribute":   optionalString("A free-form attribute of the group.", stringvalidator.LengthAtLeast(1)),
			"type":        computedString("`MGMT_UI` for groups created in the tenant, `LDAP_AD` for groups synchronized from a directory."),
		},
	}
}

func (r *groupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (m *groupModel) parms(context.Context, *diag.Diagnostics) client.GroupParms {
	return client.GroupParms{Name: m.Name.ValueString(), ExternalID: emptyIfNull(m.ExternalID), Attribute: emptyIfNull(m.Attribute)}
}

func (m *groupModel) fill(g *client.Group, _ *diag.Diagnostics) {
	m.ID = types.StringValue(g.ID)
	m.Name = types.StringValue(g.Name)
	m.ExternalID = nullIfEmpty(g.ExternalID)
	m.Attribute = nullIfEmpty(g.Attribute)
	m.Type = types.StringValue(g.Type)
}

func (r *groupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m groupModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Creating group " + m.Name.ValueString() }, m.parms, (*client.Client).CreateGroup, m.fill)
}

func (r *groupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m groupModel
	readResource(ctx, r.data, req, resp, &m, "idaas_group", "group", (*client.Client).ReadGroup, m.fill)
}

func (r *groupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m groupModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Updating group " + m.ID.ValueString() }, m.parms,
		func(c *client.Client, ctx context.Context, p client.GroupParms) (*client.Group, error) {
			return c.UpdateGroup(ctx, m.ID.ValueString(), p)
		}, m.fill)
}

func (r *groupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByID(ctx, r.data, req, resp, "group", (*client.Client).DeleteGroup)
}

func (r *groupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *groupResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("The group's UUID.")
}
