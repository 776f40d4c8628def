package seed_test

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/seed"
)

// A seed file lands in the tenant as a directory sync leaves it: groups with
// their external ids, users with theirs, their groups and attribute values.
func TestSeedFileApplies(t *testing.T) {
	d, err := seed.Load(filepath.Join("testdata", "directory.json"))
	if err != nil {
		t.Fatal(err)
	}
	emu := emulator.New(emulator.Options{})
	_, c := emutest.Serve(t, emu, client.Config{MaxRetries: -1})
	ctx := context.Background()
	if err := d.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
	groups, err := c.SearchGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, g := range groups {
		names[g.ID] = g.Name
		if g.Name == "AWS Administrators" && g.ExternalID != "CN=AWS Administrators,OU=Groups,DC=example,DC=com" {
			t.Errorf("group %s external id %v", g.Name, g.ExternalID)
		}
	}
	if len(groups) != 2 {
		t.Fatalf("%d groups, want 2", len(groups))
	}
	omar, err := c.GetUserByUserID(ctx, "omar@example.com")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range emu.UserGroups(omar.ID) {
		got = append(got, names[g])
	}
	sort.Strings(got)
	if strings.Join(got, ",") != "AWS Administrators,AWS Developers" || omar.ExternalID != "6f1c2a0e-0002" {
		t.Errorf("omar: groups %v, user %+v", got, omar)
	}
	jane, err := c.GetUserByUserID(ctx, "jane@example.com")
	if err != nil {
		t.Fatal(err)
	}
	vals := map[string]string{}
	for _, v := range jane.UserAttributeValues {
		if v.UserAttribute != nil {
			vals[v.UserAttribute.Name] = v.Value
		}
	}
	if vals["Cost Centre"] != "CC-1042" || vals["Department"] != "Platform" {
		t.Errorf("jane's attribute values: %+v", jane.UserAttributeValues)
	}
	li, err := c.GetUserByUserID(ctx, "li@example.com")
	if err != nil || li.State != "INACTIVE" {
		t.Errorf("li: %v %+v", err, li)
	}
}

// A seed file that names what it does not define, misspells a key or
// repeats a user is refused, saying where.
func TestSeedFileRefused(t *testing.T) {
	for _, tc := range []struct{ name, json, want string }{
		{"unknown key", `{"users":[{"userId":"a","first_name":"A"}]}`, `unknown field "first_name"`},
		{"undefined group", `{"groups":[{"name":"g"}],"users":[{"userId":"a","groups":["h"]}]}`, `users[0] (a): group "h" is not in the file's groups`},
		{"undefined attribute", `{"users":[{"userId":"a","attributes":{"Cost Centre":"1"}}]}`, `users[0] (a): attribute "Cost Centre" is not in the file's attributes`},
		{"repeated user", `{"users":[{"userId":"a"},{"userId":"A"}]}`, `users[1]: the userId "A" is empty or repeated`},
		{"bad state", `{"users":[{"userId":"a","state":"gone"}]}`, `state "gone"`},
		{"cut short", `{"users":[`, `not a seed file`},
	} {
		if _, err := seed.Parse([]byte(tc.json)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}
