package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// Users made through the admin API are found by userId prefix and
// substring, email and state (the tenant's userspaged search), shown by
// userId, and with include_resource carry their groups and custom attribute
// values as an import would read them.
func userListQuery(t *testing.T, env *testEnv, _ *testClock) []resource.TestStep {
	ctx := context.Background()
	g, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "AWS Admins"})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := env.client.CreateUserAttribute(ctx, client.UserAttributeParms{Name: "Cost Centre"})
	if err != nil {
		t.Fatal(err)
	}
	var jane string
	for _, p := range []client.UserParms{
		{UserID: "jane.doe@example.com", FirstName: ptr("Jane"), LastName: ptr("Doe"), Email: ptr("jane.doe@example.com"),
			UserAttributeValues: &[]client.UserAttributeValue{{UserAttributeID: cc.ID, Value: "CC-1042"}}},
		{UserID: "john.roe@example.com", FirstName: ptr("John"), Email: ptr("john.roe@example.com")},
		{UserID: "contractor-1", Email: ptr("c1@partner.example"), State: "INACTIVE"},
	} {
		u, err := env.client.CreateUser(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if jane == "" {
			jane = u.ID
		}
	}
	if err := env.client.SetUserGroups(ctx, jane, []string{g.ID}); err != nil {
		t.Fatal(err)
	}
	return []resource.TestStep{{
		Query: true,
		Config: env.config(`
list "idaas_user" "all" {
  provider         = idaas
  include_resource = true
}
list "idaas_user" "j" {
  provider = idaas
  config {
    user_id_prefix = "J"
  }
}
list "idaas_user" "roe" {
  provider = idaas
  config {
    user_id_contains = "roe"
    email_contains   = "@example.com"
  }
}
list "idaas_user" "inactive" {
  provider = idaas
  config {
    state = "INACTIVE"
  }
}
list "idaas_user" "none" {
  provider = idaas
  config {
    user_id_prefix = "nobody"
  }
}
`),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("idaas_user.all", 3),
			querycheck.ExpectLength("idaas_user.j", 2),
			querycheck.ExpectLength("idaas_user.roe", 1),
			querycheck.ExpectLength("idaas_user.inactive", 1),
			querycheck.ExpectLength("idaas_user.none", 0),
			querycheck.ExpectIdentity("idaas_user.all", map[string]knownvalue.Check{"id": knownvalue.StringExact(jane)}),
			querycheck.ExpectResourceDisplayName("idaas_user.roe", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": uuidValue}),
				knownvalue.StringExact("john.roe@example.com")),
			querycheck.ExpectResourceDisplayName("idaas_user.inactive", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": uuidValue}),
				knownvalue.StringExact("contractor-1")),
			querycheck.ExpectResourceKnownValues("idaas_user.all", queryfilter.ByDisplayName(knownvalue.StringExact("jane.doe@example.com")), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(jane)},
				{Path: tfjsonpath.New("first_name"), KnownValue: knownvalue.StringExact("Jane")},
				{Path: tfjsonpath.New("mobile"), KnownValue: knownvalue.Null()},
				{Path: tfjsonpath.New("state"), KnownValue: knownvalue.StringExact("ACTIVE")},
				{Path: tfjsonpath.New("group_ids"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(g.ID)})},
				{Path: tfjsonpath.New("attribute_values"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{cc.ID: knownvalue.StringExact("CC-1042")})},
			}),
			querycheck.ExpectResourceKnownValues("idaas_user.all", queryfilter.ByDisplayName(knownvalue.StringExact("john.roe@example.com")), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("group_ids"), KnownValue: knownvalue.Null()},
				{Path: tfjsonpath.New("attribute_values"), KnownValue: knownvalue.Null()},
			}),
		},
	}, {
		Query: true,
		Config: env.config(`
list "idaas_user" "bad" {
  provider = idaas
  config {
    state = "DELETED"
  }
}
`),
		ExpectError: errorMatching(`Attribute state value must be one of: ["ACTIVE" "INACTIVE"], got: "DELETED"`),
	}}
}

// requestCount checks, when the query has run, how many requests the
// emulator answered on route.
type requestCount struct {
	env   *testEnv
	route string
	want  int
}

func (c requestCount) CheckQuery(_ context.Context, _ querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	if n := c.env.emu.Stats().ByRoute[c.route]; n != c.want {
		resp.Error = fmt.Errorf("%s: %d requests, want %d", c.route, n, c.want)
	}
}

// A tenant of 1,001 users is listed in pages of 100: 11 requests, and a
// list block whose limit is reached stops asking (one more request).
func TestAccUserList_paging(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	const users = 1001
	for i := range users {
		if _, err := env.client.CreateUser(ctx, client.UserParms{UserID: fmt.Sprintf("user-%04d@example.com", i)}); err != nil {
			t.Fatal(err)
		}
	}
	queryTest(t, resource.TestStep{
		PreConfig: env.emu.ResetStats,
		Query:     true,
		Config: env.config(`
list "idaas_user" "all" {
  provider = idaas
  limit    = 5000
}
list "idaas_user" "first" {
  provider = idaas
  limit    = 50
}
`),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("idaas_user.all", users),
			querycheck.ExpectLength("idaas_user.first", 50),
			querycheck.ExpectResourceDisplayName("idaas_user.first", queryfilter.ByDisplayName(knownvalue.StringExact("user-0049@example.com")),
				knownvalue.StringExact("user-0049@example.com")),
			requestCount{env: env, route: "POST /api/web/v1/userspaged", want: (users+client.PageSize-1)/client.PageSize + 1},
		},
	})
}
