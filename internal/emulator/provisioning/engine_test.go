package provisioning

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

type fixture struct {
	mock   *scimmock.Server
	target Target
	opts   Options
	st     State
	users  []User
	groups []Group
}

func newFixture(t *testing.T, aws bool) *fixture {
	t.Helper()
	mock := scimmock.New(scimmock.Options{AWSMode: aws})
	ts := httptest.NewServer(mock)
	t.Cleanup(ts.Close)
	tok, err := mock.IssueToken(time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{mock: mock, target: Target{Endpoint: ts.URL + mock.BasePath(), Token: tok, AWS: aws, PushGroups: true},
		opts: Options{Workers: 6, RetryWaitMin: time.Millisecond, RetryWaitMax: 20 * time.Millisecond, MaxRetries: 10}}
}

func (f *fixture) addUsers(n int, groups ...string) {
	for i := range n {
		id := fmt.Sprintf("00000000-0000-0000-0000-%012d", len(f.users))
		f.users = append(f.users, User{ID: id, Groups: groups, Attributes: map[string]string{
			"User ID": fmt.Sprintf("user%d@example.com", len(f.users)), "First Name": "First", "Last Name": fmt.Sprintf("Last%d", i),
			"Email": fmt.Sprintf("user%d@example.com", len(f.users)), "State": "ACTIVE"}})
	}
}

func (f *fixture) sync(t *testing.T) Result {
	t.Helper()
	res := Sync(context.Background(), f.target, DefaultMappings("aws"), f.users, f.groups, &f.st, f.opts)
	if res.Err != nil || len(res.Failures) > 0 {
		t.Fatalf("sync: %v %+v", res.Err, res.Failures)
	}
	return res
}

func (f *fixture) writes(t *testing.T, fn func()) int {
	t.Helper()
	before := f.mock.Stats()
	fn()
	after := f.mock.Stats()
	return after.Requests - before.Requests
}

func TestSyncIncremental(t *testing.T) {
	for _, aws := range []bool{true, false} {
		t.Run(fmt.Sprintf("aws=%v", aws), func(t *testing.T) {
			f := newFixture(t, aws)
			f.groups = []Group{{ID: "g1", Name: "AWS Admins"}, {ID: "g2", Name: "Other"}}
			f.target.GroupIDs = []string{"g1"}
			f.addUsers(30, "g1")
			f.addUsers(5, "g2")
			res := f.sync(t)
			if res.UsersCreated != 30 || res.GroupsPushed != 1 {
				t.Fatalf("first sync: %+v", res)
			}
			gs := f.mock.Groups()
			if len(gs) != 1 || gs[0].DisplayName != "AWS Admins" || len(gs[0].Members) != 30 || gs[0].ExternalID != "g1" {
				t.Fatalf("groups: %+v", gs)
			}
			u, ok := f.mock.UserByExternalID(f.users[3].ID)
			if !ok || u["userName"] != "user3@example.com" || u["displayName"] != "user3@example.com" ||
				u["name"].(map[string]any)["familyName"] != "Last3" || u["active"] != true {
				t.Fatalf("user 3: %v", u)
			}
			// No change: no request at all.
			if n := f.writes(t, func() { f.sync(t) }); n != 0 {
				t.Fatalf("no-change re-sync sent %d requests", n)
			}
			// k=2 changes: a rename and a removal from the group.
			f.users[1].Attributes["Last Name"] = "Renamed"
			f.users[2].Groups = nil
			var res2 Result
			n := f.writes(t, func() { res2 = f.sync(t) })
			if res2.UsersUpdated != 1 || res2.UsersDeactivated != 1 || res2.UsersCreated != 0 || n != 3 {
				t.Fatalf("k=2 re-sync: %+v in %d requests", res2, n)
			}
			u, _ = f.mock.UserByExternalID(f.users[2].ID)
			if u["active"] != false {
				t.Fatalf("removed user still active: %v", u)
			}
			if gs := f.mock.Groups(); len(gs[0].Members) != 29 {
				t.Fatalf("member not removed: %d", len(gs[0].Members))
			}
			// Back in the group: reactivated.
			f.users[2].Groups = []string{"g1"}
			res3 := f.sync(t)
			u, _ = f.mock.UserByExternalID(f.users[2].ID)
			if res3.UsersUpdated != 1 || u["active"] != true || len(f.mock.Groups()[0].Members) != 30 {
				t.Fatalf("re-added: %+v %v", res3, u)
			}
			// A lost state adopts instead of duplicating.
			f.st.Forget()
			res4 := f.sync(t)
			if res4.UsersCreated != 0 || len(f.mock.Users()) != 30 || len(f.mock.Groups()) != 1 {
				t.Fatalf("after Forget: %+v, %d users", res4, len(f.mock.Users()))
			}
		})
	}
}

func TestSyncAt1000With429s(t *testing.T) {
	f := newFixture(t, true)
	var ids []string
	for i := range 4 {
		g := Group{ID: fmt.Sprintf("g%d", i), Name: fmt.Sprintf("Team %d", i)}
		f.groups = append(f.groups, g)
		ids = append(ids, g.ID)
		f.addUsers(250, g.ID)
	}
	f.target.GroupIDs = ids
	f.mock.SetFaults(scimmock.Faults{Rate429: 0.2, RetryAfter: true, Seed: 7})
	start := time.Now()
	res := f.sync(t)
	f.mock.SetFaults(scimmock.Faults{})
	if res.UsersCreated != 1000 || res.GroupsPushed != 4 {
		t.Fatalf("%+v", res)
	}
	for _, g := range f.mock.Groups() {
		if len(g.Members) != 250 {
			t.Fatalf("group %s has %d members", g.DisplayName, len(g.Members))
		}
	}
	if st := f.mock.Stats(); st.Injected429 == 0 || len(f.mock.Users()) != 1000 {
		t.Fatalf("stats %+v users %d", st, len(f.mock.Users()))
	}
	t.Logf("1000 users, 4 groups in %v", time.Since(start))
}

func TestSyncStops(t *testing.T) {
	f := newFixture(t, true)
	f.addUsers(3)
	f.target.Token = "wrong"
	res := Sync(context.Background(), f.target, DefaultMappings("aws"), f.users, nil, &f.st, f.opts)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "refused the bearer token") {
		t.Fatalf("wrong token: %+v", res)
	}
	res = Sync(context.Background(), f.target, DefaultMappings("generic"), f.users, nil, &f.st, f.opts)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "displayName, name.givenName, name.familyName") {
		t.Fatalf("missing mappings: %+v", res)
	}
	// A user AWS refuses (no last name) fails alone.
	f = newFixture(t, true)
	f.addUsers(3)
	f.users[1].Attributes["Last Name"] = ""
	res = Sync(context.Background(), f.target, DefaultMappings("aws"), f.users, nil, &f.st, f.opts)
	if res.Err != nil || res.UsersCreated != 2 || len(res.Failures) != 1 || res.Failures[0].UserID != f.users[1].ID {
		t.Fatalf("per-user failure: %+v", res)
	}
}
