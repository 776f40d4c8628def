package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
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
