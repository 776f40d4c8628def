package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// tflogLogger sends the client's request log lines to tflog. The client
// never puts secrets in them; masking the field names that could carry one
// is a second line of defence.
type tflogLogger struct{}

func (tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "shared_secret", "sharedSecret", "authToken", "Authorization", "token", "bearer_token")
	tflog.Debug(ctx, msg, fields)
}

// maskSecrets returns ctx with the client's current secrets masked in every
// log line written through it.
func maskSecrets(ctx context.Context, c *client.Client) context.Context {
	if c == nil {
		return ctx
	}
	return tflog.MaskAllFieldValuesStrings(tflog.MaskMessageStrings(ctx, c.Secrets()...), c.Secrets()...)
}

// providerDataFrom unpacks the provider's data in a Configure method.
func providerDataFrom(pd any, diags *diag.Diagnostics) *providerData {
	if pd == nil {
		return nil
	}
	d, ok := pd.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", "This is a bug in the provider: please report it.")
		return nil
	}
	return d
}

// apiClient returns the configured client, or adds an error saying the
// provider configuration is not known yet.
func (d *providerData) apiClient(diags *diag.Diagnostics) *client.Client {
	if d == nil || d.client == nil {
		diags.AddError("Provider not configured",
			"The idaas provider configuration (tenant_url, application_id, shared_secret) is not known yet. "+
				"Run apply on what it depends on first, or set these values directly.")
		return nil
	}
	return d.client
}

// addAPIError reports a client error, with the tenant's errorCode and
// message when it has them; a create that met an existing object gets the
// import block that adopts it (addExistsError).
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	if addExistsError(diags, err) {
		return
	}
	diags.AddError(summary, err.Error())
}

// addAttrAPIError is addAPIError attached to an attribute.
func addAttrAPIError(diags *diag.Diagnostics, p path.Path, summary string, err error) {
	diags.AddAttributeError(p, summary, err.Error())
}
