package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeTenant records requests and answers them through handle.
type fakeTenant struct {
	t        *testing.T
	mu       sync.Mutex
	requests []recorded
	auths    atomic.Int32
	token    atomic.Value // current valid token
	handle   func(w http.ResponseWriter, r *http.Request, body []byte)
}

type recorded struct {
	Method, Path, Auth, ContentType, Idem string
	Body                                  string
}

func newFakeTenant(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, body []byte)) (*fakeTenant, *Client) {
	t.Helper()
	f := &fakeTenant{t: t, handle: handle}
	f.token.Store("")
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	c, err := New(Config{TenantURL: srv.URL, ApplicationID: "app-1", SharedSecret: "s3cret",
		MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return f, c
}

func (f *fakeTenant) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), r.Header.Get("Idempotency-Key"), string(body)})
	f.mu.Unlock()
	if r.URL.Path == "/api/web/v1/adminapi/authenticate" {
		var req map[string]string
		_ = json.Unmarshal(body, &req)
		if req["applicationId"] != "app-1" || req["sharedSecret"] != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"errorCode":"AUTHENTICATION_FAILED","errorMessage":"bad"}`))
			return
		}
		n := f.auths.Add(1)
		tok := fmt.Sprintf("token-%d", n)
		f.token.Store(tok)
		_ = json.NewEncoder(w).Encode(map[string]string{"authToken": tok, "expirationTime": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
		return
	}
	if r.Header.Get("Authorization") != f.token.Load().(string) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"errorCode":"ACCESS_DENIED","errorMessage":"expired"}`))
		return
	}
	f.handle(w, r, body)
}

func (f *fakeTenant) calls() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func TestCreateGroupSendsPublishedRequest(t *testing.T) {
	f, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		_, _ = w.Write([]byte(`{"id":"g1","name":"Admins","externalId":"x","type":"MGMT_UI"}`))
	})
	ext := "x"
	g, err := c.CreateGroup(context.Background(), GroupParms{Name: "Admins", ExternalID: &ext})
	if err != nil {
		t.Fatal(err)
	}
	if g.ID != "g1" || g.Type != "MGMT_UI" {
		t.Fatalf("decoded %+v", g)
	}
	calls := f.calls()
	if len(calls) != 2 {
		t.Fatalf("want authenticate + create, got %+v", calls)
	}
	auth, create := calls[0], calls[1]
	if auth.Method != "POST" || auth.Body != `{"applicationId":"app-1","sharedSecret":"s3cret"}` || auth.Auth != "" {
		t.Errorf("authenticate request %+v", auth)
	}
	if create.Method != "POST" || create.Path != "/api/web/v1/groups" || create.Auth != "token-1" ||
		create.ContentType != "application/json" || create.Body != `{"name":"Admins","externalId":"x"}` || create.Idem == "" {
		t.Errorf("create request %+v", create)
	}
}

func TestTokenIsCachedAndRenewedOnceOn401(t *testing.T) {
	f, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		_, _ = w.Write([]byte(`{"id":"g1","name":"n"}`))
	})
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		if _, err := c.GetGroup(ctx, "g1"); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.auths.Load(); n != 1 {
		t.Fatalf("5 calls authenticated %d times, want 1", n)
	}
	f.token.Store("revoked-by-server")
	if _, err := c.GetGroup(ctx, "g1"); err != nil {
		t.Fatalf("after the server revoked the token: %v", err)
	}
	if n := f.auths.Load(); n != 2 {
		t.Fatalf("authenticated %d times, want 2 (one renewal)", n)
	}
	if c.AuthCount() != 2 {
		t.Fatalf("AuthCount %d", c.AuthCount())
	}
}

func TestTokenRenewedBeforeExpiry(t *testing.T) {
	var auths atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/authenticate") {
			auths.Add(1)
			// A token that expires in 30s: inside the renewal margin.
			_ = json.NewEncoder(w).Encode(map[string]string{"authToken": "t", "expirationTime": time.Now().Add(30 * time.Second).UTC().Format(time.RFC3339)})
			return
		}
		_, _ = w.Write([]byte(`[]`))
	}))
	defer srv.Close()
	c, _ := New(Config{TenantURL: srv.URL, ApplicationID: "a", SharedSecret: "s"})
	for i := 0; i < 3; i++ {
		if _, err := c.ListGroups(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if auths.Load() != 3 {
		t.Fatalf("a token about to expire must be renewed before each use; authenticated %d times", auths.Load())
	}
}

func TestWrongSecretIsReportedAsSuch(t *testing.T) {
	_, c := newFakeTenant(t, nil)
	c.cfg.SharedSecret = "wrong"
	_, err := c.GetGroup(context.Background(), "g1")
	if err == nil || !strings.Contains(err.Error(), "refused the application id or shared secret") || !Unauthorized(err) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Fatalf("the error leaks the secret: %v", err)
	}
}

func TestRetryOn429HonoursRetryAfter(t *testing.T) {
	var n atomic.Int32
	f, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		if n.Add(1) <= 2 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte(`{"id":"g1","name":"n"}`))
	})
	start := time.Now()
	if _, err := c.GetGroup(context.Background(), "g1"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 2*time.Second {
		t.Fatalf("two 429s with Retry-After: 1 were retried after %v; Retry-After was not honoured", d)
	}
	if got := len(f.calls()); got != 4 {
		t.Fatalf("requests %d, want authenticate + 3 attempts", got)
	}
}

func TestRetryKeepsIdempotencyKey(t *testing.T) {
	var n atomic.Int32
	f, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		_, _ = w.Write([]byte(`{"id":"g1","name":"n"}`))
	})
	if _, err := c.CreateGroup(context.Background(), GroupParms{Name: "n"}); err != nil {
		t.Fatal(err)
	}
	calls := f.calls()[1:]
	if len(calls) != 2 || calls[0].Idem == "" || calls[0].Idem != calls[1].Idem {
		t.Fatalf("retried create must reuse its Idempotency-Key: %+v", calls)
	}
}

func TestGivesUpAfterMaxRetries(t *testing.T) {
	f, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"errorCode":"UNAVAILABLE","errorMessage":"down"}`))
	})
	_, err := c.GetGroup(context.Background(), "g1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || apiErr.ErrorCode != "UNAVAILABLE" {
		t.Fatalf("err = %v", err)
	}
	if got := len(f.calls()) - 1; got != 4 {
		t.Fatalf("attempts %d, want 1 + 3 retries", got)
	}
}

func TestNoRetryOn4xx(t *testing.T) {
	f, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		w.WriteHeader(http.StatusConflict)
		_, _ = w.Write([]byte(`{"errorCode":"GROUP_ALREADY_EXISTS","errorMessage":"A group named \"n\" already exists.","parameters":[{"name":"name"}]}`))
	})
	_, err := c.CreateGroup(context.Background(), GroupParms{Name: "n"})
	if !Conflict(err) || NotFound(err) {
		t.Fatalf("err = %v", err)
	}
	want := `POST /api/web/v1/groups: HTTP 409 GROUP_ALREADY_EXISTS: A group named "n" already exists. (parameters [{"name":"name"}])`
	if err.Error() != want {
		t.Fatalf("error text\n got %s\nwant %s", err, want)
	}
	creates := 0
	for _, r := range f.calls() {
		if r.Path == "/api/web/v1/groups" {
			creates++
		}
	}
	if creates != 1 {
		t.Fatalf("a 409 was retried: %d attempts", creates)
	}
}

func TestErrorMapping(t *testing.T) {
	for _, tc := range []struct {
		status   int
		body     string
		notFound bool
		msg      string
	}{
		{404, `{"errorCode":"GROUP_NOT_FOUND","errorMessage":"Group g not found."}`, true, "HTTP 404 GROUP_NOT_FOUND: Group g not found."},
		{400, `not json`, false, "HTTP 400: not json"},
		{403, ``, false, "HTTP 403: Forbidden"},
	} {
		c := &Client{base: mustURL(t, "https://t.example")}
		err := c.errorAnswer("GET", "/x", tc.status, []byte(tc.body))
		if NotFound(err) != tc.notFound || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%d %q: %v", tc.status, tc.body, err)
		}
	}
}

func TestPutUserGroupsSendsArrayAndAcceptsNoBody(t *testing.T) {
	f, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) { w.WriteHeader(http.StatusOK) })
	if err := c.SetUserGroups(context.Background(), "u1", nil); err != nil {
		t.Fatal(err)
	}
	last := f.calls()[1]
	if last.Method != "PUT" || last.Path != "/api/web/v1/userauthorizationgroup/u1/groups" || last.Body != `[]` {
		t.Fatalf("request %+v", last)
	}
}

func TestParseTenantURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://t.us.trustedauth.com": true, "http://127.0.0.1:8080": true, "http://localhost:1": true, "http://[::1]:2": true,
		"http://t.us.trustedauth.com": false, "ftp://x": false, "": false, "https://": false, "https://x?a=b": false,
	} {
		if _, err := ParseTenantURL(raw); (err == nil) != ok {
			t.Errorf("%q: err=%v, want ok=%v", raw, err, ok)
		}
	}
}

type captureLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *captureLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	b, _ := json.Marshal(fields)
	l.mu.Lock()
	l.lines = append(l.lines, msg+" "+string(b))
	l.mu.Unlock()
}

func TestLogsCarryNoSecrets(t *testing.T) {
	_, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) { _, _ = w.Write([]byte(`{}`)) })
	log := &captureLogger{}
	c.logger = log
	if _, err := c.GetGroup(context.Background(), "g1"); err != nil {
		t.Fatal(err)
	}
	if len(log.lines) != 2 {
		t.Fatalf("want a line per exchange, got %v", log.lines)
	}
	for _, l := range log.lines {
		if strings.Contains(l, "s3cret") || strings.Contains(l, "token-1") {
			t.Fatalf("log line leaks a secret: %s", l)
		}
	}
}

// A tenant that ignores Idempotency-Key: the first create is committed but
// its answer is lost (502), the retry gets 409. The client adopts the group
// it made instead of failing or making a second one. A 409 to a create sent
// once is an error as usual.
func TestRetriedCreateAnswered409AdoptsByNaturalKey(t *testing.T) {
	var creates atomic.Int32
	_, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		switch r.URL.Path {
		case "/api/web/v1/groups":
			if creates.Add(1) == 1 {
				w.WriteHeader(http.StatusBadGateway) // committed, answer lost
				return
			}
			w.WriteHeader(http.StatusConflict)
			_, _ = w.Write([]byte(`{"errorCode":"GROUP_ALREADY_EXISTS","errorMessage":"exists"}`))
		case "/api/web/v1/groupspaged":
			_, _ = w.Write([]byte(`{"paging":{"limit":100},"results":[{"id":"g1","name":"Admins","type":"MGMT_UI"}]}`))
		}
	})
	g, err := c.CreateGroup(context.Background(), GroupParms{Name: "Admins"})
	if err != nil || g.ID != "g1" {
		t.Fatalf("got %+v, %v; want the adopted group g1", g, err)
	}

	creates.Store(1) // the next create is answered 409 at once
	_, err = c.CreateGroup(context.Background(), GroupParms{Name: "Admins"})
	if !Conflict(err) {
		t.Fatalf("a 409 to a create sent once must be returned, got %v", err)
	}
	// ... naming the group that exists, not adopting it.
	if e := AsExists(err); e == nil || e.ID != "g1" || e.Kind != "group" || e.Key != `name "Admins"` {
		t.Fatalf("want an ExistsError naming group g1, got %#v", err)
	}
}

// A retried create answered 409 does not adopt an object that differs from
// what it asked for (someone else's): it names it.
func TestRetriedCreateDoesNotAdoptADifferentObject(t *testing.T) {
	var creates atomic.Int32
	_, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		switch r.URL.Path {
		case "/api/web/v1/groups":
			if creates.Add(1) == 1 {
				w.WriteHeader(http.StatusBadGateway)
				return
			}
			w.WriteHeader(http.StatusConflict)
			_, _ = w.Write([]byte(`{"errorCode":"GROUP_ALREADY_EXISTS","errorMessage":"exists"}`))
		case "/api/web/v1/groupspaged":
			_, _ = w.Write([]byte(`{"paging":{"limit":100},"results":[{"id":"g9","name":"admins","externalId":"theirs","type":"MGMT_UI"}]}`))
		}
	})
	_, err := c.CreateGroup(context.Background(), GroupParms{Name: "Admins"})
	if e := AsExists(err); e == nil || e.ID != "g9" || e.Key != `name "admins"` {
		t.Fatalf("want an ExistsError naming group g9, got %#v", err)
	}
}

// Only tests call these (the provider pages through groups with GroupPages).

// ListGroups: GET /api/web/v1/groups.
func (c *Client) ListGroups(ctx context.Context) ([]Group, error) {
	var gs []Group
	return gs, c.do(ctx, http.MethodGet, "/api/web/v1/groups", nil, &gs)
}

// AuthCount reports how many authenticate calls this client made.
func (c *Client) AuthCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.authCount
}

// A look-up by name that matches several objects names them; one that
// matches none says so.
func TestFindSAMLApplicationByNameSeveral(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/web/v1/adminapi/authenticate":
			_, _ = w.Write([]byte(`{"authToken":"t","expirationTime":"2099-01-01T00:00:00Z"}`))
		case "/api/web/v1/applicationinfo":
			_, _ = w.Write([]byte(`[{"id":"a1","name":"Dup","authenticationMethod":"SAML20"},{"id":"a2","name":"Dup","authenticationMethod":"SAML20"},{"id":"o1","name":"Dup","authenticationMethod":"OIDC"}]`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c, _ := New(Config{TenantURL: srv.URL, ApplicationID: "a", SharedSecret: "s"})
	_, err := c.FindSAMLApplicationByName(context.Background(), "Dup")
	var several *SeveralMatchError
	if !errors.As(err, &several) || !reflect.DeepEqual(several.IDs, []string{"a1", "a2"}) || !strings.Contains(err.Error(), "[a1 a2]") {
		t.Fatalf("several: %v", err)
	}
	if _, err := c.FindSAMLApplicationByName(context.Background(), "None"); !NotFound(err) {
		t.Fatalf("none: %v", err)
	}
}
