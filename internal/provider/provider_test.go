package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/idp"
)

// The CLI versions a feature needs; tests of it skip below them.
var (
	ephemeralCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)} // ephemeral resources
	writeOnlyCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)} // write-only arguments
	identityCLI  = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)} // resource identity
	queryCLI     = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)} // list resources, terraform query, actions
	// The apply walk tells the provider it applies (deferrals allowed): tested on 1.16 and 1.17, not on 1.8.5.
	applyKnownCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(version.Must(version.NewVersion("1.16.0")))}
)

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"idaas": NewServerWithError(New("test")), // the server main serves
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
	srv, c := emutest.Serve(t, emu, client.Config{})
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

// hclString quotes s as an HCL string literal.
func hclString(s string) string {
	return regexp.MustCompile(`[$%]\{`).ReplaceAllStringFunc(strconvQuote(s), func(m string) string { return m[:1] + m })
}

// testSteps runs steps as one parallel test case against the provider in
// process, on the Terraform versions that versions let through (nil: all).
func testSteps(t *testing.T, versions []tfversion.TerraformVersionCheck, steps ...resource.TestStep) {
	t.Helper()
	testCase(t, resource.TestCase{TerraformVersionChecks: versions, Steps: steps})
}

// testCase runs tc as a parallel test against the provider in process.
func testCase(t *testing.T, tc resource.TestCase) {
	t.Helper()
	tc.ProtoV6ProviderFactories = testAccProtoV6ProviderFactories
	resource.ParallelTest(t, tc)
}

// inConsole is a PreConfig that changes the tenant out of band, through the
// admin API, as someone in the console would; the test fails if it cannot.
func inConsole(t *testing.T, change func(ctx context.Context) error) func() {
	return func() {
		if err := change(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

// testAccCheckDestroyed fails if any object of kind in state still exists:
// get is the client's Get method for it, e.g. (*client.Client).GetGroup.
// It fails too when the state holds no object of kind, since it would then
// check nothing.
func testAccCheckDestroyed[T any](env *testEnv, kind string, get func(*client.Client, context.Context, string) (T, error)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		checked := 0
		for _, rs := range s.RootModule().Resources {
			if rs.Type != kind {
				continue
			}
			checked++
			_, err := get(env.client, context.Background(), rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("%s %s still exists", kind, rs.Primary.ID)
			}
			if !client.NotFound(err) {
				return err
			}
		}
		if checked == 0 {
			return fmt.Errorf("no %s in the state before destroy: the destroy check checks nothing", kind)
		}
		return nil
	}
}

func groupIDFromState(s *terraform.State, addr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.ID, nil
}

// testClock is a clock that tests move forward; the emulator and the
// provider of one test share it.
type testClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// newClockTestEnv is an emulator and provider factories sharing a clock.
func newClockTestEnv(t *testing.T) (*testEnv, *testClock, map[string]func() (tfprotov6.ProviderServer, error)) {
	t.Helper()
	clock := &testClock{}
	env := newTestEnvWithOptions(t, emulator.Options{Now: clock.Now})
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"idaas": NewServerWithError(func() provider.Provider { return &idaasProvider{version: "test", now: clock.Now} }),
	}
	return env, clock, factories
}

// testCertificate makes a key and a self-signed certificate valid from
// notBefore for validity, PEM encoded.
func testCertificate(t *testing.T, alg, cn string, notBefore time.Time, validity time.Duration) (certPEM, keyPEM string) {
	t.Helper()
	key, err := idp.GenerateKey(alg)
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err = idp.SelfSignedCertificate(key, cn, notBefore, validity, nil)
	if err != nil {
		t.Fatal(err)
	}
	keyPEM, err = idp.EncodePrivateKeyPEM(key)
	if err != nil {
		t.Fatal(err)
	}
	return certPEM, keyPEM
}

// saveAttr is a Check that keeps attribute attr of addr, as in state, in
// *dst (e.g. an id for a later step's out-of-band change).
func saveAttr(dst *string, addr, attr string) resource.TestCheckFunc {
	return func(s *terraform.State) (err error) {
		*dst, err = stateAttr(s, addr, attr)
		return err
	}
}

func stateAttr(s *terraform.State, addr, attr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	v, ok := rs.Primary.Attributes[attr]
	if !ok {
		return "", fmt.Errorf("%s has no attribute %s", addr, attr)
	}
	return v, nil
}

func checkCertificatesDestroyed(env *testEnv) resource.TestCheckFunc {
	return testAccCheckDestroyed(env, "idaas_signing_certificate", (*client.Client).GetSigningCertificate)
}

func checkSAMLAppsAndCertificatesDestroyed(env *testEnv) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		testAccCheckDestroyed(env, "idaas_saml_application", (*client.Client).GetSAMLApplication),
		checkCertificatesDestroyed(env),
	)
}

func strconvQuote(s string) string { return strconv.Quote(s) }
