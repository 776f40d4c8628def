package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/provisioning"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

// syncRow is one synchronization measured.
type syncRow struct {
	name      string
	wall      time.Duration
	users     int // users the sync had to push (all, or the changed ones)
	requests  int
	injected  int
	res       provisioning.Result
	dupUsers  int
	dupMember int
}

// syncBench runs the provisioning engine against the emulator's AWS SCIM
// mock: an initial sync of users in groups, a re-sync after ten changes,
// then both again with 429s injected into a share of the requests.
func syncBench(users, groups int, rate429 float64) ([]syncRow, error) {
	var rows []syncRow
	for _, faults := range []scimmock.Faults{{}, {Rate429: rate429, RetryAfter: true, Seed: 42}} {
		emu := emulator.New(emulator.Options{})
		srv := httptest.NewServer(emu.Handler())
		tok, err := emu.SCIM().IssueToken(time.Now().Add(time.Hour))
		if err != nil {
			srv.Close()
			return nil, err
		}
		target := provisioning.Target{Endpoint: srv.URL + emu.SCIM().BasePath(), Token: tok, AWS: true, PushGroups: true}
		ms := provisioning.DefaultMappings("aws")
		us, gs := syncTenant(users, groups)
		st := &provisioning.State{}
		opts := provisioning.Options{Workers: 8, MaxRetries: 10, RetryWaitMin: 10 * time.Millisecond, RetryWaitMax: time.Second}
		emu.SCIM().SetFaults(faults)
		suffix := ""
		if faults.Rate429 > 0 {
			suffix = fmt.Sprintf(", %.0f%% 429s", faults.Rate429*100)
		}
		measure := func(name string, n int) syncRow {
			emu.SCIM().ResetStats()
			start := time.Now()
			res := provisioning.Sync(context.Background(), target, ms, us, gs, st, opts)
			r := syncRow{name: name + suffix, wall: time.Since(start), users: n, res: res}
			s := emu.SCIM().Stats()
			r.requests, r.injected = s.Requests, s.Injected429
			r.dupUsers, r.dupMember = duplicates(emu.SCIM())
			fmt.Printf("   sync %-32s %-7s requests %6d (429s %d) created %d updated %d deactivated %d groups %d failures %d err %v dup users %d dup members %d\n",
				r.name, secs(r.wall), r.requests, r.injected, res.UsersCreated, res.UsersUpdated, res.UsersDeactivated, res.GroupsPushed, len(res.Failures), res.Err, r.dupUsers, r.dupMember)
			return r
		}
		rows = append(rows, measure(fmt.Sprintf("initial: %d users, %d groups", users, groups), users))
		us = syncChanges(us, groups)
		rows = append(rows, measure("re-sync after 10 changes", 10))
		srv.Close()
		for _, r := range rows[len(rows)-2:] {
			if r.res.Err != nil || len(r.res.Failures) > 0 {
				return rows, fmt.Errorf("sync %s: %v, %d failures", r.name, r.res.Err, len(r.res.Failures))
			}
		}
	}
	return rows, nil
}

// syncTenant makes users spread over groups.
func syncTenant(users, groups int) ([]provisioning.User, []provisioning.Group) {
	gs := make([]provisioning.Group, groups)
	for i := range gs {
		gs[i] = provisioning.Group{ID: fmt.Sprintf("g-%04d", i), Name: fmt.Sprintf("Group %d", i)}
	}
	us := make([]provisioning.User, users)
	for i := range us {
		us[i] = syncUser(i, gs[i%groups].ID)
	}
	return us, gs
}

func syncUser(i int, group string) provisioning.User {
	return provisioning.User{ID: fmt.Sprintf("u-%06d", i), Groups: []string{group}, Attributes: map[string]string{
		"User ID": fmt.Sprintf("user%06d", i), "First Name": "First", "Last Name": fmt.Sprintf("Last%d", i),
		"Email": fmt.Sprintf("user%06d@example.com", i), "State": "ACTIVE",
	}}
}

// syncChanges applies ten changes: six renames, two users moved to another
// group, one new user and one user deleted.
func syncChanges(us []provisioning.User, groups int) []provisioning.User {
	out := make([]provisioning.User, 0, len(us)+1)
	for i, u := range us {
		switch {
		case i < 6:
			attrs := make(map[string]string, len(u.Attributes))
			for k, v := range u.Attributes {
				attrs[k] = v
			}
			attrs["Last Name"] = "Renamed"
			u.Attributes = attrs
		case i < 8:
			u.Groups = []string{fmt.Sprintf("g-%04d", (i+1)%groups)}
		case i == 8:
			continue // deleted in the tenant: deactivated in the target
		}
		out = append(out, u)
	}
	return append(out, syncUser(len(us), fmt.Sprintf("g-%04d", 0)))
}

// duplicates counts users that share an externalId or userName, and group
// members listed twice.
func duplicates(s *scimmock.Server) (users, members int) {
	seen := map[string]bool{}
	for _, u := range s.Users() {
		for _, k := range []string{"externalId", "userName"} {
			key := k + "=" + strings.ToLower(fmt.Sprint(u[k]))
			if seen[key] {
				users++
			}
			seen[key] = true
		}
	}
	for _, g := range s.Groups() {
		in := map[string]bool{}
		for _, m := range g.Members {
			if in[m] {
				members++
			}
			in[m] = true
		}
	}
	return users, members
}

func (r syncRow) markdown() string {
	perUser := fmt.Sprintf("%.2f", float64(r.requests)/float64(r.users))
	return fmt.Sprintf("| %s | %s | %d | %d | %.0f | %s | %d | %d | %d | %d | %d |", r.name, secs(r.wall), r.requests, r.injected,
		float64(r.users)/r.wall.Seconds(), perUser, r.res.UsersCreated, r.res.UsersUpdated, r.res.UsersDeactivated, r.dupUsers, r.dupMember)
}
