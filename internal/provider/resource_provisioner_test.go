package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

// scimTarget issues a token on the emulator's SCIM mock and returns its
// endpoint and token.
func (e *testEnv) scimTarget(t *testing.T) (string, string) {
	t.Helper()
	tok, err := e.emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return e.srv.URL + e.emu.SCIM().BasePath(), tok
}

// consoleGuideConfig is the console guide's flow: a group, its users, an
// aws provisioner with displayName to User ID, name.givenName to First
// Name, name.familyName to Last Name, active to State, enabled, synced.
func consoleGuideConfig(env *testEnv, endpoint, token, name string, bobInGroup bool, round int, withData bool) string {
	bobGroups := "[]"
	if bobInGroup {
		bobGroups = "[idaas_group.aws.id]"
	}
	data := ""
	if withData {
		data = fmt.Sprintf(`
data "idaas_scim_users" "all" {
  scim_endpoint = %[1]q
  bearer_token  = %[2]q
}
data "idaas_scim_groups" "all" {
  scim_endpoint = %[1]q
  bearer_token  = %[2]q
  filter   = "displayName eq \"AWS Users\""
}
check "aws_matches_tenant" {
  assert {
    condition     = one(data.idaas_scim_groups.all.groups).member_external_ids == toset([idaas_user.ann.id])
    error_message = "AWS group members differ from the tenant group."
  }
}
`, endpoint, token)
	}
	return env.config(`
resource "idaas_group" "aws" { name = "AWS Users" }

resource "idaas_user" "ann" {
  user_id    = "ann@example.com"
  first_name = "Ann"
  last_name  = "Lee"
  email      = "ann@example.com"
  group_ids  = [idaas_group.aws.id]
}

resource "idaas_user" "bob" {
  user_id    = "bob@example.com"
  first_name = "Bob"
  last_name  = "Stone"
  group_ids  = %[4]s
}

resource "idaas_provisioner" "aws" {
  name                    = %[3]q
  type                    = "aws"
  enabled                 = true
  group_ids               = [idaas_group.aws.id]
  scim_endpoint           = %[1]q
  bearer_token            = %[2]q
  bearer_token_expires_at = %[6]q
}

resource "idaas_provisioner_attribute_mapping" "display_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "displayName"
  user_attribute = "User ID"
}
resource "idaas_provisioner_attribute_mapping" "given_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "name.givenName"
  user_attribute = "First Name"
}
resource "idaas_provisioner_attribute_mapping" "family_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "name.familyName"
  user_attribute = "Last Name"
}
resource "idaas_provisioner_attribute_mapping" "active" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "active"
  user_attribute = "State"
}

resource "idaas_provisioner_sync" "aws" {
  provisioner_id = idaas_provisioner.aws.id
  triggers = {
    round = "%[5]d"
  }
  depends_on = [
    idaas_user.ann, idaas_user.bob,
    idaas_provisioner_attribute_mapping.display_name, idaas_provisioner_attribute_mapping.given_name,
    idaas_provisioner_attribute_mapping.family_name, idaas_provisioner_attribute_mapping.active,
  ]
  timeouts {
    create = "2m"
  }
}
%[7]s`, endpoint, token, name, bobGroups, round, time.Now().AddDate(1, 0, 0).UTC().Format(time.RFC3339), data)
}

func TestAccProvisioner_consoleGuide(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	mock := env.emu.SCIM()
	var pid, annID, bobID string
	var writesBefore int
	saveIDs := func(s *terraform.State) (err error) {
		if pid, err = stateAttr(s, "idaas_provisioner.aws", "id"); err != nil {
			return err
		}
		if annID, err = stateAttr(s, "idaas_user.ann", "id"); err != nil {
			return err
		}
		bobID, err = stateAttr(s, "idaas_user.bob", "id")
		return err
	}
	syncCounts := func(created, updated, deactivated, groups int64) []statecheck.StateCheck {
		var out []statecheck.StateCheck
		for k, v := range map[string]int64{"users_created": created, "users_updated": updated, "users_deactivated": deactivated, "groups_pushed": groups} {
			out = append(out, statecheck.ExpectKnownValue("idaas_provisioner_sync.aws", tfjsonpath.New(k), knownvalue.Int64Exact(v)))
		}
		return append(out, statecheck.ExpectKnownValue("idaas_provisioner_sync.aws", tfjsonpath.New("status"), knownvalue.StringExact("SUCCEEDED")))
	}
	testCase(t, resource.TestCase{
		CheckDestroy: testAccCheckDestroyed(env, "idaas_provisioner", (*client.Client).GetProvisioner),
		Steps: []resource.TestStep{
			{
				Config: consoleGuideConfig(env, endpoint, token, "AWS IAM Identity Center", true, 1, false),
				Check: resource.ComposeTestCheckFunc(saveIDs, func(*terraform.State) error {
					ann, ok := mock.UserByExternalID(annID)
					if !ok {
						return fmt.Errorf("ann not in the SCIM mock: %v", mock.Users())
					}
					name, _ := ann["name"].(map[string]any)
					if ann["userName"] != "ann@example.com" || ann["displayName"] != "ann@example.com" || name["givenName"] != "Ann" ||
						name["familyName"] != "Lee" || ann["active"] != true {
						return fmt.Errorf("ann in the SCIM mock: %v", ann)
					}
					bob, ok := mock.UserByExternalID(bobID)
					if !ok || bob["displayName"] != "bob@example.com" {
						return fmt.Errorf("bob in the SCIM mock: %v", bob)
					}
					gs := mock.Groups()
					if len(gs) != 1 || gs[0].DisplayName != "AWS Users" || len(gs[0].Members) != 2 {
						return fmt.Errorf("groups in the SCIM mock: %+v", gs)
					}
					return nil
				}),
				ConfigStateChecks: append(syncCounts(2, 0, 0, 1),
					statecheck.ExpectKnownValue("idaas_provisioner.aws", tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("idaas_provisioner.aws", tfjsonpath.New("push_groups"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("idaas_provisioner_attribute_mapping.display_name", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}/displayName$`))),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Bob leaves the group: deactivated in AWS, not deleted.
				Config:            consoleGuideConfig(env, endpoint, token, "AWS IAM Identity Center", false, 2, false),
				ConfigStateChecks: syncCounts(0, 0, 1, 1),
				Check: func(*terraform.State) error {
					bob, ok := mock.UserByExternalID(bobID)
					if !ok || bob["active"] != false {
						return fmt.Errorf("bob should be deactivated: %v", bob)
					}
					if gs := mock.Groups(); len(gs[0].Members) != 1 {
						return fmt.Errorf("group members: %+v", gs)
					}
					return nil
				},
			},
			{
				// Re-sync with no change: no SCIM write. The data sources see AWS.
				PreConfig: func() { writesBefore = mock.Stats().Writes },
				Config:    consoleGuideConfig(env, endpoint, token, "AWS IAM Identity Center", false, 3, true),
				ConfigStateChecks: append(syncCounts(0, 0, 0, 0),
					statecheck.ExpectKnownValue("data.idaas_scim_users.all", tfjsonpath.New("users"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.idaas_scim_users.all", tfjsonpath.New("users").AtSliceIndex(1).AtMapKey("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.idaas_scim_groups.all", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("display_name"), knownvalue.StringExact("AWS Users")),
					statecheck.ExpectKnownValue("data.idaas_scim_groups.all", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("members"), knownvalue.SetSizeExact(1)),
				),
				Check: func(*terraform.State) error {
					if w := mock.Stats().Writes; w != writesBefore {
						return fmt.Errorf("re-sync with no change sent %d SCIM writes", w-writesBefore)
					}
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:            "idaas_provisioner.aws",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"bearer_token", "last_sync_at", "status"}, // the last two change with every sync
			},
			{
				ResourceName:      "idaas_provisioner_attribute_mapping.given_name",
				ImportState:       true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return pid + "/name.givenName", nil },
				ImportStateVerify: true,
			},
			{
				Config:            consoleGuideConfig(env, endpoint, token, "AWS IAM Identity Center", false, 3, false),
				ResourceName:      "idaas_provisioner_attribute_mapping.family_name",
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return pid + "/name.familyName", nil },
			},
			{
				// Drift: renamed, disabled and remapped in the console.
				PreConfig: func() {
					ctx := context.Background()
					if _, err := env.client.UpdateProvisioner(ctx, pid, client.ProvisionerParms{Name: "renamed", Enabled: new(bool)}); err != nil {
						t.Fatal(err)
					}
					if _, err := env.client.UpdateAttributeMapping(ctx, pid, client.AttributeMapping{SCIMAttribute: "displayName", UserAttribute: "Email"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: consoleGuideConfig(env, endpoint, token, "AWS IAM Identity Center", false, 3, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("idaas_provisioner.aws", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("idaas_provisioner.aws", tfjsonpath.New("name"), knownvalue.StringExact("AWS IAM Identity Center")),
						plancheck.ExpectKnownValue("idaas_provisioner.aws", tfjsonpath.New("enabled"), knownvalue.Bool(true)),
						plancheck.ExpectResourceAction("idaas_provisioner_attribute_mapping.display_name", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("idaas_provisioner_attribute_mapping.display_name", tfjsonpath.New("user_attribute"), knownvalue.StringExact("User ID")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Deleted in the console: planned for creation again.
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.DeleteAttributeMapping(ctx, pid, "name.givenName") }),
				Config:    consoleGuideConfig(env, endpoint, token, "AWS IAM Identity Center", false, 3, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_provisioner_attribute_mapping.given_name", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccProvisioner_wrongToken(t *testing.T) {
	env := newTestEnv(t)
	endpoint, _ := env.scimTarget(t)
	// A failed apply runs no Check: what it left behind is checked after.
	testCase(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			if ps, _ := env.client.ListProvisioners(context.Background()); len(ps) != 0 {
				return fmt.Errorf("a provisioner was left behind: %+v", ps)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "idaas_provisioner" "aws" {
  name          = "AWS"
  type          = "aws"
  scim_endpoint = %q
  bearer_token  = "not-the-token"
}
`, endpoint),
			ExpectError: regexp.MustCompile(`(?s)SCIM bearer token refused.*SCIM_TOKEN_REFUSED:\s+The\s+SCIM\s+endpoint\s+refused\s+the\s+bearer\s+token`),
		}},
	})
}

func provisionerOnlyConfig(env *testEnv, endpoint, token string, enabled bool, extra string) string {
	return env.config(`
resource "idaas_provisioner" "p" {
  name              = "target"
  type              = "aws"
  enabled           = %t
  scim_endpoint     = %q
  bearer_token      = %q
  verify_connection = false
  push_groups       = false
}
%s`, enabled, endpoint, token, extra)
}

func TestAccProvisioner_endpointReplaceAndTokenWarning(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	soon := time.Now().AddDate(0, 0, 20).UTC().Format(time.RFC3339)
	testSteps(t, nil,
		resource.TestStep{
			Config: provisionerOnlyConfig(env, endpoint, token, false, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("idaas_provisioner.p", tfjsonpath.New("status"), knownvalue.StringExact("NEVER_SYNCED")),
				statecheck.ExpectKnownValue("idaas_provisioner.p", tfjsonpath.New("group_ids"), knownvalue.Null()),
				statecheck.ExpectKnownValue("idaas_provisioner.p", tfjsonpath.New("last_sync_at"), knownvalue.Null()),
			},
		},
		resource.TestStep{
			Config: provisionerOnlyConfig(env, strings.Replace(endpoint, "127.0.0.1", "localhost", 1), token, false, ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_provisioner.p", plancheck.ResourceActionReplace)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
		resource.TestStep{
			// A token expiring within 60 days plans with a warning (and
			// a bad time fails at plan time).
			Config:      strings.Replace(provisionerOnlyConfig(env, endpoint, token, false, ""), "push_groups", "bearer_token_expires_at = \"next year\"\n  push_groups", 1),
			ExpectError: regexp.MustCompile(`(?s)bearer_token_expires_at.*"next year" is not an RFC 3339 time`),
			PlanOnly:    true,
		},
		resource.TestStep{
			Config: strings.Replace(provisionerOnlyConfig(env, endpoint, token, false, ""), "push_groups", fmt.Sprintf("bearer_token_expires_at = %q\n  push_groups", soon), 1),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("idaas_provisioner.p", tfjsonpath.New("bearer_token_expires_at"), knownvalue.StringExact(soon)),
			},
		},
	)
}

func TestAccProvisionerSync_missingRequiredMapping(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	var pid string
	sync := `
resource "idaas_provisioner_sync" "s" {
  provisioner_id = idaas_provisioner.p.id
}`
	// A failed apply runs no Check: the SCIM server is checked after.
	testCase(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			if st := env.emu.SCIM().Stats(); st.Writes != 0 {
				return fmt.Errorf("%d SCIM writes before failing", st.Writes)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: provisionerOnlyConfig(env, endpoint, token, false, ""),
				Check:  saveAttr(&pid, "idaas_provisioner.p", "id"),
			},
			{
				Config:      provisionerOnlyConfig(env, endpoint, token, false, sync),
				ExpectError: regexp.MustCompile(`(?s)Provisioner target is disabled.*enabled = true`),
			},
			{
				PreConfig: func() {
					ctx := context.Background()
					for _, a := range []string{"userName", "name.familyName"} {
						if err := env.client.DeleteAttributeMapping(ctx, pid, a); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config:      provisionerOnlyConfig(env, endpoint, token, true, sync),
				ExpectError: regexp.MustCompile(`(?s)Missing attribute mappings required by AWS.*no\s+mapping\s+for:\s+userName,\s+name.familyName`),
			},
		},
	})
}

// TestAccProvisionerSync_1000Users provisions 1,000 users in four
// 250-member groups while AWS answers 10% of requests with 429.
func TestAccProvisionerSync_1000Users(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	ctx := context.Background()
	var groupIDs []string
	for i := range 4 {
		g, err := env.client.CreateGroup(ctx, client.GroupParms{Name: fmt.Sprintf("Team %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		groupIDs = append(groupIDs, g.ID)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	sem := make(chan struct{}, 16)
	for i := range 1000 {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			first, last := "User", fmt.Sprintf("N%04d", i)
			u, err := env.client.CreateUser(ctx, client.UserParms{UserID: fmt.Sprintf("u%04d@example.com", i), FirstName: &first, LastName: &last})
			if err == nil {
				err = env.client.SetUserGroups(ctx, u.ID, []string{groupIDs[i%4]})
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	mock := env.emu.SCIM()
	testSteps(t, nil, resource.TestStep{
		PreConfig: func() { mock.SetFaults(scimmock.Faults{Rate429: 0.1, RetryAfter: true, Seed: 42}) },
		Config: env.config(`
resource "idaas_provisioner" "p" {
  name          = "AWS"
  type          = "aws"
  enabled       = true
  group_ids     = ["%s"]
  scim_endpoint = %q
  bearer_token  = %q
}
resource "idaas_provisioner_sync" "s" {
  provisioner_id = idaas_provisioner.p.id
}
`, strings.Join(groupIDs, `", "`), endpoint, token),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("idaas_provisioner_sync.s", tfjsonpath.New("status"), knownvalue.StringExact("SUCCEEDED")),
			statecheck.ExpectKnownValue("idaas_provisioner_sync.s", tfjsonpath.New("users_created"), knownvalue.Int64Exact(1000)),
			statecheck.ExpectKnownValue("idaas_provisioner_sync.s", tfjsonpath.New("groups_pushed"), knownvalue.Int64Exact(4)),
			statecheck.ExpectKnownValue("idaas_provisioner_sync.s", tfjsonpath.New("failures"), knownvalue.ListSizeExact(0)),
		},
		Check: func(*terraform.State) error {
			mock.SetFaults(scimmock.Faults{})
			if n := len(mock.Users()); n != 1000 {
				return fmt.Errorf("%d users in the SCIM mock", n)
			}
			for _, g := range mock.Groups() {
				if len(g.Members) != 250 {
					return fmt.Errorf("group %s has %d members", g.DisplayName, len(g.Members))
				}
			}
			if st := mock.Stats(); st.Injected429 == 0 {
				return fmt.Errorf("no 429 was injected: %+v", st)
			}
			return nil
		},
	})
}

// A provisioner deleted in the console leaves state with a warning and is
// planned for creation again; CheckDestroy confirms destroy removes it.
func TestAccProvisioner_disappears(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	var id string
	testCase(t, resource.TestCase{
		CheckDestroy: testAccCheckDestroyed(env, "idaas_provisioner", (*client.Client).GetProvisioner),
		Steps: []resource.TestStep{
			{
				Config: provisionerOnlyConfig(env, endpoint, token, false, ""),
				Check:  saveAttr(&id, "idaas_provisioner.p", "id"),
			},
			{
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.DeleteProvisioner(ctx, id) }),
				Config:    provisionerOnlyConfig(env, endpoint, token, false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("idaas_provisioner.p", plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
