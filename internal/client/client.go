// Package client talks to an Identity as a Service tenant's Administration
// API. It knows nothing of Terraform.
//
// # Authentication
//
// The client authenticates exactly as the published API does: it POSTs
// {"applicationId","sharedSecret"} to /api/web/v1/adminapi/authenticate and
// sends the returned authToken, unchanged, in the Authorization header of
// every later request. The token is fetched by Authenticate (the provider
// calls it when it is configured) or else on the first request, cached for
// the life of the Client, renewed shortly before its
// expirationTime, and renewed once when a request is answered 401.
//
// # Retries
//
// Requests go through package httpx, the HTTP model this client shares with
// the SCIM client: connection errors, 429 and 5xx (but 501) are retried with
// exponential backoff and jitter, honouring Retry-After. Every create is sent with an Idempotency-Key header that stays
// the same across retries, so a create whose answer was lost is not done
// twice by a server that honours the key (the project's emulator does). For
// a tenant that does not, creates of objects with a unique natural key
// (groups by name, user attributes by name, users by userId, SAML
// applications by name) that had to be retried and are answered 409 adopt
// the object they made, when it is exactly what they asked for, instead of
// failing (createOrAdopt).
//
// Every attempt also passes the client's pacer (httpx.Pacer; Config.
// MaxRequestsPerSecond, else adapting to the tenant's 429s and its
// Retry-After and RateLimit-* headers).
//
// # Shared reads
//
// Read<X> (shared.go) answers what Get<X> does, but may serve Reads from
// the tenant's lists fetched once per Client when that costs fewer
// requests (Config.SharedReads; DESIGN.md, "Shared reads").
//
// # Conflicts
//
// A create answered 409 because the object already exists (a group's name
// or externalId, a user's userId or externalId, a user attribute's, SAML
// application's or provisioner's name, a resource rule's name within its
// application) returns an *ExistsError naming the existing object's id (see
// conflicts.go), so that the caller can say how to adopt it. Nothing is
// adopted silently: only a create that had to be retried adopts, and only
// an object exactly like the one it asked for.
//
// # Errors
//
// Non-2xx answers carrying the API's ErrorInfo body become *APIError; a 404
// with that body comes wrapped in a *NotFoundError, which name look-ups that
// match nothing return too. A 404 without it (a web server's page, JSON
// that is not ErrorInfo), a 405 and a 501 are an *EndpointNotServedError:
// the tenant does not serve the route, which says nothing about the object
// (endpoints.go names the Terraform types each route family serves). Use
// NotFound (or errors.As), EndpointNotServed, Conflict and Unauthorized to
// classify them.
//
// # Project-defined endpoints
//
// The published API (v5.46, api/idaas-admin-api-5.46-subset.json) has no
// endpoints for creating, reading, updating or deleting users by UUID, nor
// for SAML applications, signing certificates and provisioners. The project
// defines these in the published API's style (same authentication,
// ErrorInfo errors, 200 on success, PUT without a body where the matching
// published call has none). Their one written definition, with parameters,
// bodies and error answers, is the OpenAPI document
// api/idaas-project-api.yaml; every test checks the client's requests and
// the emulator's answers against both documents (internal/emulator/contract).
// The table below is its index (a test keeps the two in step: change the
// document first). Each file of this package documents the endpoints it
// uses:
//
//	POST   /api/web/v3/users                 create a user (UserParms) -> User
//	GET    /api/web/v3/users/{id}            read a user by UUID -> User (with groups)
//	PUT    /api/web/v3/users/{id}            modify a user (UserParms), no body
//	DELETE /api/web/v3/users/{id}            delete a user
//	POST   /api/web/v1/userspaged            list a page of users (SearchParms) -> UsersPage
//
// Paged searches (lists.go) are the published groupspaged's: a SearchParms
// body ({cursor, limit 1..100, searchByAttributes joined with AND,
// attributes}) answered with {paging: {limit, nextCursor}, results}; a
// request with a cursor sends nothing else. The project-defined searches
// (userspaged, operationspaged) also answer paging.total: how many objects
// the whole search finds (integer), which shared reads use (shared.go). userspaged searches userId,
// firstName, lastName, email, externalId and state with groupspaged's
// string operators (EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS,
// STARTS_WITH, ENDS_WITH, case-insensitive), orders by userId, and includes
// a user's groups and userAttributeValues only when attributes names them
// ("groups", "userAttributeValues"), so that a page costs no more than it
// must. userspaged also takes the search attribute groupId (operator EQUALS
// only, value a group's UUID): the members of that group, which is how a
// group's members are read a page at a time (members.go); a groupId naming no
// group is answered 404 GROUP_NOT_FOUND, any other operator 400
// INVALID_PARAMETER.
//
// SAML (saml.go; the application list and templates, applications.go, are
// published):
//
//	POST   /api/web/v1/signingcertificates                 generate (keyAlgorithm, subjectCommonName,
//	                                                       validityDays) or upload (certificatePem,
//	                                                       privateKeyPem) a signing certificate
//	                                                       -> SigningCertificate; the key is never returned
//	GET    /api/web/v1/signingcertificates                 list -> []SigningCertificate
//	GET    /api/web/v1/signingcertificates/{id}            read -> SigningCertificate
//	DELETE /api/web/v1/signingcertificates/{id}            delete; 409 CERTIFICATE_IN_USE while a SAML
//	                                                       application signs with it
//	GET    /api/web/v1/applications/saml                   list -> []SAMLApplication
//	POST   /api/web/v1/applications/saml                   create (SAMLApplicationParms) -> SAMLApplication
//	GET    /api/web/v1/applications/saml/{id}              read -> SAMLApplication
//	PUT    /api/web/v1/applications/saml/{id}              modify (SAMLApplicationParms), no body
//	DELETE /api/web/v1/applications/saml/{id}              delete
//	GET    /api/web/v1/applications/saml/{id}/idpmetadata  ?certificateId=&domain=&lifetimeDays= (2..730,
//	                                                       default 365) -> IdPMetadata: JSON {xml, entityId,
//	                                                       ssoUrl, certificateId, certificatePem, validUntil}
//	                                                       with xml the signed IdP metadata document
//
// SAML applications also appear in GET /api/web/v1/applicationinfo. Their IdP
// entity id is {tenant}/api/saml/v2/applications/{id}, the SSO URL that plus
// /sso, and {tenant}/api/saml/v2/applications/{id}/metadata serves the signed
// IdP metadata (with the application's certificate, lifetime 365 days)
// without authentication, as a browser or service provider would fetch it.
//
// Provisioners (provisioners.go; the bearer token is write-only, the SCIM
// endpoint and type cannot change after creation: 400):
//
//	GET    /api/web/v1/provisioners                        list -> []Provisioner
//	POST   /api/web/v1/provisioners                        create (ProvisionerParms) -> Provisioner (aws: with default mappings)
//	GET    /api/web/v1/provisioners/{id}                   read -> Provisioner
//	PUT    /api/web/v1/provisioners/{id}                   modify (ProvisionerParms), no body
//	DELETE /api/web/v1/provisioners/{id}                   delete
//	POST   /api/web/v1/provisioners/{id}/test              send test SCIM -> ProvisionerTestResult
//	POST   /api/web/v1/provisioners/{id}/sync              synchronize -> ProvisioningOperation (RUNNING)
//	GET    /api/web/v1/provisioners/{id}/operations/{opId} -> ProvisioningOperation
//	POST   /api/web/v1/provisioners/{id}/operationspaged   list a page of synchronizations, newest first
//	                                                       (SearchParms; search by status) -> {paging, results}
//	GET    /api/web/v1/provisioners/{id}/mappings          -> []AttributeMapping
//	POST   /api/web/v1/provisioners/{id}/mappings          create (AttributeMapping) -> AttributeMapping; 409 if mapped
//	GET    /api/web/v1/provisioners/{id}/mappings/{attr}   read one (attr: the SCIM attribute path, path-escaped)
//	PUT    /api/web/v1/provisioners/{id}/mappings/{attr}   modify (AttributeMapping), no body
//	DELETE /api/web/v1/provisioners/{id}/mappings/{attr}   delete
//
// "Send test SCIM" answers 200 whatever the outcome, with success and, on
// failure, an errorCode saying why in the console's words: SCIM_TOKEN_REFUSED,
// SCIM_TLS_ERROR, SCIM_ENDPOINT_UNREACHABLE, SCIM_ENDPOINT_NOT_FOUND or
// SCIM_ERROR. A synchronization runs in the background; its operation counts
// change while it runs (usersDone of usersTotal, groupsDone of groupsTotal,
// and the created, updated, deactivated and pushed counts so far) so that a
// client polling it can show progress. A sync of a provisioner that is
// already synchronizing answers the running operation.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/httpx"
)

// Logger receives one line per HTTP exchange. Fields never carry the shared
// secret or the auth token.
type Logger = httpx.Logger

// Config configures a Client.
type Config struct {
	// TenantURL is the tenant's base URL, e.g. https://example.us.trustedauth.com.
	TenantURL     string
	ApplicationID string
	SharedSecret  string
	// MaxRetries is how many times a failed request is retried: 0 means the
	// default (10), a negative value none (package httpx).
	MaxRetries int
	// RequestTimeout bounds one HTTP attempt (default 30s).
	RequestTimeout time.Duration
	// RetryWaitMin and RetryWaitMax bound the backoff (defaults 250ms, 30s).
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	UserAgent    string
	Logger       Logger
	// Transport overrides the HTTP transport (tests).
	Transport http.RoundTripper
	// MaxRequestsPerSecond caps the client's request rate; 0 lets it adapt
	// to the tenant's 429s and rate-limit headers (httpx.Pacer).
	MaxRequestsPerSecond float64
	// SharedReads says when Read<X> may be served from a paged listing:
	// SharedReadsAuto (the default), SharedReadsAlways or SharedReadsNever
	// (see shared.go).
	SharedReads SharedReadsMode
}

// Client is a tenant Administration API client. It is safe for concurrent use.
type Client struct {
	base   *url.URL
	cfg    Config
	http   *retryablehttp.Client
	logger Logger
	pacer  *httpx.Pacer
	shared *sharedReads

	mu        sync.Mutex
	token     string
	expiresAt time.Time
	authCount int

	userLocks userLocks // members.go
}

// New validates cfg and returns a Client. It does not contact the tenant.
func New(cfg Config) (*Client, error) {
	u, err := ParseTenantURL(cfg.TenantURL)
	if err != nil {
		return nil, err
	}
	if cfg.ApplicationID == "" {
		return nil, errors.New("application id is empty")
	}
	if cfg.SharedSecret == "" {
		return nil, errors.New("shared secret is empty")
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-idaas"
	}
	pacer := httpx.NewPacer(cfg.MaxRequestsPerSecond)
	rc := httpx.New(httpx.Options{MaxRetries: cfg.MaxRetries, Timeout: cfg.RequestTimeout,
		RetryWaitMin: cfg.RetryWaitMin, RetryWaitMax: cfg.RetryWaitMax, Transport: cfg.Transport, Logger: cfg.Logger, Pacer: pacer})
	return &Client{base: u, cfg: cfg, http: rc, logger: cfg.Logger, pacer: pacer, shared: newSharedReads(cfg.SharedReads)}, nil
}

// Pacer is the pacer every request of this client goes through.
func (c *Client) Pacer() *httpx.Pacer { return c.pacer }

// ParseTenantURL checks a tenant URL: absolute, https, or http only to a
// loopback host.
func ParseTenantURL(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("tenant URL is empty")
	}
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		return nil, fmt.Errorf("tenant URL %q is not a URL: %w", raw, err)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("tenant URL %q has no host; write it as https://<tenant>.<region>.trustedauth.com", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !httpx.IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("tenant URL %q uses http:// to a host that is not loopback; use https://", raw)
		}
	default:
		return nil, fmt.Errorf("tenant URL %q must start with https://", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("tenant URL %q must not have a query or fragment", raw)
	}
	return u, nil
}

// Secrets returns the values a logger must mask: the shared secret and the
// current token.
func (c *Client) Secrets() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := []string{c.cfg.SharedSecret}
	if c.token != "" {
		s = append(s, c.token)
	}
	return s
}

// retriedKey marks a context whose requests record, in a *bool, whether any
// of them had to be sent more than once.
type retriedKey struct{}

// putThenGet is the update of an object whose PUT answers without a body:
// the PUT, then get to return the object as it now is, so that every
// Update of this package returns the object.
func putThenGet[T any](ctx context.Context, c *Client, path string, in any, get func(context.Context) (*T, error)) (*T, error) {
	if err := c.do(ctx, http.MethodPut, path, in, nil); err != nil {
		return nil, err
	}
	return get(ctx)
}

type authRequest struct {
	ApplicationID string `json:"applicationId"`
	SharedSecret  string `json:"sharedSecret"`
}

// AuthResult is the published AdminApiAuthenticationResult.
type AuthResult struct {
	AuthToken      string `json:"authToken"`
	CreationTime   string `json:"creationTime,omitempty"`
	ExpirationTime string `json:"expirationTime,omitempty"`
}

// Authenticate authenticates now, unless the client holds a valid token,
// so that refused credentials show at once; later requests reuse the
// token. Use CredentialsRefused to tell refused credentials from an
// unreachable tenant.
func (c *Client) Authenticate(ctx context.Context) error {
	_, err := c.authToken(ctx, "")
	return err
}

// CredentialsRefused reports whether err is the tenant refusing the
// application id or shared secret (401 or 403 to authenticate).
func CredentialsRefused(err error) bool {
	return Unauthorized(err) || statusIs(err, http.StatusForbidden)
}

// renewSkew is how long before expirationTime the token is renewed.
const renewSkew = 60 * time.Second

// authToken returns a valid token, authenticating when there is none, it is
// about to expire, or stale is the token a 401 was just answered to.
func (c *Client) authToken(ctx context.Context, stale string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != "" && c.token != stale && (c.expiresAt.IsZero() || time.Now().Add(renewSkew).Before(c.expiresAt)) {
		return c.token, nil
	}
	body, _ := json.Marshal(authRequest{ApplicationID: c.cfg.ApplicationID, SharedSecret: c.cfg.SharedSecret})
	var res AuthResult
	c.authCount++
	// The authenticate call's own retries say nothing about the create
	// that may follow it.
	authCtx := context.WithValue(ctx, retriedKey{}, (*bool)(nil))
	if err := c.exchange(authCtx, http.MethodPost, "/api/web/v1/adminapi/authenticate", "", "", body, &res); err != nil {
		if CredentialsRefused(err) {
			return "", fmt.Errorf("authenticating application %q: the tenant refused the application id or shared secret: %w", c.cfg.ApplicationID, err)
		}
		return "", fmt.Errorf("authenticating application %q: %w", c.cfg.ApplicationID, err)
	}
	if res.AuthToken == "" {
		return "", errors.New("authenticating: the tenant answered without an authToken")
	}
	c.token = res.AuthToken
	c.expiresAt = time.Time{}
	if t, err := time.Parse(time.RFC3339, res.ExpirationTime); err == nil {
		c.expiresAt = t
	}
	return c.token, nil
}

// do sends an authenticated request. in is JSON-encoded when not nil; out is
// decoded from a non-empty 2xx body when not nil.
func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	idem := ""
	if method == http.MethodPost && isCreatePath(path) {
		idem = uuid.NewString()
	}
	tok, err := c.authToken(ctx, "")
	if err != nil {
		return err
	}
	if isWrite(method, path) {
		// Listings begun before this write, or while it runs, serve
		// nothing (shared.go).
		c.shared.wrote()
		defer c.shared.wrote()
	}
	err = c.exchange(ctx, method, path, tok, idem, body, out)
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized {
		// The token may have been revoked or expired early: renew once.
		if tok, err = c.authToken(ctx, tok); err != nil {
			return err
		}
		err = c.exchange(ctx, method, path, tok, idem, body, out)
	}
	return err
}

// isCreatePath reports whether a POST to path creates an object (as opposed
// to the published API's POST look-ups and searches).
func isCreatePath(path string) bool {
	switch {
	case strings.HasSuffix(path, "/externalid"), strings.HasSuffix(path, "/userid"),
		strings.HasSuffix(path, "paged"), strings.HasSuffix(path, "/authenticate"):
		return false
	}
	return true
}

func (c *Client) exchange(ctx context.Context, method, path, token, idem string, body []byte, out any) error {
	p, query, _ := strings.Cut(path, "?")
	u := c.base.JoinPath(p)
	u.RawQuery = query
	var rdr io.Reader
	if body != nil {
		rdr = bytes.NewReader(body)
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), rdr)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	if idem != "" {
		req.Header.Set("Idempotency-Key", idem)
	}
	attempts := 0
	req = req.WithContext(httpx.CountAttempts(ctx, &attempts))
	defer func() {
		if rec, ok := ctx.Value(retriedKey{}).(*bool); ok && rec != nil && attempts > 1 {
			*rec = true
		}
	}()
	start := time.Now()
	resp, err := c.http.Do(req)
	fields := map[string]any{"method": method, "path": path, "attempts": attempts, "duration_ms": time.Since(start).Milliseconds()}
	if err != nil {
		fields["error"] = err.Error()
		c.log(ctx, "idaas API request failed", fields)
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	fields["status"] = resp.StatusCode
	c.log(ctx, "idaas API request", fields)
	if err != nil {
		return fmt.Errorf("%s %s: reading answer: %w", method, path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.errorAnswer(method, path, resp.StatusCode, data)
	}
	if out != nil && len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: decoding answer: %w", method, path, err)
		}
	}
	return nil
}

// errorAnswer interprets a non-2xx answer. A 404 is "not found" only when
// the API says so with its ErrorInfo body; any other 404, and any 405 or
// 501, is the tenant (or whatever answers at tenant_url) not serving the
// route: an *EndpointNotServedError.
func (c *Client) errorAnswer(method, path string, status int, data []byte) error {
	switch {
	case status == http.StatusNotFound && isErrorInfo(data):
		return &NotFoundError{Err: decodeError(method, path, status, data)}
	case status == http.StatusNotFound, status == http.StatusMethodNotAllowed, status == http.StatusNotImplemented:
		e := &EndpointNotServedError{Method: method, Path: path, TenantURL: c.base.String(), StatusCode: status, Received: shorten(data, status)}
		e.Types, e.ProjectDefined, _ = EndpointTypes(path)
		return e
	}
	return decodeError(method, path, status, data)
}

func (c *Client) log(ctx context.Context, msg string, fields map[string]any) {
	if c.logger != nil {
		c.logger.Debug(ctx, msg, fields)
	}
}
