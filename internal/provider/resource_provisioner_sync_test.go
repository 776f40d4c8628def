package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// A synchronization imports as <provisioner_id>/<operation_id>, with its
// recorded outcome. (That configuring triggers on an imported one records
// them without running another synchronization is tested end to end in
// internal/e2e.)
func TestAccProvisionerSync_import(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	config := consoleGuideConfig(env, endpoint, token, "AWS IAM Identity Center", true, 1, false)
	importID := func(s *terraform.State) (string, error) {
		rs := s.RootModule().Resources["idaas_provisioner_sync.aws"]
		return rs.Primary.Attributes["provisioner_id"] + "/" + rs.Primary.ID, nil
	}
	testSteps(t, nil,
		resource.TestStep{
			Config: config,
		},
		resource.TestStep{
			ResourceName:            "idaas_provisioner_sync.aws",
			ImportState:             true,
			ImportStateIdFunc:       importID,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"triggers", "timeouts"},
		},
	)
}

func TestAccProvisionerSync_badImportID(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	testSteps(t, nil,
		resource.TestStep{Config: consoleGuideConfig(env, endpoint, token, "AWS IAM Identity Center", true, 1, false)},
		resource.TestStep{
			ResourceName:  "idaas_provisioner_sync.aws",
			ImportState:   true,
			ImportStateId: "just-one-part",
			ExpectError:   regexp.MustCompile(`(?s)Import a synchronization as\s+<provisioner_id>/<operation_id>`),
		},
	)
}
