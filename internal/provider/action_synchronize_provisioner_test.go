package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

const syncRoute = "POST /api/web/v1/provisioners/{id}/sync"

// seedUsers creates n users through the admin API and returns their ids.
func (e *testEnv) seedUsers(t *testing.T, n int) []string {
	t.Helper()
	ids := make([]string, n)
	for i := range n {
		uid := fmt.Sprintf("user%d@example.com", i)
		first, last := "First", fmt.Sprintf("Last%d", i)
		u, err := e.client.CreateUser(t.Context(), client.UserParms{UserID: uid, FirstName: &first, LastName: &last, Email: &uid})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = u.ID
	}
	return ids
}

// syncTriggerConfig is an aws provisioner whose title mapping runs the
// synchronize action whenever it is created or changed.
func syncTriggerConfig(env *testEnv, endpoint, token, title string) string {
	return env.config(`
resource "idaas_provisioner" "aws" {
  name          = "AWS IAM Identity Center"
  type          = "aws"
  enabled       = true
  scim_endpoint = %[1]q
  bearer_token  = %[2]q
}

resource "idaas_provisioner_attribute_mapping" "title" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "title"
  value          = %[3]q
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.idaas_synchronize_provisioner.aws]
    }
  }
}

action "idaas_synchronize_provisioner" "aws" {
  config {
    provisioner_id = idaas_provisioner.aws.id
    timeouts {
      invoke = "2m"
    }
  }
}
`, endpoint, token, title)
}

// An action_trigger on a mapping runs a synchronization exactly when the
// mapping changes: on create, on a change, never on an empty plan.
func TestAccSynchronizeProvisionerAction_trigger(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	users := env.seedUsers(t, 3)
	syncs := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := env.emu.Stats().ByRoute[syncRoute]; got != want {
				return fmt.Errorf("%d synchronizations so far, want %d", got, want)
			}
			return nil
		}
	}
	titles := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			for _, id := range users {
				u, ok := env.emu.SCIM().UserByExternalID(id)
				if !ok || u["title"] != want {
					return fmt.Errorf("SCIM user of %s: %v, want title %q", id, u, want)
				}
			}
			return nil
		}
	}
	testSteps(t, queryCLI,
		resource.TestStep{
			Config: syncTriggerConfig(env, endpoint, token, "Engineer"),
			Check:  resource.ComposeTestCheckFunc(syncs(1), titles("Engineer")),
		},
		resource.TestStep{
			// Nothing changed: no synchronization.
			Config:           syncTriggerConfig(env, endpoint, token, "Engineer"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            syncs(1),
		},
		resource.TestStep{
			Config: syncTriggerConfig(env, endpoint, token, "Manager"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("idaas_provisioner_attribute_mapping.title", plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeTestCheckFunc(syncs(2), titles("Manager")),
		},
	)
}

// A provisioner_id that names no provisioner fails the plan, naming it,
// for both actions, before anything runs; one that is not a UUID fails
// validation.
func TestAccProvisionerActions_badProvisionerID(t *testing.T) {
	const missing = "00000000-0000-0000-0000-00000000dead"
	for _, kind := range []string{"idaas_synchronize_provisioner", "idaas_test_provisioner"} {
		t.Run(kind, func(t *testing.T) {
			env := newTestEnv(t)
			config := func(id string) string {
				return env.config(`
resource "terraform_data" "x" {
  input = "x"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.%[1]s.bad]
    }
  }
}
action %[1]q "bad" {
  config {
    provisioner_id = %[2]q
  }
}
`, kind, id)
			}
			testCase(t, resource.TestCase{
				TerraformVersionChecks: queryCLI,
				Steps: []resource.TestStep{
					{
						Config:      config(missing),
						PlanOnly:    true,
						ExpectError: errorMatching("Provisioner "+missing+" not found", `provisioner_id "`+missing+`" names no provisioner`),
					},
					{
						Config:      config("AWS IAM Identity Center"),
						PlanOnly:    true,
						ExpectError: errorMatching(`"AWS IAM Identity Center" is not a UUID`),
					},
				},
				CheckDestroy: func(*terraform.State) error {
					st := env.emu.Stats()
					if n := st.ByRoute[syncRoute] + st.ByRoute["POST /api/web/v1/provisioners/{id}/test"]; n != 0 {
						return fmt.Errorf("%d synchronizations or tests ran: %v", n, st.ByRoute)
					}
					return nil
				},
			})
		})
	}
}

// A synchronization that ends with failures fails the action with the
// tenant's counts and the users that could not be pushed.
func TestAccSynchronizeProvisionerAction_failures(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	env.seedUsers(t, 2)
	// AWS refuses a user without name.givenName.
	uid := "no.first.name@example.com"
	last := "Nofirst"
	bad, err := env.client.CreateUser(t.Context(), client.UserParms{UserID: uid, LastName: &last, Email: &uid})
	if err != nil {
		t.Fatal(err)
	}
	testSteps(t, queryCLI, resource.TestStep{
		Config: syncTriggerConfig(env, endpoint, token, "Engineer"),
		ExpectError: errorMatching("completed with 1 errors", "The tenant's counts: 2 users created, 0 updated, 0 deactivated, 0 groups pushed, 1 failures.",
			"The first of what could not be pushed:", "- "+bad.ID+": "),
	})
}
