// Package scimmock is an in-memory SCIM 2.0 server (an http.Handler) that
// reproduces how AWS IAM Identity Center's SCIM endpoint behaves, so that
// the SCIM client and the provisioning engine can be tested against it.
//
// With Options.AWSMode set it mimics AWS: the base path is
// /<tenantID>/scim/v2/ and a wrong tenant id answers 401; at most two
// bearer tokens are active; filters allow only eq joined by and, on
// userName, externalId, id and groups.value for users and displayName,
// externalId, id and members (members.value) for groups; listing takes
// count 1..100 and pages with cursors (a request without cursor gets only the
// first page); group reads always answer "members": []; PUT on groups is
// refused; group PATCH takes at most 100 member changes and never replaces
// the member list; errors carry AWS's body (status as a string,
// exceptionRequestId, timeStamp, no scimType) and AWS's detail texts.
// Without AWSMode it behaves like a plain RFC 7644 server: groups may be
// PUT, reads include members, members may be replaced and errors carry
// scimType.
//
// Faults (429 with or without Retry-After, 5xx, latency, connection resets,
// dropping the connection after a write has been committed, 404 on
// resources created moments ago) can be switched on at any time with
// SetFaults and are drawn from a seeded random source. Stats counts the
// requests by route. Tokens are never logged.
package scimmock

import (
	"bufio"
	"bytes"
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Options configures a Server.
type Options struct {
	// TenantID is the first path segment; a random UUID when empty.
	TenantID string
	// AWSMode switches on AWS IAM Identity Center's quirks.
	AWSMode bool
	// Now replaces time.Now.
	Now func() time.Time
}

// Faults describes injected failures. Rates are probabilities in [0,1].
type Faults struct {
	Rate429           float64
	RetryAfter        bool // send Retry-After with injected 429s
	RetryAfterSeconds int  // its value (default 0)
	Rate5xx           float64
	LatencyMs         int
	JitterMs          int
	// RateDropAfterCommit performs a write, then closes the connection
	// without answering.
	RateDropAfterCommit float64
	// RateReset closes the connection before doing anything.
	RateReset float64
	// Fail404AfterCreate answers 404 to the next N requests whose path
	// names a user or group created less than a second ago.
	Fail404AfterCreate int
	// Seed seeds the random source the rates draw from.
	Seed int64
}

// Stats counts requests.
type Stats struct {
	Requests       int
	ByRoute        map[string]int // "POST /Users", "PATCH /Groups/{id}", ...
	Writes         int            // POST, PUT, PATCH, DELETE that reached a handler
	Injected429    int
	FaultsInjected int // every injected fault, 429s included
}

// GroupView is a group as the test sees it, with its real members.
type GroupView struct {
	ID          string
	DisplayName string
	ExternalID  string
	Members     []string
}

// MaxBodyBytes bounds request bodies; larger ones answer 413.
const MaxBodyBytes = 1 << 20

// Server is the mock SCIM endpoint. It is safe for concurrent use.
type Server struct {
	opts Options
	now  func() time.Time

	mu      sync.Mutex
	tokens  map[string]time.Time
	seq     int64
	users   []*resource
	groups  []*resource
	idx     index
	faults  Faults
	rng     *rand.Rand
	fail404 int
	stats   Stats
}

// resource is a stored user or group. For groups attrs holds displayName
// and externalId and members holds the member ids in insertion order.
type resource struct {
	id       string
	seq      int64
	attrs    map[string]any
	members  []string
	created  time.Time
	modified time.Time
}

// New creates a Server.
func New(opts Options) *Server {
	if opts.TenantID == "" {
		opts.TenantID = uuid.NewString()
	}
	s := &Server{opts: opts, now: opts.Now, tokens: map[string]time.Time{}}
	if s.now == nil {
		s.now = time.Now
	}
	s.SetFaults(Faults{})
	s.ResetStats()
	s.idx = index{}
	return s
}

// BasePath is "/<tenantID>/scim/v2/".
func (s *Server) BasePath() string { return "/" + s.opts.TenantID + "/scim/v2/" }

// TenantID returns the tenant id.
func (s *Server) TenantID() string { return s.opts.TenantID }

// ErrTooManyTokens is returned by IssueToken when two tokens are active.
var ErrTooManyTokens = errors.New("scimmock: a directory has at most 2 active access tokens")

// IssueToken creates a bearer token valid until expiresAt. At most two
// unexpired tokens exist at a time.
func (s *Server) IssueToken(expiresAt time.Time) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	active := 0
	for t, exp := range s.tokens {
		if exp.After(now) {
			active++
		} else {
			delete(s.tokens, t)
		}
	}
	if active >= 2 {
		return "", ErrTooManyTokens
	}
	b := make([]byte, 32)
	if _, err := crand.Read(b); err != nil {
		return "", err
	}
	tok := hex.EncodeToString(b)
	s.tokens[tok] = expiresAt
	return tok, nil
}

// RevokeToken deletes a token.
func (s *Server) RevokeToken(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.tokens, tok)
}

// SetFaults replaces the injected faults and reseeds the random source.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = f
	s.fail404 = f.Fail404AfterCreate
	s.rng = rand.New(rand.NewPCG(uint64(f.Seed), 0x5c1a))
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.ByRoute = make(map[string]int, len(s.stats.ByRoute))
	for k, v := range s.stats.ByRoute {
		st.ByRoute[k] = v
	}
	return st
}

// ResetStats zeroes the counters.
func (s *Server) ResetStats() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = Stats{ByRoute: map[string]int{}}
}

// Reset drops all users and groups; tokens and faults are kept.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users, s.groups = nil, nil
	s.idx = index{}
}

// Users returns every user as the API renders it, in creation order.
func (s *Server) Users() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]map[string]any, 0, len(s.users))
	for _, u := range s.users {
		out = append(out, s.renderUser(u))
	}
	return out
}

// UserByExternalID returns the user with that externalId.
func (s *Server) UserByExternalID(ext string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.users {
		if u.attrs["externalId"] == ext {
			return s.renderUser(u), true
		}
	}
	return nil, false
}

// Groups returns every group with its real members, in creation order.
func (s *Server) Groups() []GroupView {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]GroupView, 0, len(s.groups))
	for _, g := range s.groups {
		name, _ := g.attrs["displayName"].(string)
		ext, _ := g.attrs["externalId"].(string)
		out = append(out, GroupView{ID: g.id, DisplayName: name, ExternalID: ext, Members: append([]string(nil), g.members...)})
	}
	return out
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, inTenant := strings.CutPrefix(r.URL.Path, s.BasePath())
	if !inTenant && r.URL.Path+"/" == s.BasePath() {
		rest, inTenant = "", true
	}
	kind, id, _ := strings.Cut(strings.Trim(rest, "/"), "/")
	route := r.Method + " /" + kind
	if id != "" {
		route += "/{id}"
	}
	s.mu.Lock()
	s.stats.Requests++
	s.stats.ByRoute[route]++
	f := s.faults
	reset := s.roll(f.RateReset)
	delay := f.LatencyMs
	if f.JitterMs > 0 {
		delay += s.rng.IntN(f.JitterMs + 1)
	}
	s.mu.Unlock()
	if reset {
		hijackClose(w)
		return
	}
	if delay > 0 {
		time.Sleep(time.Duration(delay) * time.Millisecond)
	}
	if !inTenant {
		s.writeError(w, http.StatusUnauthorized, "")
		return
	}
	if !s.authorized(r) {
		s.writeError(w, http.StatusUnauthorized, "")
		return
	}
	if s.injectFault(w, kind, id) {
		return
	}
	rec := &recorder{header: http.Header{}}
	s.handle(rec, r, kind, id)
	if isWrite(r.Method) {
		s.mu.Lock()
		s.stats.Writes++
		drop := s.roll(s.faults.RateDropAfterCommit)
		s.mu.Unlock()
		if drop {
			hijackClose(w)
			return
		}
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.code)
	_, _ = w.Write(rec.buf.Bytes())
}

// roll draws a fault with probability p; s.mu must be held.
func (s *Server) roll(p float64) bool {
	if p <= 0 || s.rng.Float64() >= p {
		return false
	}
	s.stats.FaultsInjected++
	return true
}

func isWrite(m string) bool {
	return m == http.MethodPost || m == http.MethodPut || m == http.MethodPatch || m == http.MethodDelete
}

func (s *Server) authorized(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.tokens[tok]
	return ok && exp.After(s.now())
}

// injectFault answers with an injected 429, 5xx or eventual-consistency 404
// and reports whether it did.
func (s *Server) injectFault(w http.ResponseWriter, kind, id string) bool {
	s.mu.Lock()
	f := s.faults
	var status int
	switch {
	case s.roll(f.Rate429):
		status = http.StatusTooManyRequests
		s.stats.Injected429++
		if f.RetryAfter {
			w.Header().Set("Retry-After", fmt.Sprint(f.RetryAfterSeconds))
		}
	case s.roll(f.Rate5xx):
		status = http.StatusInternalServerError
	case s.fail404 > 0 && id != "" && s.createdRecently(kind, id):
		s.fail404--
		s.stats.FaultsInjected++
		status = http.StatusNotFound
	}
	s.mu.Unlock()
	if status == 0 {
		return false
	}
	s.writeError(w, status, fmt.Sprintf("Resource %s not found.", id))
	return true
}

func (s *Server) createdRecently(kind, id string) bool {
	r := s.find(kind, id)
	return r != nil && s.now().Sub(r.created) < time.Second
}

// hijackClose closes the client connection without writing a response.
func hijackClose(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// recorder buffers a response so that a write can be committed and then
// dropped.
type recorder struct {
	header http.Header
	code   int
	buf    bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.buf.Write(b)
}
func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}

// readBody reads a bounded JSON body; it answers the error itself.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	ct := strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0])
	if ct != "" && ct != "application/json" && ct != "application/scim+json" {
		s.writeError(w, http.StatusUnsupportedMediaType, "Unsupported content type.")
		return nil, false
	}
	b, err := io.ReadAll(io.LimitReader(bufio.NewReader(r.Body), MaxBodyBytes+1))
	if err != nil {
		s.writeError(w, http.StatusBadRequest, "")
		return nil, false
	}
	if len(b) > MaxBodyBytes {
		s.writeError(w, http.StatusRequestEntityTooLarge, "Request body too large.")
		return nil, false
	}
	return b, true
}
