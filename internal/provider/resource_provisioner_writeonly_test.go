package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

// writeOnlyProvisionerConfig is a group with one user, an aws provisioner
// for it whose token is token, given as token (bearer_token = ...) or
// token_wo (bearer_token_wo = ..., with bearer_token_wo_version = version
// unless version is 0), and a synchronization redone when round changes,
// which also changes the user (so that the synchronization writes to the
// SCIM target).
func writeOnlyProvisionerConfig(env *testEnv, endpoint, tokenArg, token string, version, round int) string {
	tok := fmt.Sprintf("bearer_token = %q", token)
	if tokenArg == "bearer_token_wo" {
		tok = fmt.Sprintf("bearer_token_wo = %q", token)
		if version != 0 {
			tok += fmt.Sprintf("\n  bearer_token_wo_version = %d", version)
		}
	}
	return env.config(`
resource "idaas_group" "aws" { name = "AWS Users" }

resource "idaas_user" "ann" {
  user_id    = "ann@example.com"
  first_name = "Ann"
  last_name  = "Lee-%[3]d"
  group_ids  = [idaas_group.aws.id]
}

resource "idaas_provisioner" "aws" {
  name          = "AWS IAM Identity Center"
  type          = "aws"
  enabled       = true
  group_ids     = [idaas_group.aws.id]
  scim_endpoint = %[1]q
  %[2]s
}

resource "idaas_provisioner_sync" "aws" {
  provisioner_id = idaas_provisioner.aws.id
  triggers = {
    round = "%[3]d"
  }
  depends_on = [idaas_user.ann]
}
`, endpoint, tok, round)
}

// noSecretInState fails when any attribute of any resource in state holds
// one of secrets.
func noSecretInState(secrets ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			for k, v := range rs.Primary.Attributes {
				for i, sec := range secrets {
					if sec != "" && strings.Contains(v, sec) {
						return fmt.Errorf("%s.%s holds secret %d", addr, k, i)
					}
				}
			}
		}
		return nil
	}
}

// refusedBy checks that the SCIM mock refuses tok.
func refusedBy(endpoint, tok string) error {
	c, err := scim.New(scim.Config{Endpoint: endpoint, Token: tok, AWSMode: true, MaxRetries: 1})
	if err != nil {
		return err
	}
	if _, err := c.ListUsers(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "401") {
		return fmt.Errorf("the SCIM mock should refuse the revoked token, got %v", err)
	}
	return nil
}

// bearer_token_wo: the token is sent on create and with each new
// bearer_token_wo_version, is in neither plan nor state, and rotates in
// place; import plans clean; drift in other arguments keeps the token;
// moving between bearer_token and bearer_token_wo is an update in place.
func TestAccProvisioner_writeOnlyToken(t *testing.T) {
	env := newTestEnv(t)
	endpoint, tok1 := env.scimTarget(t)
	mock := env.emu.SCIM()
	tok2, err := mock.IssueToken(time.Now().AddDate(1, 0, 0)) // AWS allows two tokens at a time
	if err != nil {
		t.Fatal(err)
	}
	var pid, annID string
	addr := "idaas_provisioner.aws"
	inPlace := func(version int64) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("bearer_token_wo_version"), knownvalue.Int64Exact(version)),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		}
	}
	// synced: the synchronization succeeded, so the tenant held a token
	// the SCIM mock accepts.
	synced := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("idaas_provisioner_sync.aws", tfjsonpath.New("status"), knownvalue.StringExact("SUCCEEDED")),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("bearer_token_wo"), knownvalue.Null()),
	}
	woState := append([]statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("bearer_token"), knownvalue.Null())}, synced...)
	// pushed: the synchronization wrote Ann's new last name to the SCIM
	// target, with the token the tenant holds.
	pushed := append([]statecheck.StateCheck{
		statecheck.ExpectKnownValue("idaas_provisioner_sync.aws", tfjsonpath.New("users_updated"), knownvalue.Int64Exact(1)),
	}, woState...)
	testCase(t, resource.TestCase{
		TerraformVersionChecks: writeOnlyCLI,
		CheckDestroy:           testAccCheckDestroyed(env, "idaas_provisioner", (*client.Client).GetProvisioner),
		Steps: []resource.TestStep{
			{
				// Create: verified and synchronized with the write-only token.
				Config: writeOnlyProvisionerConfig(env, endpoint, "bearer_token_wo", tok1, 1, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectKnownValue(addr, tfjsonpath.New("bearer_token_wo"), knownvalue.Null())},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(woState,
					statecheck.ExpectKnownValue("idaas_provisioner_sync.aws", tfjsonpath.New("users_created"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("bearer_token_wo_version"), knownvalue.Int64Exact(1))),
				Check: resource.ComposeTestCheckFunc(noSecretInState(tok1), func(s *terraform.State) (err error) {
					if pid, err = stateAttr(s, addr, "id"); err != nil {
						return err
					}
					if annID, err = stateAttr(s, "idaas_user.ann", "id"); err != nil {
						return err
					}
					if _, ok := mock.UserByExternalID(annID); !ok {
						return fmt.Errorf("ann is not in the SCIM mock: %v", mock.Users())
					}
					return nil
				}),
			},
			{
				// A new token without a new version plans nothing.
				Config:   writeOnlyProvisionerConfig(env, endpoint, "bearer_token_wo", "some-other-token", 1, 1),
				PlanOnly: true,
			},
			{
				// Rotation: AWS revokes the old token; bumping the version
				// sends the new one in place, and the next synchronization
				// uses it (with the old one it would fail).
				PreConfig: func() {
					mock.RevokeToken(tok1)
					if err := refusedBy(endpoint, tok1); err != nil {
						t.Fatal(err)
					}
				},
				Config:            writeOnlyProvisionerConfig(env, endpoint, "bearer_token_wo", tok2, 2, 2),
				ConfigPlanChecks:  inPlace(2),
				ConfigStateChecks: pushed,
				Check:             noSecretInState(tok1, tok2),
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"bearer_token_wo_version", "last_sync_at", "status"},
			},
			{
				// Imported with bearer_token_wo in the configuration: a
				// clean plan (the framework asserts a no-op import).
				Config:          writeOnlyProvisionerConfig(env, endpoint, "bearer_token_wo", tok2, 0, 2),
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// With a version too, the import sends the token once, in
				// place (the version cannot be read back).
				Config:             writeOnlyProvisionerConfig(env, endpoint, "bearer_token_wo", tok2, 2, 2),
				ResourceName:       addr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
			},
			{
				// Drift: renamed and disabled in the console. The update
				// restores them without sending a token, and the tenant
				// keeps the one it has: the next synchronization works.
				PreConfig: inConsole(t, func(ctx context.Context) error {
					_, err := env.client.UpdateProvisioner(ctx, pid, client.ProvisionerParms{Name: "renamed", Enabled: new(bool)})
					return err
				}),
				Config: writeOnlyProvisionerConfig(env, endpoint, "bearer_token_wo", "not-sent", 2, 3),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("AWS IAM Identity Center")),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: pushed,
			},
			{
				// From write-only to stored, and back: updates in place.
				Config:           writeOnlyProvisionerConfig(env, endpoint, "bearer_token", tok2, 0, 4),
				ConfigPlanChecks: inPlaceStored(addr),
				ConfigStateChecks: append(synced,
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("bearer_token"), knownvalue.StringExact(tok2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("bearer_token_wo_version"), knownvalue.Null())),
			},
			{
				Config:            writeOnlyProvisionerConfig(env, endpoint, "bearer_token_wo", tok2, 3, 5),
				ConfigPlanChecks:  inPlace(3),
				ConfigStateChecks: woState,
				Check:             noSecretInState(tok2),
			},
		},
	})
}

func inPlaceStored(addr string) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// A refused write-only token fails the create naming bearer_token_wo, and
// leaves nothing behind.
func TestAccProvisioner_writeOnlyWrongToken(t *testing.T) {
	env := newTestEnv(t)
	endpoint, _ := env.scimTarget(t)
	testCase(t, resource.TestCase{
		TerraformVersionChecks: writeOnlyCLI,
		// A failed apply runs no Check: what it left behind is checked after.
		CheckDestroy: func(*terraform.State) error {
			if ps, _ := env.client.ListProvisioners(context.Background()); len(ps) != 0 {
				return fmt.Errorf("a provisioner was left behind: %+v", ps)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "idaas_provisioner" "aws" {
  name            = "AWS"
  type            = "aws"
  scim_endpoint   = %q
  bearer_token_wo = "not-the-token"
}
`, endpoint),
			ExpectError: regexp.MustCompile(`(?s)SCIM bearer token refused.*bearer_token_wo.*Check\s+bearer_token_wo`),
		}},
	})
}
