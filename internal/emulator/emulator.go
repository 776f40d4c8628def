// Package emulator serves a stand-in for an Identity as a Service tenant's
// Administration API: the calls of the published Administration API 5.46
// that the provider uses (matched to the letter of the tenant's OpenAPI
// document, which is not kept in this repository) and the project-defined
// ones documented in package client, over an in-memory store.
//
// It is the tenant half of the repository (see DESIGN.md): this package
// (the admin API), scimmock (the AWS-faithful SCIM server) and provisioning
// (the tenant's provisioning engine) stand in for the tenant, for tests,
// benchmarks and the demo. The provider binary never imports them.
//
// It answers like the published API: 200 on success, PUTs with no body where
// the published call has none, and ErrorInfo bodies on 4xx. Every admin call
// but authenticate needs the token that authenticate returned, in the
// Authorization header; tokens expire after Options.TokenTTL.
//
// A control surface under /_emulator/ is for tests and benchmarks:
//
//	GET  /_emulator/stats          request counters by method and route
//	POST /_emulator/reset          zero the counters
//	POST /_emulator/reset?data=1   zero the counters and drop every object
//	POST /_emulator/faults         {"admin":Faults,"scim":scimmock.Faults}: inject faults
//	GET  /_emulator/signin?application=<id>&user=<userId>
//	                               SAML sign-in, IdP-initiated (see signin.go; SP-initiated
//	                               sign-in is at each application's idp_sso_url)
//	GET  /_emulator/               the console: read-only pages of the tenant, with "sign in
//	                               as" links that end at a service provider stand-in (console.go)
//
// Creates honour an Idempotency-Key header: a repeated key replays the first
// answer instead of creating a second object.
//
// New keeps the tenant in memory; Open keeps it in a data directory, every
// answered write on disk first (persist.go). With Options.ProtectControl
// (an emulator reachable beyond loopback) everything under /_emulator/
// needs an admin API token.
//
// The emulator never logs secrets or tokens.
package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

// Options configures an Emulator.
type Options struct {
	ApplicationID string        // default: a random UUID
	SharedSecret  string        // default: random
	TokenTTL      time.Duration // default 30 minutes
	Now           func() time.Time
	// SCIMTenantID is the built-in SCIM server's tenant id, the first
	// segment of its base path (default: a random UUID).
	SCIMTenantID string
	// ProtectControl makes everything under /_emulator/ (faults, reset,
	// stats, sign-in, the console) require an admin API token, as the admin
	// API does: in the Authorization header, or in the cookie ControlCookie.
	// For an emulator reachable beyond loopback.
	ProtectControl bool
	// SCIMHTTPClient, when set, is the HTTP client the tenant reaches
	// provisioners' SCIM endpoints with (e.g. one that trusts the
	// emulator's own certificate when it serves HTTPS).
	SCIMHTTPClient *http.Client
	// SCIMPlain makes the built-in SCIM server a plain RFC 7644 server
	// instead of an AWS IAM Identity Center look-alike.
	SCIMPlain bool
}

// Emulator is an in-memory tenant. Use Handler to serve it.
type Emulator struct {
	opts Options
	mux  *http.ServeMux
	scim *scimmock.Server

	mu         sync.Mutex
	tokens     map[string]time.Time
	idem       map[string]idemEntry
	groups     map[string]*group
	groupOrder []string
	attrs      map[string]*userAttribute
	attrOrder  []string
	users      map[string]*user
	userOrder  []string
	apps       map[string]*application
	appOrder   []string
	rr         resourceRuleState
	certs      map[string]*signingCert
	certOrder  []string
	provs      provisionerStore

	statsMu sync.Mutex
	stats   Stats

	faults faultState

	store *store // the data directory, or nil (see persist.go)
}

type idemEntry struct {
	route  string
	status int
	body   []byte
}

// Stats counts admin API requests; SCIM holds the built-in SCIM server's
// counters.
type Stats struct {
	Total   int             `json:"total"`
	ByRoute map[string]int  `json:"byRoute"`
	SCIM    *scimmock.Stats `json:"scim,omitempty"`
}

// New returns an emulator with the tenant's built-in objects.
func New(opts Options) *Emulator {
	if opts.ApplicationID == "" {
		opts.ApplicationID = uuid.NewString()
	}
	if opts.SharedSecret == "" {
		opts.SharedSecret = randomString(32)
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = 30 * time.Minute
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	e := &Emulator{opts: opts, mux: http.NewServeMux(), scim: scimmock.New(scimmock.Options{TenantID: opts.SCIMTenantID, AWSMode: !opts.SCIMPlain, Now: opts.Now})}
	e.resetData()
	e.stats.ByRoute = map[string]int{}
	e.routes()
	return e
}

// ApplicationID is the admin API application id the emulator accepts.
func (e *Emulator) ApplicationID() string { return e.opts.ApplicationID }

// SharedSecret is the shared secret the emulator accepts.
func (e *Emulator) SharedSecret() string { return e.opts.SharedSecret }

func (e *Emulator) resetData() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.tokens = map[string]time.Time{}
	e.idem = map[string]idemEntry{}
	e.groups = map[string]*group{}
	e.groupOrder = nil
	e.attrs = map[string]*userAttribute{}
	e.attrOrder = nil
	e.users = map[string]*user{}
	e.userOrder = nil
	e.apps = map[string]*application{}
	e.appOrder = nil
	e.certs = map[string]*signingCert{}
	e.certOrder = nil
	e.seedLocked()
}

func (e *Emulator) routes() {
	m := e.mux
	m.HandleFunc("POST /api/web/v1/adminapi/authenticate", e.authenticate)
	e.groupRoutes()
	e.userAttributeRoutes()
	e.userRoutes()
	e.applicationRoutes()
	e.resourceRuleRoutes()
	e.samlRoutes()
	e.signInRoutes()
	e.consoleRoutes()
	e.provisionerRoutes()
	e.listRoutes()
	m.Handle(e.scim.BasePath(), e.scim)
	m.HandleFunc("GET /_emulator/stats", e.handleStats)
	m.HandleFunc("POST /_emulator/reset", e.handleReset)
	m.HandleFunc("POST /_emulator/faults", e.handleFaults)
}

// handle registers an authenticated admin API route.
func (e *Emulator) handle(pattern string, h http.HandlerFunc) {
	e.mux.HandleFunc(pattern, e.requireToken(h))
}

// Handler serves the admin API and the control surface.
func (e *Emulator) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := e.mux.Handler(r)
		admin := !isControlPath(r.URL.Path) && !strings.HasPrefix(r.URL.Path, e.scim.BasePath())
		if admin {
			if pattern == "" {
				pattern = r.Method + " (unmatched)"
			}
			e.statsMu.Lock()
			e.stats.Total++
			e.stats.ByRoute[pattern]++
			e.statsMu.Unlock()
		}
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		if e.opts.ProtectControl && isControlPath(r.URL.Path) && r.URL.Path != "/_emulator/login" && !e.controlAllowed(r) {
			if r.URL.Path == "/_emulator/" { // a person at the console: the login form
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusUnauthorized)
				_ = loginPage.Execute(w, "")
				return
			}
			writeError(w, http.StatusUnauthorized, "ACCESS_DENIED", "Access denied: this emulator's /_emulator/ pages need an admin API token (from authenticate) in the Authorization header or the "+ControlCookie+" cookie.")
			return
		}
		if admin {
			e.persistWrites(w, r, func(w http.ResponseWriter, r *http.Request) { e.injectFaults(w, r, e.mux) })
			return
		}
		e.persistWrites(w, r, e.mux.ServeHTTP)
	})
}

// Stats returns a copy of the request counters.
func (e *Emulator) Stats() Stats {
	e.statsMu.Lock()
	defer e.statsMu.Unlock()
	s := Stats{Total: e.stats.Total, ByRoute: make(map[string]int, len(e.stats.ByRoute))}
	for k, v := range e.stats.ByRoute {
		s.ByRoute[k] = v
	}
	scim := e.scim.Stats()
	s.SCIM = &scim
	return s
}

// ResetStats zeroes the request counters.
func (e *Emulator) ResetStats() {
	e.statsMu.Lock()
	defer e.statsMu.Unlock()
	e.stats = Stats{ByRoute: map[string]int{}}
	e.scim.ResetStats()
}

func (e *Emulator) handleStats(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, e.Stats())
}

func (e *Emulator) handleReset(w http.ResponseWriter, r *http.Request) {
	e.ResetStats()
	if v := r.URL.Query().Get("data"); v != "" && v != "0" && v != "false" {
		e.resetData()
		e.scim.Reset()
	}
	w.WriteHeader(http.StatusOK)
}

// ExpireTokens makes every issued token expired, as if TokenTTL had passed.
func (e *Emulator) ExpireTokens() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for k := range e.tokens {
		e.tokens[k] = time.Time{}
	}
}

type authRequest struct {
	ApplicationID string `json:"applicationId"`
	SharedSecret  string `json:"sharedSecret"`
}

func (e *Emulator) authenticate(w http.ResponseWriter, r *http.Request) {
	var req authRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if req.ApplicationID == "" || req.SharedSecret == "" {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "applicationId and sharedSecret are required.")
		return
	}
	if req.ApplicationID != e.opts.ApplicationID || req.SharedSecret != e.opts.SharedSecret {
		writeError(w, http.StatusUnauthorized, "AUTHENTICATION_FAILED", "Authentication failed: unknown application or wrong shared secret.")
		return
	}
	now := e.opts.Now()
	tok := randomString(48)
	exp := now.Add(e.opts.TokenTTL)
	e.mu.Lock()
	e.tokens[tok] = exp
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{
		"authToken":      tok,
		"creationTime":   now.UTC().Format(time.RFC3339),
		"expirationTime": exp.UTC().Format(time.RFC3339),
	})
}

// ControlCookie is the cookie that carries an admin API token to the
// /_emulator/ pages of an emulator with Options.ProtectControl, for a
// browser (which cannot set the Authorization header on a link).
const ControlCookie = "idaas_emulator_token"

// controlAllowed says whether r carries a valid admin API token.
func (e *Emulator) controlAllowed(r *http.Request) bool {
	tok := r.Header.Get("Authorization")
	if tok == "" {
		if c, err := r.Cookie(ControlCookie); err == nil {
			tok = c.Value
		}
	}
	return e.validToken(tok)
}

func (e *Emulator) validToken(tok string) bool {
	e.mu.Lock()
	exp, ok := e.tokens[tok]
	e.mu.Unlock()
	return tok != "" && ok && e.opts.Now().Before(exp)
}

func (e *Emulator) requireToken(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !e.validToken(r.Header.Get("Authorization")) {
			writeError(w, http.StatusUnauthorized, "ACCESS_DENIED", "Access denied: the authorization token is missing, invalid or expired.")
			return
		}
		h(w, r)
	}
}

// idempotent wraps a create handler so that a repeated Idempotency-Key
// replays the first answer.
func (e *Emulator) idempotent(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			h(w, r)
			return
		}
		route := r.Method + " " + r.URL.Path
		e.mu.Lock()
		prev, seen := e.idem[key]
		e.mu.Unlock()
		if seen {
			if prev.route != route {
				writeError(w, http.StatusConflict, "IDEMPOTENCY_KEY_REUSED", "The Idempotency-Key was already used for another request.")
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(prev.status)
			_, _ = w.Write(prev.body)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		h(rec, r)
		if rec.status < 500 {
			e.mu.Lock()
			e.idem[key] = idemEntry{route: route, status: rec.status, body: rec.buf}
			e.mu.Unlock()
		}
	}
}

type recorder struct {
	http.ResponseWriter
	status int
	buf    []byte
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.buf = append(r.buf, b...)
	return r.ResponseWriter.Write(b)
}

// errorInfo is the published ErrorInfo body. Its parameters are objects
// (the published spec's "items": {"type": "object"}); the emulator sends
// {"name": <the request field at fault>}.
type errorInfo struct {
	ErrorCode    string           `json:"errorCode"`
	ErrorMessage string           `json:"errorMessage"`
	Parameters   []errorParameter `json:"parameters,omitempty"`
}

type errorParameter struct {
	Name string `json:"name"`
}

// writeError answers ErrorInfo; params name the request fields at fault.
func writeError(w http.ResponseWriter, status int, code, msg string, params ...string) {
	ps := make([]errorParameter, 0, len(params))
	for _, p := range params {
		ps = append(ps, errorParameter{Name: p})
	}
	writeJSON(w, status, errorInfo{ErrorCode: code, ErrorMessage: msg, Parameters: ps})
}

// writeCopy answers the object find returns, read and copied under the
// lock, or calls notFound when find returns nil.
func writeCopy[T any](e *Emulator, w http.ResponseWriter, find func() *T, notFound func()) {
	e.mu.Lock()
	var out T
	o := find()
	if o != nil {
		out = *o
	}
	e.mu.Unlock()
	if o == nil {
		notFound()
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decodeBody reads a JSON body into v, answering 400 (or 413) itself when it
// cannot.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "REQUEST_TOO_LARGE", fmt.Sprintf("The request body is larger than %d bytes.", tooBig.Limit))
			return false
		}
		writeError(w, http.StatusBadRequest, "INVALID_REQUEST", "The request body could not be read.")
		return false
	}
	if t := strings.TrimSpace(string(data)); t == "" || t == "null" {
		writeError(w, http.StatusBadRequest, "INVALID_REQUEST", "The request body is required.")
		return false
	}
	if err := json.Unmarshal(data, v); err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_REQUEST", "The request body is not valid JSON for this call: "+err.Error())
		return false
	}
	return true
}

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

func (e *Emulator) now() string { return e.opts.Now().UTC().Format(time.RFC3339) }

// removeID returns order without id.
func removeID(order []string, id string) []string {
	for i, v := range order {
		if v == id {
			return append(order[:i:i], order[i+1:]...)
		}
	}
	return order
}

// ConnectionInfo is the JSON line the emulator command prints first.
type ConnectionInfo struct {
	TenantURL     string `json:"tenant_url"`
	ApplicationID string `json:"application_id"`
	SharedSecret  string `json:"shared_secret"`
	SCIMEndpoint  string `json:"scim_endpoint"`
	SCIMToken     string `json:"scim_token"`
	// TLSCertificatePEM is the self-signed certificate an emulator
	// reachable beyond loopback serves HTTPS with, for clients to trust
	// (e.g. through SSL_CERT_FILE); empty on loopback, which is plain HTTP.
	TLSCertificatePEM string `json:"tls_certificate_pem,omitempty"`
}

// ConnectionInfo describes how to reach this emulator served at baseURL;
// scimToken is a token issued with SCIM().IssueToken.
func (e *Emulator) ConnectionInfo(baseURL, scimToken string) ConnectionInfo {
	return ConnectionInfo{TenantURL: baseURL, ApplicationID: e.opts.ApplicationID, SharedSecret: e.opts.SharedSecret,
		SCIMEndpoint: baseURL + e.scim.BasePath(), SCIMToken: scimToken}
}

// SCIM is the built-in SCIM server (AWS IAM Identity Center look-alike),
// served under its base path by Handler.
func (e *Emulator) SCIM() *scimmock.Server { return e.scim }

// IssuedTokens returns every admin API token issued so far (for tests that
// check that no token leaks into logs).
func (e *Emulator) IssuedTokens() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]string, 0, len(e.tokens))
	for t := range e.tokens {
		out = append(out, t)
	}
	return out
}
