package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// writeOnlyCertConfig uploads certPEM with keyPEM in keyArg
// (private_key_pem or private_key_pem_wo), with private_key_pem_wo_version
// = version unless version is 0.
func writeOnlyCertConfig(env *testEnv, certPEM, keyArg, keyPEM string, version int) string {
	v := ""
	if version != 0 {
		v = fmt.Sprintf("private_key_pem_wo_version = %d", version)
	}
	return env.config(`
resource "idaas_signing_certificate" "up" {
  name            = "uploaded"
  certificate_pem = %q
  %s = %q
  %s
}
`, certPEM, keyArg, keyPEM, v)
}

// keyLine is a line of a PEM key's base64, to look for.
func keyLine(keyPEM string) string { return strings.Split(strings.TrimSpace(keyPEM), "\n")[1] }

// private_key_pem_wo: an upload whose key is in neither plan nor state;
// import plans clean; a new version re-uploads (a replacement); moving
// from private_key_pem is in place; a certificate deleted in the console
// is uploaded again.
func TestAccSigningCertificate_writeOnlyKey(t *testing.T) {
	env := newTestEnv(t)
	certPEM, keyPEM := testCertificate(t, "ECDSA_P256", "wo.example.com", time.Now().Add(-time.Hour), 90*24*time.Hour)
	addr := "idaas_signing_certificate.up"
	var id string
	saveID := saveAttr(&id, addr, "id")
	changedID := func(s *terraform.State) error {
		prev := id
		if err := saveID(s); err != nil {
			return err
		}
		if id == prev {
			return fmt.Errorf("the certificate was not uploaded again (id %s)", id)
		}
		return nil
	}
	keyless := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("private_key_pem"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("private_key_pem_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("subject_common_name"), knownvalue.StringExact("wo.example.com")),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("certificate_pem"), knownvalue.StringExact(certPEM)),
	}
	action := func(a plancheck.ResourceActionType) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{
			PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, a)},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		}
	}
	testCase(t, resource.TestCase{
		TerraformVersionChecks: writeOnlyCLI,
		CheckDestroy:           checkCertificatesDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config:            writeOnlyCertConfig(env, certPEM, "private_key_pem_wo", keyPEM, 1),
				ConfigPlanChecks:  action(plancheck.ResourceActionCreate),
				ConfigStateChecks: append(keyless, statecheck.ExpectKnownValue(addr, tfjsonpath.New("private_key_pem_wo_version"), knownvalue.Int64Exact(1))),
				Check: resource.ComposeTestCheckFunc(saveID, noSecretInState(keyLine(keyPEM)), func(*terraform.State) error {
					got, err := env.client.GetSigningCertificate(context.Background(), id)
					if err == nil && (got.Generated || !samePEMValue(got.CertificatePEM, certPEM)) {
						err = fmt.Errorf("the tenant's certificate is not the upload: %+v", got)
					}
					return err
				}),
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"private_key_pem_wo_version"},
			},
			{
				// Imported with the key in private_key_pem_wo: a clean plan.
				Config:          writeOnlyCertConfig(env, certPEM, "private_key_pem_wo", keyPEM, 0),
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// With a version too: recorded in place, no new certificate.
				Config:             writeOnlyCertConfig(env, certPEM, "private_key_pem_wo", keyPEM, 1),
				ResourceName:       addr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
			},
			{
				// A new version uploads again.
				Config:            writeOnlyCertConfig(env, certPEM, "private_key_pem_wo", keyPEM, 2),
				ConfigPlanChecks:  action(plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: keyless,
				Check:             resource.ComposeTestCheckFunc(changedID, noSecretInState(keyLine(keyPEM))),
			},
			{
				// Drift: deleted in the console, uploaded again.
				PreConfig:         inConsole(t, func(ctx context.Context) error { return env.client.DeleteSigningCertificate(ctx, id) }),
				Config:            writeOnlyCertConfig(env, certPEM, "private_key_pem_wo", keyPEM, 2),
				ConfigPlanChecks:  action(plancheck.ResourceActionCreate),
				ConfigStateChecks: keyless,
				Check:             changedID,
			},
			{
				// From private_key_pem to private_key_pem_wo: the key leaves
				// state in place, the certificate stays.
				Config:           writeOnlyCertConfig(env, certPEM, "private_key_pem", keyPEM, 0),
				ConfigPlanChecks: action(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("private_key_pem"), knownvalue.StringExact(keyPEM)),
				},
			},
			{
				Config:            writeOnlyCertConfig(env, certPEM, "private_key_pem_wo", keyPEM, 0),
				ConfigPlanChecks:  action(plancheck.ResourceActionUpdate),
				ConfigStateChecks: keyless,
				Check: resource.ComposeTestCheckFunc(noSecretInState(keyLine(keyPEM)), func(s *terraform.State) error {
					got, err := stateAttr(s, addr, "id")
					if err == nil && got != id {
						err = fmt.Errorf("moving the key to private_key_pem_wo replaced the certificate")
					}
					return err
				}),
			},
		},
	})
}
