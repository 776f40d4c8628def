package provider

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

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
		"idaas": providerserver.NewProtocol6WithError(&idaasProvider{version: "test", now: clock.Now}),
	}
	return env, clock, factories
}

// testCertificate makes a key and a self-signed certificate valid from
// notBefore for validity, PEM encoded.
func testCertificate(t *testing.T, alg, cn string, notBefore time.Time, validity time.Duration) (certPEM, keyPEM string) {
	t.Helper()
	key, err := samlutil.GenerateKey(alg)
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err = samlutil.SelfSignedCertificate(key, cn, notBefore, validity, nil)
	if err != nil {
		t.Fatal(err)
	}
	keyPEM, err = samlutil.EncodePrivateKeyPEM(key)
	if err != nil {
		t.Fatal(err)
	}
	return certPEM, keyPEM
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
	return testAccCheckDestroyed(env, "idaas_signing_certificate", func(ctx context.Context, id string) error {
		_, err := env.client.GetSigningCertificate(ctx, id)
		return err
	})
}

func checkSAMLAppsAndCertificatesDestroyed(env *testEnv) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		testAccCheckDestroyed(env, "idaas_saml_application", func(ctx context.Context, id string) error {
			_, err := env.client.GetSAMLApplication(ctx, id)
			return err
		}),
		checkCertificatesDestroyed(env),
	)
}

func strconvQuote(s string) string { return strconv.Quote(s) }
