// Package validators holds plan-time attribute validators shared by the
// provider's resources and data sources.
package validators

import (
	"context"
	"fmt"
	"net/mail"
	"net/netip"
	"regexp"
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

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// UUID accepts a UUID such as 6a3d4c8e-0b7e-4c69-9d0a-5f1c2a0e7f02.
func UUID() validator.String {
	return String("must be a UUID", func(s string) error {
		if !uuidRE.MatchString(s) {
			return fmt.Errorf("%q is not a UUID like 6a3d4c8e-0b7e-4c69-9d0a-5f1c2a0e7f02", s)
		}
		return nil
	})
}

// CIDR accepts an IPv4 or IPv6 range in CIDR notation, written with its
// network address (10.0.0.0/8, not 10.1.2.3/8), so that what is stored is
// what was written.
func CIDR() validator.String {
	return String("must be an IP address range in CIDR notation", func(s string) error {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return fmt.Errorf("%q is not an IP address range in CIDR notation, such as 203.0.113.0/24 or 2001:db8::/32", s)
		}
		if m := p.Masked(); m != p {
			return fmt.Errorf("%q has host bits set; write the range as %s", s, m)
		}
		return nil
	})
}

var timeOfDayRE = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$`)

// TimeOfDay accepts a time of day as hh:mm:ss (24-hour clock).
func TimeOfDay() validator.String {
	return String("must be a time of day as hh:mm:ss", func(s string) error {
		if !timeOfDayRE.MatchString(s) {
			return fmt.Errorf("%q is not a time of day of the form hh:mm:ss, such as 08:00:00 or 17:30:00", s)
		}
		return nil
	})
}

// DateTime accepts an RFC 3339 date-time such as 2026-01-01T00:00:00Z.
func DateTime() validator.String {
	return String("must be an RFC 3339 date-time", func(s string) error {
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			return fmt.Errorf("%q is not a date-time such as 2026-01-01T00:00:00Z", s)
		}
		return nil
	})
}

var offsetRE = regexp.MustCompile(`^[+-]([01][0-9]|2[0-3]):[0-5][0-9]$`)

// ZoneID accepts Z, a fixed offset such as -05:00, or an IANA time zone id
// such as America/New_York.
func ZoneID() validator.String {
	return String("must be Z, an offset such as -05:00 or a time zone id such as America/New_York", func(s string) error {
		if s == "Z" || offsetRE.MatchString(s) {
			return nil
		}
		if _, err := time.LoadLocation(s); err != nil || s == "Local" || s == "" {
			return fmt.Errorf("%q is not Z, an offset such as -05:00, or a time zone id such as America/New_York", s)
		}
		return nil
	})
}

var countryRE = regexp.MustCompile(`^[A-Z]{2}$`)

// CountryCode accepts an ISO 3166-1 alpha-2 country code in capitals.
func CountryCode() validator.String {
	return String("must be an ISO 3166-1 alpha-2 country code", func(s string) error {
		if !countryRE.MatchString(s) {
			return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code in capitals, such as US or DE", s)
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

var hostnameRE = regexp.MustCompile(`^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)

// Hostname accepts a DNS host name such as login.example.com (no scheme,
// port or path).
func Hostname() validator.String {
	return String("must be a host name such as login.example.com", func(s string) error {
		if len(s) > 253 || !hostnameRE.MatchString(s) {
			return fmt.Errorf("%q is not a host name; write it like login.example.com, without https:// or a path", s)
		}
		return nil
	})
}
