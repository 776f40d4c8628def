package provider

import (
	"context"

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
