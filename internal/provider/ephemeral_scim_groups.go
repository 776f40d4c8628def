package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*scimGroupsEphemeral)(nil)

// NewSCIMGroupsEphemeralResource is the idaas_scim_groups ephemeral resource:
// the data source of that name, with the bearer token and the result kept
// out of plan and state.
func NewSCIMGroupsEphemeralResource() ephemeral.EphemeralResource { return &scimGroupsEphemeral{} }

type scimGroupsEphemeral struct{ data *providerData }

func (e *scimGroupsEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scim_groups"
}

func (e *scimGroupsEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = ephemeralSchema(scimGroupsSchema(), "Reads the groups of a SCIM target (AWS IAM Identity Center) directly, with their "+
		"members learned through filters, as the `idaas_scim_groups` data source does, but ephemerally (Terraform 1.10+): neither the bearer token nor the "+
		"groups enter plan or state, and `bearer_token` may be an ephemeral value (an ephemeral variable, or an ephemeral resource such "+
		"as `aws_secretsmanager_secret_version`). Use the result in a `check` block's assertions, in locals, in a child module's ephemeral outputs, "+
		"or in write-only arguments.")
}

func (e *scimGroupsEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (e *scimGroupsEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	openWith(ctx, req, resp, e.data.readSCIMGroups)
}
