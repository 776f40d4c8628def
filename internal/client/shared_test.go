package client_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
)

// readAll reads ids, ten at a time, as Terraform's refresh would, and
// returns the requests the emulator answered.
func readAll[T any](t *testing.T, emu *emulator.Emulator, ids []string, read func(context.Context, string) (*T, error)) int {
	t.Helper()
	emu.ResetStats()
	work := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				if _, err := read(context.Background(), id); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d reads failed, first: %v", len(errs), errs[0])
	}
	return emu.Stats().Total
}

func seedGroups(t *testing.T, c *client.Client, n int) []string {
	t.Helper()
	ids := make([]string, n)
	for i := range n {
		g, err := c.CreateGroup(context.Background(), client.GroupParms{Name: fmt.Sprintf("g%05d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = g.ID
	}
	return ids
}

func seedUsers(t *testing.T, c *client.Client, n int) []string {
	t.Helper()
	ids := make([]string, n)
	for i := range n {
		u, err := c.CreateUser(context.Background(), client.UserParms{UserID: fmt.Sprintf("u%05d@example.com", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = u.ID
	}
	return ids
}

// Requests spent by shared reads: within about twice the cheaper of one
// GET each and the whole listing.
func TestSharedReadsCost(t *testing.T) {
	t.Parallel()
	emu := emulator.New(emulator.Options{})
	_, seed := emutest.Serve(t, emu, client.Config{})
	groups := seedGroups(t, seed, 1000)
	users := seedUsers(t, seed, 2000)
	fresh := func(mode client.SharedReadsMode) *client.Client {
		_, c := emutest.Serve(t, emu, client.Config{SharedReads: mode})
		if err := c.Authenticate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tc := range []struct {
		what     string
		mode     client.SharedReadsMode
		ids      []string
		users    bool
		min, max int
	}{
		// 1000 groups, no total: pages only as fast as GETs, 10 pages.
		{"1000 of 1000 groups", client.SharedReadsAuto, groups, false, 10, 40},
		// 2000 users with a total: ~20 GETs, then 20 pages.
		{"2000 of 2000 users", client.SharedReadsAuto, users, true, 20, 60},
		// 15 users of 2000: one page (it tells the total), then GETs.
		{"15 of 2000 users", client.SharedReadsAuto, users[1000:1015], true, 16, 16},
		// 30 users of 2000: listing (20 pages) is cheaper than 30 GETs:
		// 19 GETs, then the 19 pages left.
		{"30 of 2000 users", client.SharedReadsAuto, users[1000:1030], true, 20, 40},
		{"30 of 2000 users, shared reads never", client.SharedReadsNever, users[1000:1030], true, 30, 30},
		{"30 of 2000 users, shared reads always", client.SharedReadsAlways, users[1000:1030], true, 20, 20},
	} {
		c := fresh(tc.mode)
		var n int
		if tc.users {
			n = readAll(t, emu, tc.ids, c.ReadUser)
		} else {
			n = readAll(t, emu, tc.ids, c.ReadGroup)
		}
		t.Logf("%s: %d requests (%+v)", tc.what, n, c.SharedReadStats())
		if n < tc.min || n > tc.max {
			t.Errorf("%s: %d requests, want %d..%d", tc.what, n, tc.min, tc.max)
		}
	}
}

// Correctness: an object a listing lacks is read by itself (and not found
// only if the API says so); a write drops what was listed before it.
func TestSharedReadsCorrectness(t *testing.T) {
	t.Parallel()
	emu := emulator.New(emulator.Options{})
	_, seed := emutest.Serve(t, emu, client.Config{})
	ids := seedGroups(t, seed, 150)
	_, c := emutest.Serve(t, emu, client.Config{SharedReads: client.SharedReadsAlways})
	ctx := context.Background()
	// The listing is made on the first read.
	if _, err := c.ReadGroup(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	// Deleted out of band after the listing: still served from it (as a
	// GET just before the delete would have), but one created after it
	// is read by itself, not reported gone.
	late, err := seed.CreateGroup(ctx, client.GroupParms{Name: "late"})
	if err != nil {
		t.Fatal(err)
	}
	if g, err := c.ReadGroup(ctx, late.ID); err != nil || g.Name != "late" {
		t.Fatalf("a group the listing lacks: %+v, %v; want it read by itself", g, err)
	}
	if err := seed.DeleteGroup(ctx, ids[2]); err != nil {
		t.Fatal(err)
	}
	// Our own write: the listing taken before it serves nothing after it.
	if _, err := c.UpdateGroup(ctx, ids[1], client.GroupParms{Name: "renamed"}); err != nil {
		t.Fatal(err)
	}
	if err := seed.DeleteGroup(ctx, ids[3]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReadGroup(ctx, ids[3]); !client.NotFound(err) {
		t.Fatalf("a group deleted out of band after our write: %v, want not found (the listing from before the write must not serve it)", err)
	}
	if g, err := c.ReadGroup(ctx, ids[1]); err != nil || g.Name != "renamed" {
		t.Fatalf("the group we renamed: %+v, %v", g, err)
	}
	if _, err := c.ReadGroup(ctx, ids[2]); !client.NotFound(err) {
		t.Fatalf("a group deleted before the new listing: %v, want not found", err)
	}
}
