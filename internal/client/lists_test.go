package client_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
)

// The paged searches cost one request per page: items / page size, rounded
// up (the last page carries no nextCursor), and the pages come in order,
// each page no larger than the limit, with a search kept across cursors.
func TestPagedSearchesRequestsPerPage(t *testing.T) {
	emu := emulator.New(emulator.Options{})
	_, c := emutest.Serve(t, emu, client.Config{})
	ctx := context.Background()
	const users, groups = 1001, 250
	for i := range users {
		if _, err := c.CreateUser(ctx, client.UserParms{UserID: fmt.Sprintf("user-%04d@example.com", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range groups {
		name := fmt.Sprintf("AWS group %03d", i)
		if i%2 == 1 {
			name = fmt.Sprintf("Other group %03d", i)
		}
		if _, err := c.CreateGroup(ctx, client.GroupParms{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	count := func(route string) int {
		t.Helper()
		return emu.Stats().ByRoute[route]
	}
	emu.ResetStats()

	seen, pages, prev := 0, 0, ""
	for page, err := range c.UserPages(ctx, client.SearchParms{}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(page) > client.PageSize {
			t.Fatalf("page of %d users", len(page))
		}
		for _, u := range page {
			if u.UserID <= prev {
				t.Fatalf("user %s after %s: not ordered by userId", u.UserID, prev)
			}
			if u.Groups != nil || u.UserAttributeValues != nil {
				t.Fatalf("user %s carries groups or values nobody asked for", u.UserID)
			}
			prev = u.UserID
			seen++
		}
	}
	if want := (users + client.PageSize - 1) / client.PageSize; seen != users || pages != want || count("POST /api/web/v1/userspaged") != want {
		t.Errorf("users: saw %d in %d pages with %d requests, want %d in %d pages and requests", seen, pages, count("POST /api/web/v1/userspaged"), users, want)
	}

	seen = 0
	for page, err := range c.GroupPages(ctx, client.SearchParms{Limit: 10, SearchByAttributes: []client.SearchByAttribute{{Name: "name", Operator: "STARTS_WITH", Value: "aws"}}}) {
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range page {
			if !strings.HasPrefix(g.Name, "AWS ") {
				t.Fatalf("group %q does not match the search", g.Name)
			}
			seen++
		}
	}
	if want := (groups/2 + 9) / 10; seen != groups/2 || count("POST /api/web/v1/groupspaged") != want {
		t.Errorf("groups: saw %d with %d requests, want %d with %d", seen, count("POST /api/web/v1/groupspaged"), groups/2, want)
	}

	// A reader that stops early stops the requests.
	emu.ResetStats()
	for _, err := range c.UserPages(ctx, client.SearchParms{}) {
		_ = err
		break
	}
	if n := count("POST /api/web/v1/userspaged"); n != 1 {
		t.Errorf("stopping after the first page made %d requests", n)
	}
}
