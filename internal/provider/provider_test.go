package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"idaas": providerserver.NewProtocol6WithError(New("test")()),
}

func TestMain(m *testing.M) {
	// The acceptance tests talk only to emulators started in this process;
	// never let a developer's environment point them elsewhere.
	for _, v := range []string{EnvTenantURL, EnvApplicationID, EnvSharedSecret, EnvCredentialsFile} {
		_ = os.Unsetenv(v)
	}
	os.Exit(m.Run())
}

// testEnv is one emulator, served on loopback for one test.
type testEnv struct {
	emu    *emulator.Emulator
	srv    *httptest.Server
	client *client.Client
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	return newTestEnvWithOptions(t, emulator.Options{})
}

func newTestEnvWithOptions(t *testing.T, opts emulator.Options) *testEnv {
	t.Helper()
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu.Handler())
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{TenantURL: srv.URL, ApplicationID: emu.ApplicationID(), SharedSecret: emu.SharedSecret()})
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{emu: emu, srv: srv, client: c}
}

// providerConfig is the provider block that points at this emulator.
func (e *testEnv) providerConfig() string {
	return fmt.Sprintf(`
provider "idaas" {
  tenant_url     = %q
  application_id = %q
  shared_secret  = %q
  max_retries    = 2
}
`, e.srv.URL, e.emu.ApplicationID(), e.emu.SharedSecret())
}

// config prepends the provider block to a configuration.
func (e *testEnv) config(hcl string, args ...any) string {
	return e.providerConfig() + fmt.Sprintf(hcl, args...)
}

// errorMatching matches an error that contains parts in that order, however
// Terraform wraps the lines.
func errorMatching(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}
