package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform 1.12+) is what the tenant keys an object by:
// its UUID for most objects, the provisioner and the SCIM attribute for an
// attribute mapping, the provisioner and the operation for a
// synchronization. Import blocks may name an object by its identity instead
// of the string id, and list resources return it for every object found.

// idIdentity is the identity of an object the tenant keys by its id.
type idIdentity struct {
	ID types.String `tfsdk:"id"`
}

// idIdentitySchema is the identity schema of an object keyed by its id.
func idIdentitySchema(what string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{RequiredForImport: true, Description: what},
		},
	}
}

// setIdentity records identity v (a struct of the identity schema) in the
// response identity of a CRUD method. The framework gives every method of a
// resource with identity a non-nil Identity; nil is tolerated for callers
// outside it.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, v any, diags *diag.Diagnostics) {
	if identity != nil {
		diags.Append(identity.Set(ctx, v)...)
	}
}

// importedIdentity is the identity I of a resource being imported: parsed
// from the import id by parse (false: malformed, an error saying badID) and
// recorded, or the identity Terraform sent. False once diagnostics hold an
// error.
func importedIdentity[I any](ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
	parse func(importID string) (I, bool), badID string,
) (I, bool) {
	var id I
	if req.ID == "" {
		resp.Diagnostics.Append(req.Identity.Get(ctx, &id)...)
		return id, !resp.Diagnostics.HasError()
	}
	id, ok := parse(req.ID)
	if !ok {
		resp.Diagnostics.AddError("Invalid import id", badID)
		return id, false
	}
	setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	return id, !resp.Diagnostics.HasError()
}

// setIDIdentity records {id} as the identity, when id is known.
func setIDIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id types.String, diags *diag.Diagnostics) {
	if !id.IsNull() && !id.IsUnknown() && id.ValueString() != "" {
		setIdentity(ctx, identity, idIdentity{ID: id}, diags)
	}
}

// setModelIdentity records the identity of model m, read from state: the
// one it knows (identity() any) when it is not keyed by id alone, else {id}.
// Reads set it before they call the tenant, so that it is there even when
// the object turns out to be gone and the state had none yet (Terraform
// before 1.12, or a state written before identity).
func setModelIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, m any, id types.String, diags *diag.Diagnostics) {
	if i, ok := m.(interface{ identity() any }); ok {
		setIdentity(ctx, identity, i.identity(), diags)
		return
	}
	setIDIdentity(ctx, identity, id, diags)
}
