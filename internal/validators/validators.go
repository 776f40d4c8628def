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
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
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

// CertificatePEM accepts a PEM encoded X.509 certificate. (Whether it has
// expired is checked by the resource when it is about to be uploaded, so
// that an expired certificate in state does not block every plan.)
func CertificatePEM() validator.String {
	return String("must be a PEM encoded X.509 certificate", func(s string) error {
		if _, err := samlutil.ParseCertificatePEM(s); err != nil {
			return fmt.Errorf("not a PEM encoded certificate: %w", err)
		}
		return nil
	})
}

// PrivateKeyPEM accepts an unencrypted PEM encoded private key.
func PrivateKeyPEM() validator.String {
	return String("must be an unencrypted PEM encoded private key", func(s string) error {
		if _, err := samlutil.ParsePrivateKeyPEM(s); err != nil {
			return fmt.Errorf("not a PEM encoded private key: %w", err)
		}
		return nil
	})
}

// SAMLSPMetadata accepts service provider metadata with at least one
// assertion consumer service, every one of which is https (http only to
// loopback hosts).
func SAMLSPMetadata() validator.String {
	return String("must be SAML 2.0 service provider metadata with https assertion consumer services", func(s string) error {
		md, err := samlutil.ParseSPMetadata(s)
		if err != nil {
			return err
		}
		for _, a := range md.ACS {
			if err := samlutil.ValidateACSURL(a.URL); err != nil {
				return fmt.Errorf("assertion consumer service: %w", err)
			}
		}
		return nil
	})
}

// ACSURL accepts an assertion consumer service URL (samlutil.ValidateACSURL).
func ACSURL() validator.String {
	return String("must be an https URL (http only for loopback hosts)", samlutil.ValidateACSURL)
}

// WholeSecondsDuration accepts positive Go durations that are a whole
// number of seconds.
func WholeSecondsDuration() validator.String {
	return String("must be a positive duration of whole seconds such as 8h or 90m", func(s string) error {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return fmt.Errorf("%q is not a positive duration; write it like \"8h\" or \"90m\"", s)
		}
		if d%time.Second != 0 {
			return fmt.Errorf("%q is not a whole number of seconds", s)
		}
		return nil
	})
}
