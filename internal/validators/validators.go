// Package validators holds plan-time attribute validators shared by the
// provider's resources and data sources.
package validators

import (
	"context"
	"fmt"
	"net/mail"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// stringCheck adapts a func to validator.String.
type stringCheck struct {
	desc  string
	check func(string) error
}

func (v stringCheck) Description(context.Context) string         { return v.desc }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.desc }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), err.Error())
	}
}

// String returns a validator that runs check on known values.
func String(description string, check func(string) error) validator.String {
	return stringCheck{desc: description, check: check}
}

// TenantURL accepts https URLs, and http URLs to loopback hosts.
func TenantURL() validator.String {
	return String("must be an https:// URL (http:// only for loopback hosts)", func(s string) error {
		_, err := client.ParseTenantURL(s)
		return err
	})
}

// Duration accepts positive Go durations.
func Duration() validator.String {
	return String("must be a positive duration such as 30s or 2m", func(s string) error {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return fmt.Errorf("%q is not a positive duration; write it like \"30s\" or \"2m\"", s)
		}
		return nil
	})
}

// Email accepts a single bare e-mail address.
func Email() validator.String {
	return String("must be an e-mail address", func(s string) error {
		a, err := mail.ParseAddress(s)
		if err != nil || a.Address != s {
			return fmt.Errorf("%q is not an e-mail address like name@example.com", s)
		}
		return nil
	})
}
