package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/contract"
)

// directoryUsers makes users through the admin API, as a directory sync
// leaves them (Terraform does not own them), and returns their UUIDs.
func directoryUsers(t *testing.T, env *testEnv, names ...string) []string {
	t.Helper()
	var ids []string
	for _, n := range names {
		email := n + "@example.com"
		u, err := env.client.CreateUser(context.Background(), client.UserParms{UserID: email, Email: &email, ExternalID: ptr("ad-" + n)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	return ids
}

// expectMembers checks the group's members in the tenant.
func expectMembers(env *testEnv, group *string, want ...*string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var w []string
		for _, p := range want {
			w = append(w, *p)
		}
		sort.Strings(w)
		if got := env.emu.GroupMembers(*group); !slices.Equal(got, w) {
			return fmt.Errorf("group %s has members %v, want %v", *group, got, w)
		}
		return nil
	}
}

func groupMembersConfig(env *testEnv, group string, authoritative bool, users ...string) string {
	return env.config(`
resource "idaas_group_members" "devs" {
  group_id      = %q
  user_ids      = [%s]
  authoritative = %t
}
`, group, quoteList(users), authoritative)
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// Not authoritative: the listed users become members and a member added
// by hand stays; a listed member removed in the console is drift, put back
// by apply; a user taken out of user_ids leaves the group. Authoritative:
// the hand-added member is drift, removed on apply. Import by group id
// lists every member; the group deleted out of band is planned for
// creation again; destroy removes the listed members only.
func TestAccGroupMembers_basic(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	u := directoryUsers(t, env, "ann", "bob", "cat", "dan")
	a, b, c, d := u[0], u[1], u[2], u[3]
	g, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "AWS Developers"})
	if err != nil {
		t.Fatal(err)
	}
	gid := g.ID
	if err := env.client.SetUserGroups(ctx, c, []string{gid}); err != nil { // by hand
		t.Fatal(err)
	}
	addr := "idaas_group_members.devs"
	testCase(t, resource.TestCase{
		CheckDestroy: expectMembers(env, &gid, &c),
		Steps: []resource.TestStep{
			{
				Config: groupMembersConfig(env, gid, false, a, b),
				Check:  expectMembers(env, &gid, &a, &b, &c),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(gid)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("user_ids"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact(a), knownvalue.StringExact(b)})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("authoritative"), knownvalue.Bool(false)),
				},
			},
			{
				// Drift: bob is taken out of the group in the console.
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.SetUserGroups(ctx, b, nil) }),
				Config:    groupMembersConfig(env, gid, false, a, b),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("user_ids"), knownvalue.SetSizeExact(2)),
				}},
				Check: expectMembers(env, &gid, &a, &b, &c),
			},
			{
				Config: groupMembersConfig(env, gid, false, a),
				Check:  expectMembers(env, &gid, &a, &c),
			},
			{
				// Authoritative: the hand-added cat goes.
				Config: groupMembersConfig(env, gid, true, a),
				Check:  expectMembers(env, &gid, &a),
			},
			{
				// Drift: dan is added by hand.
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.SetUserGroups(ctx, d, []string{gid}) }),
				Config:    groupMembersConfig(env, gid, true, a),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: expectMembers(env, &gid, &a),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"authoritative"}},
			{
				Config: groupMembersConfig(env, gid, false, a, b),
				Check:  expectMembers(env, &gid, &a, &b),
			},
			{
				// cat is back by hand: not managed, so left alone on destroy.
				PreConfig: inConsole(t, func(ctx context.Context) error { return env.client.SetUserGroups(ctx, c, []string{gid}) }),
				Config:    groupMembersConfig(env, gid, false, a, b),
				Check:     expectMembers(env, &gid, &a, &b, &c),
			},
		},
	})
}

// The group deleted out of band takes its memberships with it: the
// resource is planned for creation again.
func TestAccGroupMembers_groupDisappears(t *testing.T) {
	env := newTestEnv(t)
	u := directoryUsers(t, env, "ann")
	testSteps(t, nil,
		resource.TestStep{Config: env.config(`
resource "idaas_group" "g" { name = "AWS Developers" }
resource "idaas_group_members" "g" {
  group_id = idaas_group.g.id
  user_ids = [%q]
}
`, u[0])},
		resource.TestStep{
			PreConfig: func() {
				for _, g := range env.emu.UserGroups(u[0]) {
					if err := env.client.DeleteGroup(context.Background(), g); err != nil {
						t.Fatal(err)
					}
				}
			},
			Config: env.config(`
resource "idaas_group" "g" { name = "AWS Developers" }
resource "idaas_group_members" "g" {
  group_id = idaas_group.g.id
  user_ids = [%q]
}
`, u[0]),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("idaas_group.g", plancheck.ResourceActionCreate),
				plancheck.ExpectResourceAction("idaas_group_members.g", plancheck.ResourceActionCreate),
			}},
			Check: func(s *terraform.State) error {
				gid, _ := stateAttr(s, "idaas_group.g", "id")
				if got := env.emu.UserGroups(u[0]); len(got) != 1 || got[0] != gid {
					return fmt.Errorf("ann's groups %v, want [%s]", got, gid)
				}
				return nil
			},
		})
}

// An idaas_user without group_ids and an idaas_group_members naming it do
// not fight: the plan after apply is empty, and stays empty after more
// plans and applies; another group given to the user by hand is left alone
// by both.
func TestAccGroupMembers_besideUser(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.config(`
resource "idaas_group" "devs" { name = "AWS Developers" }
resource "idaas_group" "admins" { name = "AWS Admins" }
resource "idaas_user" "jane" {
  user_id = "jane@example.com"
  email   = "jane@example.com"
}
resource "idaas_group_members" "devs" {
  group_id = idaas_group.devs.id
  user_ids = [idaas_user.jane.id]
}
`)
	var jane, devs, admins string
	testSteps(t, nil,
		resource.TestStep{
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(
				saveAttr(&jane, "idaas_user.jane", "id"), saveAttr(&devs, "idaas_group.devs", "id"), saveAttr(&admins, "idaas_group.admins", "id"),
				func(*terraform.State) error {
					if got := env.emu.UserGroups(jane); len(got) != 1 || got[0] != devs {
						return fmt.Errorf("jane's groups %v, want [%s]", got, devs)
					}
					return nil
				},
				resource.TestCheckNoResourceAttr("idaas_user.jane", "group_ids"),
			),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		resource.TestStep{
			PreConfig: inConsole(t, func(ctx context.Context) error {
				_, err := env.client.ChangeUserGroups(ctx, jane, []string{admins}, nil)
				return err
			}),
			Config:             cfg,
			PlanOnly:           true,
			ExpectNonEmptyPlan: false,
		},
		resource.TestStep{
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(*terraform.State) error {
				if got := env.emu.UserGroups(jane); len(got) != 2 {
					return fmt.Errorf("jane's groups %v, want both", got)
				}
				return nil
			},
		},
	)
}

// Bad input that only the tenant can tell: an unknown user fails the apply
// naming it, and nothing is changed (the known user is not added); an
// unknown group fails naming it.
func TestAccGroupMembers_unknownIDs(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	u := directoryUsers(t, env, "ann")
	g, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "AWS Developers"})
	if err != nil {
		t.Fatal(err)
	}
	testSteps(t, nil,
		resource.TestStep{
			Config:      groupMembersConfig(env, g.ID, false, u[0], badUUID1),
			ExpectError: errorMatching("No such user", `user_ids names user "`+badUUID1+`"`, "Nothing was changed in group "+g.ID),
		},
		resource.TestStep{
			Config:      groupMembersConfig(env, badUUID2, false, u[0]),
			ExpectError: errorMatching("No such group", "group_id names group "+badUUID2, "GROUP_NOT_FOUND"),
		},
	)
	if got := env.emu.GroupMembers(g.ID); len(got) != 0 {
		t.Fatalf("a refused change added %v", got)
	}
}

// newWrappedTestEnv is newTestEnv with the emulator's handler wrapped,
// e.g. to fail one request.
func newWrappedTestEnv(t *testing.T, wrap func(http.Handler) http.Handler) *testEnv {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	checked, _ := contract.WrapForTest(t, emu.Handler()) // against the API documents
	srv := httptest.NewServer(wrap(checked))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{TenantURL: srv.URL, ApplicationID: emu.ApplicationID(), SharedSecret: emu.SharedSecret()})
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{emu: emu, srv: srv, client: c}
}

// A change that fails for one user is made for the others, and the state
// records what was done: the next plan changes only what is left.
func TestAccGroupMembers_partialFailureIsRecorded(t *testing.T) {
	var failFor atomic.Value
	failFor.Store("")
	env := newWrappedTestEnv(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if id := failFor.Load().(string); id != "" && r.Method == http.MethodPut && r.URL.Path == "/api/web/v1/userauthorizationgroup/"+id+"/groups" {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusConflict)
				_, _ = w.Write([]byte(`{"errorCode":"USER_LOCKED","errorMessage":"The user is being synchronized."}`))
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	ctx := context.Background()
	u := directoryUsers(t, env, "ann", "bob", "cat")
	ann, bob, cat := u[0], u[1], u[2]
	g, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "AWS Developers"})
	if err != nil {
		t.Fatal(err)
	}
	gid, addr := g.ID, "idaas_group_members.devs"
	testSteps(t, nil,
		resource.TestStep{Config: groupMembersConfig(env, gid, false, ann)},
		resource.TestStep{
			PreConfig:   func() { failFor.Store(cat) },
			Config:      groupMembersConfig(env, gid, false, ann, bob, cat),
			ExpectError: errorMatching("Changing the members of group "+gid, "user "+cat, "USER_LOCKED", "The state records the members as they now are"),
		},
		resource.TestStep{
			PreConfig: func() {
				failFor.Store("")
				if got := env.emu.GroupMembers(gid); len(got) != 2 {
					t.Errorf("after the failed apply the group has %v, want ann and bob", got)
				}
			},
			Config: groupMembersConfig(env, gid, false, ann, bob, cat),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("user_ids"), knownvalue.SetSizeExact(3)),
				priorUserIDs{addr: addr, want: sorted(ann, bob)},
			}},
			Check: expectMembers(env, &gid, &ann, &bob, &cat),
		},
	)
}

// priorUserIDs checks the user_ids that the state held before a plan.
type priorUserIDs struct {
	addr string
	want []string
}

func (c priorUserIDs) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		var got []string
		ids, _ := before["user_ids"].([]any)
		for _, id := range ids {
			got = append(got, fmt.Sprint(id))
		}
		sort.Strings(got)
		if !slices.Equal(got, c.want) {
			resp.Error = fmt.Errorf("%s: the state held user_ids %v, want %v", c.addr, got, c.want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.addr)
}

func sorted(ss ...string) []string {
	out := slices.Clone(ss)
	sort.Strings(out)
	return out
}

// A group's members, imported by the identity {group_id}.
func TestAccGroupMembers_identity(t *testing.T) {
	env := newTestEnv(t)
	u := directoryUsers(t, env, "ann", "bob")
	testSteps(t, identityCLI,
		resource.TestStep{
			Config: env.config(`
resource "idaas_group" "g" { name = "AWS Developers" }
resource "idaas_group_members" "g" {
  group_id = idaas_group.g.id
  user_ids = [%q, %q]
}
`, u[0], u[1]),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity("idaas_group_members.g", map[string]knownvalue.Check{"group_id": uuidValue}),
				statecheck.CompareValuePairs("idaas_group_members.g", tfjsonpath.New("group_id"), "idaas_group.g", tfjsonpath.New("id"), compare.ValuesSame()),
			},
		},
		identityImportStep("idaas_group_members.g", plancheck.ResourceActionNoop),
	)
}

// An authoritative, empty user_ids empties the group only with allow_empty
// (without it, the plan is refused: the bad-input catalogue).
func TestAccGroupMembers_allowEmpty(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	u := directoryUsers(t, env, "ann", "bob")
	g, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "AWS Developers"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range u {
		if err := env.client.SetUserGroups(ctx, id, []string{g.ID}); err != nil {
			t.Fatal(err)
		}
	}
	gid := g.ID
	testSteps(t, nil,
		resource.TestStep{
			Config:      groupMembersConfig(env, gid, true),
			ExpectError: errorMatching("Refusing to remove every member of the group", "set allow_empty = true"),
		},
		resource.TestStep{
			Config: env.config(`
resource "idaas_group_members" "devs" {
  group_id      = %q
  user_ids      = []
  authoritative = true
  allow_empty   = true
}
`, gid),
			Check: expectMembers(env, &gid),
		},
	)
}
