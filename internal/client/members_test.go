package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
)

func membersFixture(t *testing.T, users, groups int) (*emulator.Emulator, *client.Client, []string, []string) {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	_, c := emutest.Serve(t, emu, client.Config{})
	ctx := context.Background()
	var us, gs []string
	for i := range users {
		u, err := c.CreateUser(ctx, client.UserParms{UserID: fmt.Sprintf("user-%04d@example.com", i)})
		if err != nil {
			t.Fatal(err)
		}
		us = append(us, u.ID)
	}
	for i := range groups {
		g, err := c.CreateGroup(ctx, client.GroupParms{Name: fmt.Sprintf("group %02d", i)})
		if err != nil {
			t.Fatal(err)
		}
		gs = append(gs, g.ID)
	}
	return emu, c, us, gs
}

// A group's members are read in pages of 100 through userspaged's groupId
// search (250 members: 3 requests), and a group that does not exist is a
// *NotFoundError.
func TestGroupMemberIDsPages(t *testing.T) {
	emu, c, users, groups := membersFixture(t, 300, 2)
	ctx := context.Background()
	want := users[:250]
	for _, u := range want {
		if err := c.SetUserGroups(ctx, u, []string{groups[0]}); err != nil {
			t.Fatal(err)
		}
	}
	emu.ResetStats()
	got, err := c.GroupMemberIDs(ctx, groups[0])
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(emu.GroupMembers(groups[0])) || len(got) != 250 {
		t.Fatalf("members: %d, want 250 as the emulator holds them", len(got))
	}
	if n := emu.Stats().ByRoute["POST /api/web/v1/userspaged"]; n != 3 {
		t.Fatalf("%d userspaged requests, want 3", n)
	}
	if got, err := c.GroupMemberIDs(ctx, groups[1]); err != nil || len(got) != 0 {
		t.Fatalf("an empty group: %v %v", got, err)
	}
	_, err = c.GroupMemberIDs(ctx, "3f0b6f3e-5f64-4a7a-9d6b-2a1f3c4d5e6f")
	if !client.NotFound(err) || !strings.Contains(err.Error(), "GROUP_NOT_FOUND") {
		t.Fatalf("an unknown group: %v", err)
	}
}

// ChangeUserGroups keeps the user's other groups; many changes of the same
// users from many goroutines of one Client all land (they are serialized per
// user); an unknown user is a *NotFoundError.
func TestChangeUserGroupsConcurrent(t *testing.T) {
	emu, c, users, groups := membersFixture(t, 5, 12)
	ctx := context.Background()
	if err := c.SetUserGroups(ctx, users[0], []string{groups[11]}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(groups)*len(users))
	for _, g := range groups[:11] {
		for _, u := range users {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := c.ChangeUserGroups(ctx, u, []string{g}, nil); err != nil {
					errs <- err
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i, u := range users {
		want := 11
		if i == 0 {
			want = 12
		}
		if got := emu.UserGroups(u); len(got) != want {
			t.Fatalf("user %d is in %d groups, want %d", i, len(got), want)
		}
	}
	if _, err := c.ChangeUserGroups(ctx, users[0], nil, []string{groups[11]}); err != nil {
		t.Fatal(err)
	}
	if got := emu.UserGroups(users[0]); len(got) != 11 {
		t.Fatalf("after removing one group: %d groups", len(got))
	}
	_, err := c.ChangeUserGroups(ctx, "3f0b6f3e-5f64-4a7a-9d6b-2a1f3c4d5e6f", []string{groups[0]}, nil)
	if !client.NotFound(err) {
		t.Fatalf("an unknown user: %v", err)
	}
	var me *client.MembershipError
	err = c.ChangeGroupMembers(ctx, groups[0], []string{"3f0b6f3e-5f64-4a7a-9d6b-2a1f3c4d5e6f"}, nil, 2)
	if !errors.As(err, &me) || len(me.Failed) != 1 || !client.NotFound(me.Failed[0].Err) || !strings.Contains(err.Error(), "user 3f0b6f3e-5f64-4a7a-9d6b-2a1f3c4d5e6f") {
		t.Fatalf("ChangeGroupMembers of an unknown user: %v", err)
	}
}

// A change that another writer undoes right after it is written (here: a
// directory that puts back the groups it read before) is seen when the user
// is read back, and made again; the other writer's change stays too.
func TestChangeUserGroupsRetriesALostUpdate(t *testing.T) {
	emu := emulator.New(emulator.Options{})
	var undone atomic.Int32
	var directory *client.Client
	var dirGroup string
	h := emu.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		// After the provider's first PUT, the directory writes the
		// user's groups as it read them before that PUT, plus its own.
		if r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/api/web/v1/userauthorizationgroup/") &&
			r.Header.Get("User-Agent") == "provider" && undone.Add(1) == 1 {
			id := strings.Split(r.URL.Path, "/")[5]
			if err := directory.SetUserGroups(r.Context(), id, []string{dirGroup}); err != nil {
				panic(err)
			}
		}
	}))
	t.Cleanup(srv.Close)
	mk := func(ua string) *client.Client {
		c, err := client.New(client.Config{TenantURL: srv.URL, ApplicationID: emu.ApplicationID(), SharedSecret: emu.SharedSecret(), UserAgent: ua})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c, directory := mk("provider"), mk("directory")
	ctx := context.Background()
	u, err := c.CreateUser(ctx, client.UserParms{UserID: "jane@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := c.CreateGroup(ctx, client.GroupParms{Name: "AWS Developers"})
	d, _ := c.CreateGroup(ctx, client.GroupParms{Name: "Engineering"})
	dirGroup = d.ID
	emu.ResetStats()
	got, err := c.ChangeUserGroups(ctx, u.ID, []string{g.ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Groups) != 2 || fmt.Sprint(emu.UserGroups(u.ID)) != fmt.Sprint(sorted(g.ID, d.ID)) {
		t.Fatalf("groups after the lost update: %v, want both %s and the directory's %s", emu.UserGroups(u.ID), g.ID, d.ID)
	}
	// GET, PUT (lost), GET, PUT, GET; the directory's own PUT.
	st := emu.Stats().ByRoute
	if st["PUT /api/web/v1/userauthorizationgroup/{userid}/groups"] != 3 || st["GET /api/web/v3/users/{id}"] != 3 {
		t.Fatalf("requests: %v", st)
	}
}

func sorted(ss ...string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}

// The groupId search is answered as package client documents it: EQUALS
// only.
func TestGroupMemberSearchOperator(t *testing.T) {
	_, c, _, groups := membersFixture(t, 1, 1)
	for _, err := range c.UserPages(context.Background(), client.SearchParms{SearchByAttributes: []client.SearchByAttribute{{Name: client.SearchGroupID, Operator: "CONTAINS", Value: groups[0]}}}) {
		var apiErr *client.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
			b, _ := json.Marshal(apiErr)
			t.Fatalf("CONTAINS on groupId: %v %s", err, b)
		}
		return
	}
	t.Fatal("no answer")
}
