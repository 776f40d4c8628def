package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// writeOnlyString reads a write-only string argument. Terraform never puts
// write-only values in the plan or in state: during apply only the
// configuration holds them. Null gives "".
func writeOnlyString(ctx context.Context, cfg tfsdk.Config, name string, diags *diag.Diagnostics) string {
	var v types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root(name), &v)...)
	if v.IsUnknown() {
		diags.AddAttributeError(path.Root(name), name+" is not known",
			name+" must be known when it is applied; Terraform passes ephemeral and write-only values at apply time only.")
		return ""
	}
	return v.ValueString()
}
