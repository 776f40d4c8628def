package scimmock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type env struct {
	t   *testing.T
	s   *Server
	ts  *httptest.Server
	tok string
}

func newEnv(t *testing.T, aws bool) *env {
	t.Helper()
	s := New(Options{AWSMode: aws})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	tok, err := s.IssueToken(time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, s: s, ts: ts, tok: tok}
}

// do sends a request relative to the base path and decodes the JSON answer.
func (e *env) do(method, path string, body any) (int, map[string]any) {
	e.t.Helper()
	return e.doURL(method, e.ts.URL+e.s.BasePath()+path, e.tok, body)
}

func (e *env) doURL(method, url, tok string, body any) (int, map[string]any) {
	e.t.Helper()
	var rd io.Reader
	if s, ok := body.(string); ok {
		rd = strings.NewReader(s)
	} else if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("Content-Type", "application/scim+json")
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	if len(b) > 0 {
		if err := json.Unmarshal(b, &out); err != nil {
			e.t.Fatalf("%s %s: bad JSON %q", method, url, b)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			e.t.Errorf("content type %q", ct)
		}
	}
	return resp.StatusCode, out
}

// expect checks a status and, for errors, the detail text.
func (e *env) expect(method, path string, body any, status int, detail string) map[string]any {
	e.t.Helper()
	code, out := e.do(method, path, body)
	if code != status {
		e.t.Fatalf("%s %s: status %d, want %d (%.300v)", method, path, code, status, out)
	}
	if detail != "" && out["detail"] != detail {
		e.t.Fatalf("%s %s: detail %q, want %q", method, path, out["detail"], detail)
	}
	return out
}

func user(name string) map[string]any {
	return map[string]any{
		"schemas":     []string{"urn:ietf:params:scim:schemas:core:2.0:User"},
		"userName":    name,
		"externalId":  "ext-" + name,
		"displayName": "D " + name,
		"name":        map[string]any{"givenName": "G", "familyName": "F"},
		"emails":      []any{map[string]any{"value": name + "@example.com", "type": "work", "primary": true}},
		"active":      true,
	}
}

func (e *env) mkUser(name string) string {
	e.t.Helper()
	return e.expect("POST", "Users", user(name), 201, "")["id"].(string)
}

func (e *env) mkUsers(prefix string, n int) []string {
	e.t.Helper()
	ids := make([]string, n)
	for i := range ids {
		ids[i] = e.mkUser(fmt.Sprintf("%s%03d", prefix, i))
	}
	return ids
}

func (e *env) mkGroup(name string, members ...string) string {
	e.t.Helper()
	var ms []any
	for _, m := range members {
		ms = append(ms, map[string]any{"value": m})
	}
	return e.expect("POST", "Groups", map[string]any{"displayName": name, "members": ms}, 201, "")["id"].(string)
}

func ops(o ...map[string]any) map[string]any {
	l := make([]any, len(o))
	for i := range o {
		l[i] = o[i]
	}
	return map[string]any{"schemas": []string{"urn:ietf:params:scim:api:messages:2.0:PatchOp"}, "Operations": l}
}

func op(op, path string, value any) map[string]any {
	m := map[string]any{"op": op}
	if path != "" {
		m["path"] = path
	}
	if value != nil {
		m["value"] = value
	}
	return m
}

func members(ids ...string) []any {
	l := make([]any, len(ids))
	for i, id := range ids {
		l[i] = map[string]any{"value": id}
	}
	return l
}

func TestAuthAndErrorShape(t *testing.T) {
	e := newEnv(t, true)
	code, out := e.doURL("GET", e.ts.URL+e.s.BasePath()+"Users", "", nil)
	if code != 401 || out["status"] != "401" || out["exceptionRequestId"] == nil || out["timeStamp"] == nil {
		t.Fatalf("missing token: %d %v", code, out)
	}
	if _, ok := out["scimType"]; ok {
		t.Fatal("AWS errors carry no scimType")
	}
	if code, _ := e.doURL("GET", e.ts.URL+e.s.BasePath()+"Users", "nope", nil); code != 401 {
		t.Fatalf("wrong token: %d", code)
	}
	if code, _ := e.doURL("GET", e.ts.URL+"/other-tenant/scim/v2/Users", e.tok, nil); code != 401 {
		t.Fatalf("wrong tenant: %d", code)
	}
	if _, err := e.s.IssueToken(time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	tok2, err := e.s.IssueToken(time.Now().Add(time.Hour))
	if err != nil {
		t.Fatalf("second active token: %v", err)
	}
	if _, err := e.s.IssueToken(time.Now().Add(time.Hour)); err != ErrTooManyTokens {
		t.Fatalf("third token: %v", err)
	}
	e.s.RevokeToken(tok2)
	if code, _ := e.doURL("GET", e.ts.URL+e.s.BasePath()+"Users", tok2, nil); code != 401 {
		t.Fatalf("revoked token: %d", code)
	}
	expired, _ := e.s.IssueToken(time.Now().Add(50 * time.Millisecond))
	time.Sleep(60 * time.Millisecond)
	if code, _ := e.doURL("GET", e.ts.URL+e.s.BasePath()+"Users", expired, nil); code != 401 {
		t.Fatalf("expired token: %d", code)
	}
	ts := "2006-01-02 15:04:05.000"
	if _, err := time.Parse(ts, out["timeStamp"].(string)); err != nil {
		t.Fatal(err)
	}
}

func TestCreateUserRules(t *testing.T) {
	e := newEnv(t, true)
	without := func(k string) map[string]any { u := user("x"); delete(u, k); return u }
	noGiven := user("x")
	noGiven["name"] = map[string]any{"familyName": "F"}
	twoEmails := user("x")
	twoEmails["emails"] = []any{map[string]any{"value": "a@x", "primary": true}, map[string]any{"value": "b@x"}}
	notPrimary := user("x")
	notPrimary["emails"] = []any{map[string]any{"value": "a@x"}}
	withPassword := user("x")
	withPassword["password"] = "secret"
	twoPhones := user("x")
	twoPhones["phoneNumbers"] = []any{map[string]any{"value": "1"}, map[string]any{"value": "2"}}
	for name, body := range map[string]any{
		"no userName": without("userName"), "no displayName": without("displayName"), "no name": without("name"),
		"no givenName": noGiven, "two emails": twoEmails, "email not primary": notPrimary, "password": withPassword,
		"two phones": twoPhones, "long userName": user(strings.Repeat("a", 129)), "malformed": `{"userName":`,
		"not an object": `[1]`,
	} {
		t.Run(name, func(t *testing.T) { e.t = t; e.expect("POST", "Users", body, 400, DetailBadRequest) })
	}
	e.t = t
	u := e.expect("POST", "Users", user("Alice"), 201, "")
	m := u["meta"].(map[string]any)
	if m["resourceType"] != "User" || m["location"] != nil || m["version"] != nil {
		t.Fatalf("meta %v", m)
	}
	if _, err := time.Parse(time.RFC3339, m["created"].(string)); err != nil {
		t.Fatal(err)
	}
	e.expect("POST", "Users", user("alice"), 409, DetailConflict)
	sameMail := user("bob")
	sameMail["emails"] = user("Alice")["emails"]
	e.expect("POST", "Users", sameMail, 409, DetailConflict)
	e.expect("POST", "Users", `{"userName":"big","x":"`+strings.Repeat("a", MaxBodyBytes)+`"}`, 413, "")
}

func TestPatchUserRules(t *testing.T) {
	e := newEnv(t, true)
	id := e.mkUser("pat")
	path := "Users/" + id
	e.expect("PATCH", path, ops(op("remove", "userName", nil)), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("remove", "active", nil)), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("remove", "", nil)), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("replace", "displayName", nil)), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("frobnicate", "displayName", "x")), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("replace", "", map[string]any{"displayName": "a", "title": "b"})), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("replace", "emails", members("a", "b"))), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("replace", "[[", "x")), 400, DetailBadRequest)
	out := e.expect("PATCH", path, ops(
		op("Replace", "", map[string]any{"displayName": "New"}),
		op("replace", "active", false),
		op("ADD", "name.givenName", "Gina"),
		op("replace", `emails[type eq "work"].value`, "new@example.com"),
		op("replace", "externalId", "ext-2"),
		op("add", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "R&D"),
		op("add", "title", "Boss"),
		op("remove", "title", nil),
	), 200, "")
	ent, _ := out["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].(map[string]any)
	email := out["emails"].([]any)[0].(map[string]any)
	if out["displayName"] != "New" || out["active"] != false || out["name"].(map[string]any)["givenName"] != "Gina" ||
		email["value"] != "new@example.com" || email["primary"] != true || out["externalId"] != "ext-2" ||
		ent["department"] != "R&D" || out["title"] != nil {
		t.Fatalf("patched user %v", out)
	}
	e.mkUser("other")
	e.expect("PATCH", path, ops(op("replace", "userName", "OTHER")), 409, DetailConflict)
	e.expect("PUT", path, user("renamed"), 200, "")
	if u, ok := e.s.UserByExternalID("ext-renamed"); !ok || u["userName"] != "renamed" {
		t.Fatalf("PUT did not replace: %v", u)
	}
}

func TestGroupRules(t *testing.T) {
	e := newEnv(t, true)
	uids := e.mkUsers("u", 101)
	e.expect("POST", "Groups", map[string]any{"displayName": ""}, 400, DetailBadRequest)
	e.expect("POST", "Groups", map[string]any{"displayName": strings.Repeat("g", 1025)}, 400, DetailBadRequest)
	e.expect("POST", "Groups", map[string]any{"displayName": "big", "members": members(uids...)}, 400, DetailBadRequest)
	gid := e.mkGroup("Admins", uids[0])
	e.expect("POST", "Groups", map[string]any{"displayName": "admins"}, 409, DetailConflict)
	g := e.expect("GET", "Groups/"+gid, nil, 200, "")
	if ms, ok := g["members"].([]any); !ok || len(ms) != 0 {
		t.Fatalf("AWS group read shows members: %v", g["members"])
	}
	path := "Groups/" + gid
	e.expect("PATCH", path, ops(op("add", "members", members(uids...))), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("add", "members", members(uids[:60]...)), op("add", "members", members(uids[60:]...))), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("replace", "members", members(uids[1]))), 400, DetailReplaceMembers)
	e.expect("PATCH", path, ops(op("remove", "members", nil)), 400, DetailReplaceMembers)
	e.expect("PATCH", path, ops(op("replace", "description", "x")), 400, DetailBadRequest)
	e.expect("PATCH", path, ops(op("add", "members", members(uids[:100]...))), 204, "")
	e.expect("PATCH", path, ops(op("remove", fmt.Sprintf("members[value eq %q]", uids[0]), nil), op("remove", "members", members(uids[1], uids[2]))), 204, "")
	e.expect("PATCH", path, ops(op("replace", "displayName", "Admins2"), op("replace", "externalId", "e1")), 204, "")
	e.expect("PUT", path, map[string]any{"displayName": "x"}, 405, "")
	gv := e.s.Groups()[0]
	if len(gv.Members) != 97 || gv.DisplayName != "Admins2" || gv.ExternalID != "e1" {
		t.Fatalf("group %+v", gv)
	}
	// membership is visible through filters only
	for f, want := range map[string]float64{
		fmt.Sprintf(`id eq %q and members eq %q`, gid, uids[5]):       1,
		fmt.Sprintf(`id eq %q and members.value eq %q`, gid, uids[0]): 0,
		`displayName eq "admins2"`:                                    1,
		`externalId eq "e1"`:                                          1,
	} {
		out := e.expect("GET", "Groups?filter="+urlq(f), nil, 200, "")
		if out["totalResults"] != want {
			t.Fatalf("%s: %v", f, out)
		}
	}
	e.expect("DELETE", "Users/"+uids[5], nil, 204, "")
	if len(e.s.Groups()[0].Members) != 96 {
		t.Fatal("deleted user still a member")
	}
	e.expect("DELETE", path, nil, 204, "")
	e.expect("DELETE", path, nil, 404, "Resource "+gid+" not found.")
	e.expect("GET", "Users/nope", nil, 404, "Resource nope not found.")
}

func urlq(s string) string {
	return strings.NewReplacer(" ", "%20", `"`, "%22", "&", "%26").Replace(s)
}

func TestFilters(t *testing.T) {
	e := newEnv(t, true)
	uid := e.mkUser("Fil")
	gid := e.mkGroup("G", uid)
	for _, f := range []string{`userName eq "fil"`, `externalId eq "ext-Fil"`, `id eq "` + uid + `"`, `groups.value eq "` + gid + `"`, `userName eq "fil" and externalId eq "ext-Fil"`} {
		if out := e.expect("GET", "Users?filter="+urlq(f), nil, 200, ""); out["totalResults"] != 1.0 {
			t.Fatalf("%s: %v", f, out)
		}
	}
	for _, f := range []string{`userName sw "f"`, `userName eq "a" or userName eq "b"`, `title eq "x"`, `emails[type eq "work"]`, `not (userName eq "x")`, `userName`, `userName eq 1`} {
		e.expect("GET", "Users?filter="+urlq(f), nil, 400, DetailBadRequest)
	}
	p := newEnv(t, false)
	p.mkUser("Fil")
	if out := p.expect("GET", "Users?filter="+urlq(`userName sw "f" or title pr`), nil, 200, ""); out["totalResults"] != 1.0 {
		t.Fatalf("plain filter: %v", out)
	}
	_, out := p.do("GET", "Users?filter="+urlq(`((`), nil)
	if out["scimType"] != "invalidFilter" {
		t.Fatalf("plain error shape: %v", out)
	}
}

func TestListing(t *testing.T) {
	e := newEnv(t, true)
	ids := e.mkUsers("l", 250)
	out := e.expect("GET", "Users", nil, 200, "")
	if out["totalResults"] != 250.0 || out["itemsPerPage"] != 100.0 || out["startIndex"] != 1.0 {
		t.Fatalf("classic list: %v", out["totalResults"])
	}
	if out := e.expect("GET", "Users?startIndex=101&count=500", nil, 200, ""); out["Resources"].([]any)[0].(map[string]any)["id"] != ids[0] {
		t.Fatal("AWS must ignore startIndex")
	}
	var got []string
	q := "Users?count=100&cursor"
	for pages := 0; ; pages++ {
		out := e.expect("GET", q, nil, 200, "")
		for _, r := range out["Resources"].([]any) {
			got = append(got, r.(map[string]any)["id"].(string))
		}
		next, ok := out["nextCursor"].(string)
		if !ok {
			if pages != 2 {
				t.Fatalf("pages %d", pages)
			}
			break
		}
		if out["totalResults"] != nil {
			t.Fatal("cursor pages carry no totalResults")
		}
		q = "Users?count=100&cursor=" + next
	}
	if strings.Join(got, ",") != strings.Join(ids, ",") {
		t.Fatal("cursor paging lost or reordered users")
	}
	e.expect("GET", "Users?cursor=zz!", nil, 400, DetailBadRequest)
	e.expect("GET", "Users?count=abc", nil, 400, DetailBadRequest)
	p := newEnv(t, false)
	for i := range 5 {
		p.mkUser(fmt.Sprintf("p%d", i))
	}
	if out := p.expect("GET", "Users?startIndex=4&count=10", nil, 200, ""); out["itemsPerPage"] != 2.0 || out["startIndex"] != 4.0 {
		t.Fatalf("plain startIndex: %v", out)
	}
}

func TestPlainModeGroups(t *testing.T) {
	e := newEnv(t, false)
	a, b := e.mkUser("a"), e.mkUser("b")
	gid := e.mkGroup("g", a)
	e.expect("PATCH", "Groups/"+gid, ops(op("replace", "members", members(b))), 204, "")
	g := e.expect("GET", "Groups/"+gid, nil, 200, "")
	if ms := g["members"].([]any); len(ms) != 1 || ms[0].(map[string]any)["value"] != b {
		t.Fatalf("members %v", g["members"])
	}
	e.expect("PUT", "Groups/"+gid, map[string]any{"displayName": "g2", "members": members(a, b)}, 200, "")
	e.expect("PATCH", "Groups/"+gid, ops(op("remove", "members", nil)), 204, "")
	if len(e.s.Groups()[0].Members) != 0 {
		t.Fatal("remove all members")
	}
	_, out := e.do("POST", "Groups", map[string]any{"displayName": "G2"})
	if out["status"] != "409" || out["scimType"] != "uniqueness" {
		t.Fatalf("plain conflict %v", out)
	}
}

func TestMetaEndpoints(t *testing.T) {
	e := newEnv(t, true)
	for _, p := range []string{"ServiceProviderConfig", "Schemas", "ResourceTypes"} {
		e.expect("GET", p, nil, 200, "")
	}
	e.expect("GET", "Me", nil, 404, "")
	e.expect("POST", "ServiceProviderConfig", "{}", 405, "")
	code, _ := e.doURL("POST", e.ts.URL+e.s.BasePath()+"Users", e.tok, nil)
	if code != 400 {
		t.Fatalf("empty body: %d", code)
	}
}

func TestFaults(t *testing.T) {
	e := newEnv(t, true)
	e.s.SetFaults(Faults{Rate429: 1, RetryAfter: true, RetryAfterSeconds: 1})
	req, _ := http.NewRequest("GET", e.ts.URL+e.s.BasePath()+"Users", nil)
	req.Header.Set("Authorization", "Bearer "+e.tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("429: %v %v", resp, err)
	}
	resp.Body.Close()
	e.s.SetFaults(Faults{RateDropAfterCommit: 1})
	body, _ := json.Marshal(user("dropped"))
	req, _ = http.NewRequest("POST", e.ts.URL+e.s.BasePath()+"Users", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+e.tok)
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("dropped connection answered")
	}
	if _, ok := e.s.UserByExternalID("ext-dropped"); !ok {
		t.Fatal("write not committed")
	}
	e.s.SetFaults(Faults{RateReset: 1})
	req, _ = http.NewRequest("GET", e.ts.URL+e.s.BasePath()+"Users", nil)
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("reset answered")
	}
	e.s.SetFaults(Faults{Fail404AfterCreate: 2})
	id := e.mkUser("fresh")
	e.expect("GET", "Users/"+id, nil, 404, "")
	e.expect("GET", "Users/"+id, nil, 404, "")
	e.expect("GET", "Users/"+id, nil, 200, "")
	st := e.s.Stats()
	if st.Injected429 != 1 || st.FaultsInjected != 5 || st.ByRoute["GET /Users/{id}"] != 3 || st.Writes != 2 {
		t.Fatalf("stats %+v", st)
	}
	e.s.ResetStats()
	e.s.Reset()
	if e.s.Stats().Requests != 0 || len(e.s.Users()) != 0 {
		t.Fatal("reset")
	}
	e.expect("GET", "Users", nil, 200, "")
}
