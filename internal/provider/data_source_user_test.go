package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// A directory user is found by each of its four keys, with its names,
// state, e-mail, groups and custom attribute values; a key that matches
// nothing is an error naming it, an e-mail two users share an error listing
// both (two keys at once: the bad-input catalogue).
func TestAccUserDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	g, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "Engineering", ExternalID: ptr("CN=Engineering")})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := env.client.CreateUserAttribute(ctx, client.UserAttributeParms{Name: "Cost Centre"})
	if err != nil {
		t.Fatal(err)
	}
	jane, err := env.client.CreateUser(ctx, client.UserParms{UserID: "jdoe", FirstName: ptr("Jane"), LastName: ptr("Doe"),
		Email: ptr("jane.doe@example.com"), ExternalID: ptr("ad-0001"),
		UserAttributeValues: &[]client.UserAttributeValue{{UserAttributeID: cc.ID, Value: "CC-1042"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := env.client.SetUserGroups(ctx, jane.ID, []string{g.ID}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"shared-1", "shared-2"} {
		if _, err := env.client.CreateUser(ctx, client.UserParms{UserID: id, Email: ptr("team@example.com"), State: "INACTIVE"}); err != nil {
			t.Fatal(err)
		}
	}
	checks := func(addr string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(jane.ID)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("user_id"), knownvalue.StringExact("jdoe")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("first_name"), knownvalue.StringExact("Jane")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_name"), knownvalue.StringExact("Doe")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("email"), knownvalue.StringExact("jane.doe@example.com")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("external_id"), knownvalue.StringExact("ad-0001")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("ACTIVE")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("group_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(g.ID)})),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("attribute_values"), knownvalue.MapExact(map[string]knownvalue.Check{cc.ID: knownvalue.StringExact("CC-1042")})),
		}
	}
	var all []statecheck.StateCheck
	for _, k := range []string{"by_id", "by_user_id", "by_email", "by_external_id"} {
		all = append(all, checks("data.idaas_user."+k)...)
	}
	testSteps(t, nil,
		resource.TestStep{
			Config: env.config(`
data "idaas_user" "by_id" { id = %q }
data "idaas_user" "by_user_id" { user_id = "jdoe" }
data "idaas_user" "by_email" { email = "jane.doe@example.com" }
data "idaas_user" "by_external_id" { external_id = "ad-0001" }
`, jane.ID),
			ConfigStateChecks: all,
		},
		resource.TestStep{
			Config:      env.config(`data "idaas_user" "x" { email = "nobody@example.com" }`),
			ExpectError: errorMatching(`No user with e-mail address nobody@example.com`, `with data.idaas_user.x`, `email`),
		},
		resource.TestStep{
			Config:      env.config(`data "idaas_user" "x" { user_id = "nobody" }`),
			ExpectError: errorMatching(`No user with userId nobody`),
		},
		resource.TestStep{
			Config:      env.config(`data "idaas_user" "x" { id = %q }`, badUUID1),
			ExpectError: errorMatching(`No user with id ` + badUUID1),
		},
		resource.TestStep{
			Config:      env.config(`data "idaas_user" "x" { external_id = "ad-9999" }`),
			ExpectError: errorMatching(`No user with external id ad-9999`),
		},
		resource.TestStep{
			Config:      env.config(`data "idaas_user" "x" { email = "team@example.com" }`),
			ExpectError: errorMatching(`2 users have email "team@example.com": shared-1 (id`, `shared-2 (id`),
		},
	)
}
