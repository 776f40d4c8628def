package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// A resource that needs the API, so that plan configures the provider.
const testAccAnyGroup = `
resource "idaas_group" "g" { name = "g" }
`

func TestAccProviderConfig_errors(t *testing.T) {
	dir := t.TempDir()
	creds := filepath.Join(dir, "creds.json")
	if err := os.WriteFile(creds, []byte(`{"applicationId":"from-file","hostname":"t.example.com","sharedSecret":"file-secret"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	badJSON := filepath.Join(dir, "bad.json")
	_ = os.WriteFile(badJSON, []byte(`{`), 0o600)
	for name, tc := range map[string]struct{ provider, want string }{
		"missing everything": {`provider "idaas" {}`, "Missing tenant URL|IDAAS_TENANT_URL|Missing application id|Missing shared secret"},
		"http to a remote host": {`provider "idaas" {
  tenant_url     = "http://tenant.example.com"
  application_id = "a"
  shared_secret  = "s"
}`, "tenant_url|uses http:// to a host that is not loopback; use https://"},
		"conflicting credentials": {fmt.Sprintf(`provider "idaas" {
  tenant_url       = "https://t.example.com"
  credentials_file = %q
  shared_secret    = "other"
}`, creds), "Conflicting provider settings|shared_secret is set both directly"},
		"unreadable credentials file": {fmt.Sprintf(`provider "idaas" {
  credentials_file = %q
}`, badJSON), "Cannot use credentials_file|is not the tenant's admin API credentials JSON"},
		"bad timeout": {`provider "idaas" {
  tenant_url      = "https://t.example.com"
  application_id  = "a"
  shared_secret   = "s"
  request_timeout = "soon"
}`, "request_timeout|\"soon\" is not a positive duration"},
		"retries out of range": {`provider "idaas" {
  tenant_url     = "https://t.example.com"
  application_id = "a"
  shared_secret  = "s"
  max_retries    = 1000
}`, "max_retries|must be between 0 and 100"},
	} {
		t.Run(name, func(t *testing.T) {
			testCase(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config:      tc.provider + testAccAnyGroup,
					PlanOnly:    true,
					ExpectError: errorMatching(strings.Split(tc.want, "|")...),
				}},
			})
		})
	}
}

func TestAccProviderConfig_credentialsFile(t *testing.T) {
	env := newTestEnv(t)
	creds := filepath.Join(t.TempDir(), "creds.json")
	body := fmt.Sprintf(`{"applicationId":%q,"hostname":"ignored.example.com","sharedSecret":%q}`, env.emu.ApplicationID(), env.emu.SharedSecret())
	if err := os.WriteFile(creds, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	testSteps(t, nil, resource.TestStep{
		// tenant_url set directly wins over the file's hostname.
		Config: fmt.Sprintf(`
provider "idaas" {
  tenant_url       = %q
  credentials_file = %q
}
resource "idaas_group" "g" { name = "from credentials file" }
`, env.srv.URL, creds),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("idaas_group.g", tfjsonpath.New("name"), knownvalue.StringExact("from credentials file")),
		},
	})
}

func TestAccProviderConfig_wrongSecret(t *testing.T) {
	env := newTestEnv(t)
	testSteps(t, nil, resource.TestStep{
		Config: fmt.Sprintf(`
provider "idaas" {
  tenant_url     = %q
  application_id = %q
  shared_secret  = "not-the-secret"
}
resource "idaas_group" "g" { name = "g" }
`, env.srv.URL, env.emu.ApplicationID()),
		ExpectError: errorMatching("the tenant refused the application id or shared secret", "HTTP 401 AUTHENTICATION_FAILED"),
	})
}
