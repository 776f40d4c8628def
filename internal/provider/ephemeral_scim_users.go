package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*scimUsersEphemeral)(nil)

// NewSCIMUsersEphemeralResource is the idaas_scim_users ephemeral resource:
// the data source of that name, with the bearer token and the result kept
// out of plan and state.
func NewSCIMUsersEphemeralResource() ephemeral.EphemeralResource { return &scimUsersEphemeral{} }

type scimUsersEphemeral struct{ data *providerData }

func (e *scimUsersEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scim_users"
}

func (e *scimUsersEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = ephemeralSchema(scimUsersSchema(), "Reads the users of a SCIM target (AWS IAM Identity Center) directly, following "+
		"every page, as the `idaas_scim_users` data source does, but ephemerally (Terraform 1.10+): neither the bearer token nor the "+
		"users enter plan or state, and `bearer_token` may be an ephemeral value (an ephemeral variable, or an ephemeral resource such "+
		"as `aws_secretsmanager_secret_version`). Use the result in a `check` block's assertions, in locals, in a child module's ephemeral outputs, "+
		"or in write-only arguments.")
}

func (e *scimUsersEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (e *scimUsersEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	openWith(ctx, req, resp, e.data.readSCIMUsers)
}
