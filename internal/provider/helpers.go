package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
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
	setIDIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
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
