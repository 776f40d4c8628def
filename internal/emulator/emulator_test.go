package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/contract"
)

type harness struct {
	t   *testing.T
	emu *Emulator
	srv *httptest.Server
	tok string
	// contract checks every exchange against the API documents; a test
	// that sends what they forbid, on purpose, says so with Expect.
	contract *contract.Recorder
}

func newHarness(t *testing.T, opts Options) *harness {
	emu := New(opts)
	checked, rec := contract.WrapForTest(t, emu.Handler())
	srv := httptest.NewServer(checked)
	t.Cleanup(srv.Close)
	// This harness sends what the contract forbids on purpose (no
	// Content-Type, bad paths, bad bodies) to test the emulator's answers:
	// only those answers are checked.
	rec.Ignore("contract violation: the request of ")
	rec.Ignore(" is an operation of neither API document")
	h := &harness{t: t, emu: emu, srv: srv, contract: rec}
	status, body := h.call("POST", "/api/web/v1/adminapi/authenticate", map[string]string{"applicationId": emu.ApplicationID(), "sharedSecret": emu.SharedSecret()})
	if status != 200 {
		t.Fatalf("authenticate: %d %s", status, body)
	}
	var res map[string]string
	_ = json.Unmarshal(body, &res)
	h.tok = res["authToken"]
	return h
}

func (h *harness) call(method, path string, in any, hdr ...string) (int, []byte) {
	var rdr io.Reader
	switch v := in.(type) {
	case nil:
	case string:
		rdr = strings.NewReader(v)
	default:
		b, _ := json.Marshal(v)
		rdr = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, h.srv.URL+path, rdr)
	req.Header.Set("Authorization", h.tok)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func wantErrorInfo(t *testing.T, status, wantStatus int, body []byte, code string) {
	t.Helper()
	var e errorInfo
	if status != wantStatus || json.Unmarshal(body, &e) != nil || e.ErrorCode != code || e.ErrorMessage == "" {
		t.Fatalf("got %d %s, want %d with ErrorInfo %s", status, body, wantStatus, code)
	}
}

func TestAuthenticate(t *testing.T) {
	h := newHarness(t, Options{})
	h.tok = ""
	status, body := h.call("POST", "/api/web/v1/adminapi/authenticate", map[string]string{"applicationId": h.emu.ApplicationID(), "sharedSecret": "wrong"})
	wantErrorInfo(t, status, 401, body, "AUTHENTICATION_FAILED")
	status, body = h.call("GET", "/api/web/v1/groups", nil)
	wantErrorInfo(t, status, 401, body, "ACCESS_DENIED")
}

func TestTokensExpire(t *testing.T) {
	now := time.Now()
	h := newHarness(t, Options{TokenTTL: time.Minute, Now: func() time.Time { return now }})
	if status, _ := h.call("GET", "/api/web/v1/groups", nil); status != 200 {
		t.Fatalf("fresh token refused: %d", status)
	}
	now = now.Add(2 * time.Minute)
	status, body := h.call("GET", "/api/web/v1/groups", nil)
	wantErrorInfo(t, status, 401, body, "ACCESS_DENIED")
}

func TestGroupLifecycleAnswersLikeThePublishedAPI(t *testing.T) {
	h := newHarness(t, Options{})
	status, body := h.call("POST", "/api/web/v1/groups", map[string]string{"name": "Admins", "externalId": "e1"})
	if status != 200 {
		t.Fatalf("create: %d %s", status, body)
	}
	var g map[string]any
	_ = json.Unmarshal(body, &g)
	id := g["id"].(string)
	if g["type"] != "MGMT_UI" || g["externalId"] != "e1" {
		t.Fatalf("group %v", g)
	}
	status, body = h.call("POST", "/api/web/v1/groups", map[string]string{"name": "admins"})
	wantErrorInfo(t, status, 409, body, "GROUP_ALREADY_EXISTS")
	// PUT answers with the group, as published; "" removes externalId.
	status, body = h.call("PUT", "/api/web/v1/groups/"+id, map[string]string{"externalId": ""})
	if status != 200 || strings.Contains(string(body), "externalId") {
		t.Fatalf("put: %d %s", status, body)
	}
	status, body = h.call("POST", "/api/web/v1/groupspaged", map[string]any{"limit": 10, "searchByAttributes": []map[string]string{{"name": "name", "operator": "EQUALS", "value": "ADMINS"}}})
	if status != 200 || !strings.Contains(string(body), id) {
		t.Fatalf("paged: %d %s", status, body)
	}
	if status, body = h.call("DELETE", "/api/web/v1/groups/"+id, nil); status != 200 || len(body) != 0 {
		t.Fatalf("delete: %d %q", status, body)
	}
	status, body = h.call("GET", "/api/web/v1/groups/"+id, nil)
	wantErrorInfo(t, status, 404, body, "GROUP_NOT_FOUND")
}

func TestGroupsPagedFollowsCursors(t *testing.T) {
	h := newHarness(t, Options{})
	for _, n := range []string{"a1", "a2", "a3", "b1"} {
		h.call("POST", "/api/web/v1/groups", map[string]string{"name": n})
	}
	var names []string
	req := map[string]any{"limit": 2, "searchByAttributes": []map[string]string{{"name": "name", "operator": "STARTS_WITH", "value": "a"}}}
	for i := 0; i < 5; i++ {
		_, body := h.call("POST", "/api/web/v1/groupspaged", req)
		var page struct {
			Paging  struct{ NextCursor string }
			Results []struct{ Name string }
		}
		_ = json.Unmarshal(body, &page)
		for _, r := range page.Results {
			names = append(names, r.Name)
		}
		if page.Paging.NextCursor == "" {
			break
		}
		req = map[string]any{"limit": 2, "cursor": page.Paging.NextCursor}
	}
	if strings.Join(names, ",") != "a1,a2,a3" {
		t.Fatalf("pages gave %v", names)
	}
}

func TestUserPutHasNoBodyAndGroupsAreSet(t *testing.T) {
	h := newHarness(t, Options{})
	_, body := h.call("POST", "/api/web/v1/groups", map[string]string{"name": "G"})
	var g struct{ ID string }
	_ = json.Unmarshal(body, &g)
	status, body := h.call("POST", "/api/web/v3/users", map[string]string{"userId": "jane", "email": "jane@example.com"})
	if status != 200 {
		t.Fatalf("create user: %d %s", status, body)
	}
	var u struct{ ID, State string }
	_ = json.Unmarshal(body, &u)
	if u.State != "ACTIVE" {
		t.Fatalf("default state %q", u.State)
	}
	if status, body = h.call("PUT", "/api/web/v3/users/"+u.ID, map[string]string{"firstName": "Jane"}); status != 200 || len(body) != 0 {
		t.Fatalf("put user: %d %q", status, body)
	}
	if status, body = h.call("PUT", "/api/web/v1/userauthorizationgroup/"+u.ID+"/groups", []string{g.ID}); status != 200 || len(body) != 0 {
		t.Fatalf("put groups: %d %q", status, body)
	}
	status, body = h.call("PUT", "/api/web/v1/userauthorizationgroup/"+u.ID+"/groups", []string{"nope"})
	wantErrorInfo(t, status, 400, body, "GROUP_NOT_FOUND")
	_, body = h.call("POST", "/api/web/v3/users/userid", map[string]string{"userId": "JANE"})
	if !strings.Contains(string(body), `"firstName":"Jane"`) || !strings.Contains(string(body), g.ID) {
		t.Fatalf("user by userid: %s", body)
	}
	status, body = h.call("POST", "/api/web/v3/users", map[string]string{"userId": "Jane"})
	wantErrorInfo(t, status, 409, body, "USER_ALREADY_EXISTS")
}

func TestIdempotencyKeyReplaysTheFirstAnswer(t *testing.T) {
	h := newHarness(t, Options{})
	s1, b1 := h.call("POST", "/api/web/v1/groups", map[string]string{"name": "once"}, "Idempotency-Key", "k1")
	s2, b2 := h.call("POST", "/api/web/v1/groups", map[string]string{"name": "once"}, "Idempotency-Key", "k1")
	if s1 != 200 || s2 != 200 || !bytes.Equal(b1, b2) {
		t.Fatalf("replay: %d %s / %d %s", s1, b1, s2, b2)
	}
	_, body := h.call("GET", "/api/web/v1/groups", nil)
	if strings.Count(string(body), `"once"`) != 1 {
		t.Fatalf("duplicate created: %s", body)
	}
}

func TestBadBodies(t *testing.T) {
	h := newHarness(t, Options{})
	status, body := h.call("POST", "/api/web/v1/groups", "{not json")
	wantErrorInfo(t, status, 400, body, "INVALID_REQUEST")
	status, body = h.call("POST", "/api/web/v1/groups", `{"name":"`+strings.Repeat("x", 2<<20)+`"}`)
	wantErrorInfo(t, status, 413, body, "REQUEST_TOO_LARGE")
	status, body = h.call("DELETE", "/api/web/v1/userattributes/"+firstSystemAttribute(h), nil)
	wantErrorInfo(t, status, 400, body, "SYSTEM_DEFINED_ATTRIBUTE")
}

func firstSystemAttribute(h *harness) string {
	_, body := h.call("GET", "/api/web/v1/userattributes", nil)
	var as []userAttribute
	_ = json.Unmarshal(body, &as)
	return as[0].ID
}

func TestStatsAndReset(t *testing.T) {
	h := newHarness(t, Options{})
	h.call("GET", "/api/web/v1/groups", nil)
	h.call("GET", "/api/web/v1/groups/x", nil)
	h.call("GET", "/api/web/v1/groups/y", nil)
	resp, err := http.Get(h.srv.URL + "/_emulator/stats")
	if err != nil {
		t.Fatal(err)
	}
	var s Stats
	_ = json.NewDecoder(resp.Body).Decode(&s)
	resp.Body.Close()
	if s.Total != 4 || s.ByRoute["GET /api/web/v1/groups/{id}"] != 2 || s.ByRoute["POST /api/web/v1/adminapi/authenticate"] != 1 {
		t.Fatalf("stats %+v", s)
	}
	resp, _ = http.Post(h.srv.URL+"/_emulator/reset?data=1", "", nil)
	resp.Body.Close()
	if st := h.emu.Stats(); st.Total != 0 {
		t.Fatalf("after reset %+v", st)
	}
	// Data reset drops tokens too.
	status, _ := h.call("GET", "/api/web/v1/groups", nil)
	if status != 401 {
		t.Fatalf("token survived a data reset: %d", status)
	}
}
