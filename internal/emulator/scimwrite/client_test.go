package scimwrite

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

type fixture struct {
	mock *scimmock.Server
	c    *Client
	ts   *httptest.Server
	ctx  context.Context

	mu        sync.Mutex
	faultLeft int             // requests still served with pending faults
	pending   scimmock.Faults // faults for the next faultLeft requests
	onlyOn    func(*http.Request) bool
}

// setup starts a mock (AWS or plain) and a client with tiny retry waits.
func setup(t *testing.T, aws bool) *fixture {
	t.Helper()
	f := &fixture{mock: scimmock.New(scimmock.Options{AWSMode: aws}), ctx: context.Background()}
	f.ts = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.ts.Close)
	tok, err := f.mock.IssueToken(time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	f.c = f.client(t, tok)
	return f
}

func (f *fixture) client(t *testing.T, tok string) *Client {
	t.Helper()
	c, err := New(scim.Config{Endpoint: f.ts.URL + f.mock.BasePath(), Token: tok, AWSMode: strings.Contains(t.Name(), "aws"),
		RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, MaxRetries: 4,
		Logger: loggerFunc(func(_ context.Context, msg string, fields map[string]any) {
			if strings.Contains(fmt.Sprint(fields), tok) {
				t.Errorf("token logged: %s", msg)
			}
		})})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// inject applies faults to the next n requests that match (all when match
// is nil), then switches them off.
func (f *fixture) inject(n int, faults scimmock.Faults, match func(*http.Request) bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faultLeft, f.pending, f.onlyOn = n, faults, match
}

func (f *fixture) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	active := f.faultLeft > 0 && (f.onlyOn == nil || f.onlyOn(r))
	if active {
		f.faultLeft--
		f.mock.SetFaults(f.pending)
	}
	f.mu.Unlock()
	defer func() {
		if active {
			f.mock.SetFaults(scimmock.Faults{})
		}
	}()
	f.mock.ServeHTTP(w, r)
}

func (f *fixture) mkUser(t *testing.T, n int) User {
	t.Helper()
	body, err := BuildUser(userAttrs(n))
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.c.CreateUser(f.ctx, body)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func userAttrs(n int) map[string]any {
	return map[string]any{
		"userName":                         fmt.Sprintf("user%03d@example.com", n),
		"externalId":                       fmt.Sprintf("idp-%03d", n),
		"displayName":                      fmt.Sprintf("User %d", n),
		"name.givenName":                   "Given",
		"name.familyName":                  "Family",
		"active":                           true,
		`emails[type eq "work"].value`:     fmt.Sprintf("user%03d@example.com", n),
		"title":                            "Engineer",
		scimpathEnterprise + ":department": "R&D",
	}
}

const scimpathEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

// both runs a test against the AWS mock and the plain RFC mock.
func both(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, mode := range []string{"aws", "plain"} {
		t.Run(mode, func(t *testing.T) { fn(t, setup(t, mode == "aws")) })
	}
}

func TestUserLifecycle(t *testing.T) {
	both(t, func(t *testing.T, f *fixture) {
		u := f.mkUser(t, 1)
		if u.ID == "" || u.Adopted || u.Active == nil || !*u.Active {
			t.Fatalf("created %+v", u)
		}
		if v, _ := u.Get(`emails[type eq "work"].value`); v != "user001@example.com" {
			t.Fatalf("email %v", v)
		}
		found, err := f.c.FindUserByExternalID(f.ctx, "idp-001")
		if err != nil || found.ID != u.ID {
			t.Fatalf("find by externalId: %v %v", found, err)
		}
		if none, err := f.c.FindUserByUserName(f.ctx, "nobody"); !IsNoMatch(err) || !strings.Contains(err.Error(), `userName eq "nobody"`) {
			t.Fatalf("find missing: %v %v", none, err)
		}
		want := userAttrs(1)
		want["displayName"] = "Renamed"
		want["active"] = false
		want[scimpathEnterprise+":department"] = "Ops"
		ops := Diff(u.Attributes, want)
		if len(ops) != 3 {
			t.Fatalf("diff %+v", ops)
		}
		p, err := f.c.PatchUser(f.ctx, u.ID, ops)
		if err != nil || p.DisplayName != "Renamed" || *p.Active {
			t.Fatalf("patch: %+v %v", p, err)
		}
		if ops := Diff(p.Attributes, want); len(ops) != 0 {
			t.Fatalf("diff after patch %+v", ops)
		}
		if err := f.c.DeleteUser(f.ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.c.DeleteUser(f.ctx, u.ID); err != nil {
			t.Fatalf("second delete: %v", err)
		}
		if _, err := f.c.GetUser(f.ctx, u.ID); !IsNotFound(err) {
			t.Fatalf("get deleted: %v", err)
		}
	})
}

func isPost(r *http.Request) bool { return r.Method == http.MethodPost }

func TestAdoptAfterDropAfterCommit(t *testing.T) {
	both(t, func(t *testing.T, f *fixture) {
		f.inject(1, scimmock.Faults{RateDropAfterCommit: 1}, isPost)
		u := f.mkUser(t, 7)
		if !u.Adopted || len(f.mock.Users()) != 1 {
			t.Fatalf("adopted=%v users=%d", u.Adopted, len(f.mock.Users()))
		}
		if n := f.mock.Stats().ByRoute["POST /Users"]; n != 2 {
			t.Fatalf("POSTs %d", n)
		}
		// a create that collides on userName with a changed user adopts and replaces it
		attrs := userAttrs(7)
		attrs["displayName"] = "Changed"
		body, _ := BuildUser(attrs)
		again, err := f.c.CreateUser(f.ctx, body)
		if err != nil || !again.Adopted || again.ID != u.ID || again.DisplayName != "Changed" {
			t.Fatalf("re-create: %+v %v", again, err)
		}
		f.inject(1, scimmock.Faults{RateDropAfterCommit: 1}, isPost)
		g, err := f.c.CreateGroup(f.ctx, "Team", "grp-1")
		if err != nil || !g.Adopted || len(f.mock.Groups()) != 1 {
			t.Fatalf("group adopt: %+v %v", g, err)
		}
	})
}

func TestRetry429(t *testing.T) {
	both(t, func(t *testing.T, f *fixture) {
		for _, retryAfter := range []bool{true, false} {
			f.mock.ResetStats()
			f.inject(2, scimmock.Faults{Rate429: 1, RetryAfter: retryAfter}, nil)
			if err := f.c.TestConnection(f.ctx); err != nil {
				t.Fatalf("retry-after=%v: %v", retryAfter, err)
			}
			if st := f.mock.Stats(); st.Injected429 != 2 || st.Requests != 3 {
				t.Fatalf("retry-after=%v: %+v", retryAfter, st)
			}
		}
		f.inject(100, scimmock.Faults{Rate5xx: 1}, nil)
		err := f.c.TestConnection(f.ctx)
		var e *scim.Error
		if !errors.As(err, &e) || e.Status != 500 {
			t.Fatalf("persistent 500: %v", err)
		}
	})
}

func TestMembersChunkedAndLearnedThroughFilters(t *testing.T) {
	both(t, func(t *testing.T, f *fixture) {
		var ids []string
		for i := range 250 {
			ids = append(ids, f.mkUser(t, i).ID)
		}
		g, err := f.c.CreateGroup(f.ctx, "Everyone", "")
		if err != nil {
			t.Fatal(err)
		}
		f.mock.ResetStats()
		if err := f.c.AddMembers(f.ctx, g.ID, ids); err != nil {
			t.Fatal(err)
		}
		if n := f.mock.Stats().ByRoute["PATCH /Groups/{id}"]; n != 3 {
			t.Fatalf("PATCHes %d", n)
		}
		if err := f.c.RemoveMembers(f.ctx, g.ID, ids[:120]); err != nil {
			t.Fatal(err)
		}
		if n := len(f.mock.Groups()[0].Members); n != 130 {
			t.Fatalf("members %d", n)
		}
		read, err := f.c.GetGroup(f.ctx, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		aws := strings.HasSuffix(t.Name(), "aws")
		if aws != (len(read.Members) == 0) {
			t.Fatalf("GET members %d", len(read.Members))
		}
		cands := []string{ids[0], ids[119], ids[120], ids[249]}
		got, err := f.c.GroupMembers(f.ctx, g.ID, cands)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(cands[2:]) {
			t.Fatalf("GroupMembers %v %v", got, err)
		}
		if in, err := f.c.IsMember(f.ctx, g.ID, ids[0]); err != nil || in {
			t.Fatalf("IsMember removed: %v %v", in, err)
		}
		if err := f.c.PatchGroupName(f.ctx, g.ID, "All"); err != nil {
			t.Fatal(err)
		}
		if gs, err := f.c.ListGroups(f.ctx, `displayName eq "All"`); err != nil || len(gs) != 1 {
			t.Fatalf("ListGroups %v %v", gs, err)
		}
		if err := f.c.DeleteGroup(f.ctx, g.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestListPaging(t *testing.T) {
	both(t, func(t *testing.T, f *fixture) {
		for i := range 250 {
			f.mkUser(t, i)
		}
		f.mock.ResetStats()
		users, err := f.c.ListUsers(f.ctx, "")
		if err != nil || len(users) != 250 {
			t.Fatalf("listed %d: %v", len(users), err)
		}
		seen := map[string]bool{}
		for _, u := range users {
			seen[u.ID] = true
		}
		if len(seen) != 250 || f.mock.Stats().ByRoute["GET /Users"] != 3 {
			t.Fatalf("distinct %d, requests %d", len(seen), f.mock.Stats().ByRoute["GET /Users"])
		}
		if one, err := f.c.ListUsers(f.ctx, `userName eq "user042@example.com"`); err != nil || len(one) != 1 {
			t.Fatalf("filtered %v %v", one, err)
		}
	})
}

func TestUnauthorizedAndUnreachable(t *testing.T) {
	f := setup(t, true)
	bad := f.client(t, "not-the-token")
	err := bad.TestConnection(f.ctx)
	if !IsUnauthorized(err) || IsNotFound(err) || !strings.Contains(err.Error(), "refused the bearer token") || strings.Contains(err.Error(), "not found") {
		t.Fatalf("401: %v", err)
	}
	if f.mock.Stats().Requests != 1 {
		t.Fatal("401 was retried")
	}
	f.ts.Close()
	err = f.c.TestConnection(f.ctx)
	if !IsUnreachable(err) || IsUnauthorized(err) {
		t.Fatalf("unreachable: %v", err)
	}
}

func TestRetry404AfterCreate(t *testing.T) {
	both(t, func(t *testing.T, f *fixture) {
		u := f.mkUser(t, 1)
		g, err := f.c.CreateGroup(f.ctx, "Fresh", "")
		if err != nil {
			t.Fatal(err)
		}
		f.mock.ResetStats()
		f.mock.SetFaults(scimmock.Faults{Fail404AfterCreate: 2})
		if err := f.c.AddMembers(f.ctx, g.ID, []string{u.ID}); err != nil {
			t.Fatal(err)
		}
		if n := f.mock.Stats().ByRoute["PATCH /Groups/{id}"]; n != 3 {
			t.Fatalf("PATCHes %d", n)
		}
		f.mock.ResetStats()
		if _, err := f.c.GetUser(f.ctx, "not-created-here"); !IsNotFound(err) || f.mock.Stats().Requests != 1 {
			t.Fatalf("foreign 404 retried or lost: %v", err)
		}
	})
}

func TestBuildUser(t *testing.T) {
	body, err := BuildUser(userAttrs(3))
	if err != nil {
		t.Fatal(err)
	}
	email := body["emails"].([]any)[0].(map[string]any)
	ent := body[scimpathEnterprise].(map[string]any)
	if email["type"] != "work" || email["primary"] != true || body["name"].(map[string]any)["givenName"] != "Given" ||
		ent["department"] != "R&D" || len(body["schemas"].([]any)) != 2 {
		t.Fatalf("body %v", body)
	}
	if _, err := BuildUser(map[string]any{"emails[": "x"}); err == nil {
		t.Fatal("bad path accepted")
	}
}

// loggerFunc adapts a function to httpx.Logger.
type loggerFunc func(ctx context.Context, msg string, fields map[string]any)

func (f loggerFunc) Debug(ctx context.Context, msg string, fields map[string]any) {
	f(ctx, msg, fields)
}
