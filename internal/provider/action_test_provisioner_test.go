package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// testActionConfig is a provisioner (not verified by itself) whose creation
// and updates run the test action.
func testActionConfig(env *testEnv, endpoint, token string) string {
	return env.config(`
resource "idaas_provisioner" "aws" {
  name              = "AWS IAM Identity Center"
  type              = "aws"
  scim_endpoint     = %[1]q
  bearer_token      = %[2]q
  verify_connection = false
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.idaas_test_provisioner.aws]
    }
  }
}

action "idaas_test_provisioner" "aws" {
  config {
    provisioner_id = idaas_provisioner.aws.id
  }
}
`, endpoint, token)
}

// The test action sends one SCIM request through the tenant: it passes with
// a good token; a refused token or a wrong URL fails it with the cause in
// words.
// (Its -invoke and its progress line are tested in internal/e2e.)
func TestAccTestProvisionerAction_trigger(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	const testRoute = "POST /api/web/v1/provisioners/{id}/test"
	tests := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := env.emu.Stats().ByRoute[testRoute]; got != want {
				return fmt.Errorf("%d connection tests, want %d", got, want)
			}
			return nil
		}
	}
	testSteps(t, queryCLI,
		resource.TestStep{
			Config: testActionConfig(env, endpoint, token),
			Check:  tests(1),
		},
		resource.TestStep{
			// The token is revoked in AWS, then replaced in the
			// configuration by one AWS never issued.
			PreConfig: func() { env.emu.SCIM().RevokeToken(token) },
			Config:    testActionConfig(env, endpoint, "not-a-token-aws-issued"),
			ExpectError: errorMatching("SCIM bearer token refused", `Send test SCIM for provisioner "AWS IAM Identity Center"`,
				"failed. SCIM_TOKEN_REFUSED: The SCIM endpoint refused the bearer token (HTTP 401)"),
		},
		resource.TestStep{
			// A URL that is not AWS's SCIM endpoint (a new provisioner:
			// the endpoint cannot change in place).
			Config: testActionConfig(env, env.srv.URL+"/not-scim/v2/", token),
			ExpectError: errorMatching("Wrong SCIM endpoint", "SCIM_ENDPOINT_NOT_FOUND: The SCIM endpoint URL is wrong",
				"Copy scim_endpoint again from the service"),
		},
	)
}
