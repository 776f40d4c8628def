package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*userAttributeResource)(nil)
	_ resource.ResourceWithImportState = (*userAttributeResource)(nil)
	_ resource.ResourceWithIdentity    = (*userAttributeResource)(nil)
)

// NewUserAttributeResource is the idaas_user_attribute resource.
func NewUserAttributeResource() resource.Resource { return &userAttributeResource{} }

type userAttributeResource struct{ data *providerData }

type userAttributeModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	Mandatory     types.Bool   `tfsdk:"mandatory"`
	Unique        types.Bool   `tfsdk:"unique"`
	Type          types.String `tfsdk:"type"`
	SystemDefined types.Bool   `tfsdk:"system_defined"`
}

func (r *userAttributeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_attribute"
}

func (r *userAttributeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A custom user attribute (`/api/web/v1/userattributes`), such as a cost centre or a department, " +
			"that users carry and that provisioning can map to a SCIM attribute. System-defined attributes cannot be managed.",
		Attributes: map[string]schema.Attribute{
			"id":   computedString("The user attribute's UUID."),
			"name": requiredString("The attribute's name, unique in the tenant.", stringvalidator.LengthBetween(1, 100)),
			"mandatory": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "Whether every user must have a value. Default `false`.",
			},
			"unique": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "Whether values must be unique across users. Default `false`.",
			},
			"type": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("NONE"),
				Description: "What the value is used for: `NONE` (default), or a contact for one-time passwords: " +
					"`OTP_EMAIL`, `OTP_SMS`, `OTP_VOICE`, `OTP_WECHAT`, `OTP_WHATSAPP`.",
				Validators: []validator.String{stringvalidator.OneOf(client.UserAttributeTypes...)},
			},
			"system_defined": schema.BoolAttribute{
				Computed: true, Description: "Always `false` for attributes this resource manages.",
			},
		},
	}
}

func (r *userAttributeResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (m *userAttributeModel) parms(context.Context, *diag.Diagnostics) client.UserAttributeParms {
	return client.UserAttributeParms{Name: m.Name.ValueString(), Mandatory: m.Mandatory.ValueBoolPointer(),
		Unique: m.Unique.ValueBoolPointer(), Type: m.Type.ValueString()}
}

func (m *userAttributeModel) fill(a *client.UserAttribute, _ *diag.Diagnostics) {
	m.ID = types.StringValue(a.ID)
	m.Name = types.StringValue(a.Name)
	m.Mandatory = types.BoolValue(a.Mandatory)
	m.Unique = types.BoolValue(a.Unique)
	m.Type = types.StringValue(a.Type)
	if a.Type == "" {
		m.Type = types.StringValue("NONE")
	}
	m.SystemDefined = types.BoolValue(a.SystemDefined)
}

func (r *userAttributeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m userAttributeModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Creating user attribute " + m.Name.ValueString() }, m.parms, (*client.Client).CreateUserAttribute, m.fill)
}

func (r *userAttributeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m userAttributeModel
	readResource(ctx, r.data, req, resp, &m, "idaas_user_attribute", "user attribute", (*client.Client).ReadUserAttribute,
		func(a *client.UserAttribute, diags *diag.Diagnostics) {
			if a.SystemDefined {
				diags.AddError("System-defined user attribute",
					"User attribute "+a.Name+" is defined by the tenant and cannot be managed; refer to it by id instead of importing it.")
				return
			}
			m.fill(a, diags)
		})
}

func (r *userAttributeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m userAttributeModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Updating user attribute " + m.ID.ValueString() }, m.parms,
		func(c *client.Client, ctx context.Context, p client.UserAttributeParms) (*client.UserAttribute, error) {
			return c.UpdateUserAttribute(ctx, m.ID.ValueString(), p)
		}, m.fill)
}

func (r *userAttributeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByID(ctx, r.data, req, resp, "user attribute", (*client.Client).DeleteUserAttribute)
}

func (r *userAttributeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *userAttributeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("The user attribute's UUID.")
}
