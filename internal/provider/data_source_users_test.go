package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// The users of a directory group are found through the tenant's paged
// search (250 users: 3 requests, none per user), with the list resource's
// filters; an unknown group is an error naming it.
func TestAccUsersDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	eng, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "Engineering"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		email := fmt.Sprintf("eng-%03d@example.com", i)
		state := "ACTIVE"
		if i%10 == 9 {
			state = "INACTIVE"
		}
		u, err := env.client.CreateUser(ctx, client.UserParms{UserID: email, Email: &email, State: state})
		if err != nil {
			t.Fatal(err)
		}
		if i < 250 {
			if err := env.client.SetUserGroups(ctx, u.ID, []string{eng.ID}); err != nil {
				t.Fatal(err)
			}
		}
	}
	testSteps(t, nil,
		resource.TestStep{
			PreConfig: env.emu.ResetStats,
			Config: env.config(`
data "idaas_users" "eng" { group_id = %q }
`, eng.ID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.idaas_users.eng", tfjsonpath.New("ids"), knownvalue.SetSizeExact(250)),
				statecheck.ExpectKnownValue("data.idaas_users.eng", tfjsonpath.New("users"), knownvalue.ListSizeExact(250)),
				statecheck.ExpectKnownValue("data.idaas_users.eng", tfjsonpath.New("users").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"user_id": knownvalue.StringExact("eng-000@example.com"), "email": knownvalue.StringExact("eng-000@example.com"),
					"state": knownvalue.StringExact("ACTIVE"), "group_ids": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(eng.ID)}),
					"id": uuidValue,
				})),
			},
			Check: func(*terraform.State) error {
				// Refresh, plan and apply each read the data source once: 3
				// pages each, and never a user by id.
				st := env.emu.Stats().ByRoute
				if n := st["POST /api/web/v1/userspaged"]; n == 0 || n%3 != 0 {
					return fmt.Errorf("%d userspaged requests, want 3 per read", n)
				}
				if n := st["GET /api/web/v3/users/{id}"]; n != 0 {
					return fmt.Errorf("%d users read one by one", n)
				}
				return nil
			},
		},
		resource.TestStep{
			Config: env.config(`
data "idaas_users" "inactive_eng" {
  group_id         = %q
  state            = "INACTIVE"
  user_id_prefix   = "ENG-0"
  user_id_contains = "9"
  email_contains   = "@example.com"
}
data "idaas_users" "all" {}
`, eng.ID),
			ConfigStateChecks: []statecheck.StateCheck{
				// eng-009, 019, ..., 099 (10 users; 9x are all INACTIVE only at x9).
				statecheck.ExpectKnownValue("data.idaas_users.inactive_eng", tfjsonpath.New("ids"), knownvalue.SetSizeExact(10)),
				statecheck.ExpectKnownValue("data.idaas_users.all", tfjsonpath.New("ids"), knownvalue.SetSizeExact(300)),
			},
		},
		resource.TestStep{
			Config:      env.config(`data "idaas_users" "x" { group_id = %q }`, badUUID1),
			ExpectError: errorMatching("No group "+badUUID1, "GROUP_NOT_FOUND"),
		},
	)
}
