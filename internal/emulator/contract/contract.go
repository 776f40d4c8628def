// Package contract checks the tenant Administration API's traffic against
// its two OpenAPI documents (package api): the vendor's published 5.46
// subset for the published operations, the project's document for the
// project-defined ones. Every request a client sends and every answer the
// emulator gives under /api/web/ is validated (kin-openapi's openapi3filter);
// a call to an operation neither document has is a violation too. SCIM, the
// emulator's /_emulator/ control surface and the SAML sign-in pages are not
// admin-API traffic and pass unchecked.
//
// It is test tooling of the tenant half: emutest.Serve, the e2e workspaces
// and tools/emulator -contract wrap the emulator's handler with Wrap, so
// that a violation fails the test that caused it. The provider never links
// it.
//
// The documents are checked closed-world: an object schema that lists its
// properties admits no others, in requests and answers alike (neither
// document says additionalProperties), so that a renamed or invented field
// is caught, not ignored.
package contract

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/idaas-terraform/terraform-provider-idaas/api"
)

// AdminPrefix is the path prefix of the admin API traffic checked.
const AdminPrefix = "/api/web/"

// Violation is one exchange that breaks the contract.
type Violation struct {
	// Method and Path are the request's.
	Method, Path string
	// Operation names the operation ("POST /api/web/v1/groups
	// (createGroupUsingPOST, published)"), or is empty when neither
	// document has one for the request.
	Operation string
	// Side is "request" (the client's), "response" (the emulator's) or
	// "operation" (neither document has it).
	Side string
	// Rule says what is wrong.
	Rule string
}

func (v Violation) String() string {
	if v.Operation == "" {
		return fmt.Sprintf("contract violation: %s %s is an operation of neither API document (api/%s, api/%s): %s",
			v.Method, v.Path, api.Published, api.Project, v.Rule)
	}
	return fmt.Sprintf("contract violation: the %s of %s (%s %s): %s", v.Side, v.Operation, v.Method, v.Path, v.Rule)
}

// Checker validates admin API exchanges. It is safe for concurrent use.
type Checker struct {
	published, project routers.Router
}

var load = sync.OnceValues(func() (*Checker, error) {
	pub, err := loadDoc(api.Published)
	if err != nil {
		return nil, err
	}
	proj, err := loadDoc(api.Project)
	if err != nil {
		return nil, err
	}
	c := &Checker{}
	if c.published, err = legacy.NewRouter(pub, openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("%s: %w", api.Published, err)
	}
	if c.project, err = legacy.NewRouter(proj, openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("%s: %w", api.Project, err)
	}
	return c, nil
})

// Load returns the checker of both documents, loaded and compiled once per
// process.
func Load() (*Checker, error) { return load() }

// MustLoad is Load for tests and tools: it panics when a document is
// broken.
func MustLoad() *Checker {
	c, err := Load()
	if err != nil {
		panic("contract: " + err.Error())
	}
	return c
}

// loadDoc loads one document from package api (the project document refers
// to the published one by relative file name), checks it, and makes it
// host-independent and closed-world.
func loadDoc(name string) (*openapi3.T, error) {
	l := openapi3.NewLoader()
	l.IsExternalRefsAllowed = true
	l.ReadFromURIFunc = func(_ *openapi3.Loader, u *url.URL) ([]byte, error) {
		return api.FS.ReadFile(path.Clean(strings.TrimPrefix(u.Path, "/")))
	}
	doc, err := l.LoadFromFile(name)
	if err != nil {
		return nil, fmt.Errorf("loading api/%s: %w", name, err)
	}
	// The vendor's document has examples outside their enums; examples are
	// documentation, not contract.
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("api/%s is not a valid OpenAPI document: %w", name, err)
	}
	doc.Servers = nil // match the path whatever the host (httptest's loopback)
	closeSchemas(doc)
	return doc, nil
}

// closeSchemas makes every object schema that lists properties, and says
// nothing of additional ones, admit no others.
func closeSchemas(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil &&
			len(s.AllOf) == 0 && len(s.AnyOf) == 0 && len(s.OneOf) == 0 {
			no := false
			s.AdditionalProperties.Has = &no
		}
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		for _, l := range [][]*openapi3.SchemaRef{s.AllOf, s.AnyOf, s.OneOf} {
			for _, r := range l {
				walk(r)
			}
		}
		walk(s.Not)
	}
	content := func(c openapi3.Content) {
		for _, mt := range c {
			walk(mt.Schema)
		}
	}
	if doc.Components != nil {
		for _, s := range doc.Components.Schemas {
			walk(s)
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p.Value != nil {
					walk(p.Value.Schema)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				content(op.RequestBody.Value.Content)
			}
			for _, r := range op.Responses.Map() {
				if r.Value != nil {
					content(r.Value.Content)
				}
			}
		}
		for _, p := range item.Parameters {
			if p.Value != nil {
				walk(p.Value.Schema)
			}
		}
	}
}

// route finds the operation of req: the published document first, then
// the project's.
func (c *Checker) route(req *http.Request) (*routers.Route, map[string]string, string) {
	if r, params, err := c.published.FindRoute(req); err == nil {
		return r, params, "published"
	}
	if r, params, err := c.project.FindRoute(req); err == nil {
		return r, params, "project-defined"
	}
	return nil, nil, ""
}

func schemaRule(e *openapi3.SchemaError) string {
	at := "/" + strings.Join(e.JSONPointer(), "/")
	return fmt.Sprintf("at %s: %s (schema rule %q)", at, e.Reason, e.SchemaField)
}

func options() *openapi3filter.Options {
	o := &openapi3filter.Options{
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc, // the emulator itself checks the token
		IncludeResponseStatus: true,
		MultiError:            true,
	}
	o.WithCustomSchemaErrorFunc(schemaRule)
	return o
}

// Check validates one exchange: the request (with its body) and, unless
// status is 0, the answer. Only admin API paths are checked.
func (c *Checker) Check(req *http.Request, reqBody []byte, status int, header http.Header, respBody []byte) []Violation {
	if !strings.HasPrefix(req.URL.Path, AdminPrefix) {
		return nil
	}
	r := req.Clone(req.Context())
	r.Body = io.NopCloser(bytes.NewReader(reqBody))
	r.ContentLength = int64(len(reqBody))
	route, params, doc := c.route(r)
	if route == nil {
		return []Violation{{Method: req.Method, Path: req.URL.Path, Side: "operation", Rule: "no operation has this method and path"}}
	}
	op := fmt.Sprintf("%s %s (%s, %s)", route.Method, route.Path, route.Operation.OperationID, doc)
	var out []Violation
	opts := options()
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		out = append(out, Violation{Method: req.Method, Path: req.URL.Path, Operation: op, Side: "request", Rule: describe(err)})
	}
	// 413, 429 and 5xx answers the operation does not document (a body
	// over the server's limit, the emulator's injected faults: a proxy's
	// or an overloaded tenant's answers) are transport, not contract.
	transport := status == http.StatusRequestEntityTooLarge || status == http.StatusTooManyRequests || status >= 500
	if status == 0 || transport && route.Operation.Responses.Status(status) == nil {
		return out
	}
	rin := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status, Header: header,
		Body: io.NopCloser(bytes.NewReader(respBody)), Options: opts}
	if err := openapi3filter.ValidateResponse(r.Context(), rin); err != nil {
		out = append(out, Violation{Method: req.Method, Path: req.URL.Path, Operation: op, Side: "response",
			Rule: fmt.Sprintf("HTTP %d: %s", status, describe(err))})
	}
	return out
}

// describe is an openapi3filter error without its schema dumps.
func describe(err error) string {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		parts := make([]string, 0, len(me))
		for _, e := range me {
			parts = append(parts, describe(e))
		}
		return strings.Join(parts, "; ")
	}
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		var me openapi3.MultiError
		if errors.As(re.Err, &me) {
			return re.Reason + ": " + describe(me)
		}
	}
	msg := err.Error()
	if len(msg) > 2000 {
		msg = msg[:2000] + "..."
	}
	return msg
}

// Wrap serves h, checking every admin API exchange through it; report gets
// each violation (from the goroutine serving the request). Answers are
// passed on unchanged.
func (c *Checker) Wrap(h http.Handler, report func(Violation)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, AdminPrefix) {
			h.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 2<<20))
		if err != nil {
			http.Error(w, "reading the request: "+err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := &recorder{w: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		if rec.hijacked {
			return // a fault hung up: no answer to check
		}
		for _, v := range c.Check(r, body, rec.status, w.Header(), rec.buf.Bytes()) {
			report(v)
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.buf.Bytes())
	})
}

// recorder holds an answer until it has been checked.
type recorder struct {
	w        http.ResponseWriter
	status   int
	buf      bytes.Buffer
	hijacked bool
}

func (r *recorder) Header() http.Header         { return r.w.Header() }
func (r *recorder) WriteHeader(code int)        { r.status = code }
func (r *recorder) Write(b []byte) (int, error) { return r.buf.Write(b) }

func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := r.w.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("contract: the response writer cannot be hijacked")
	}
	r.hijacked = true
	return hj.Hijack()
}

// T is the part of testing.TB that Serve needs.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Cleanup(func())
}

// Recorder collects violations for a test, which fails with them at its
// end, except those it said it expects.
type Recorder struct {
	mu         sync.Mutex
	violations []Violation
	expected   map[string]int // substring -> times met
}

// Add records v, unless it is expected.
func (r *Recorder) Add(v Violation) {
	r.mu.Lock()
	defer r.mu.Unlock()
	msg := v.String()
	for sub := range r.expected {
		if strings.Contains(msg, sub) {
			r.expected[sub]++
			return
		}
	}
	r.violations = append(r.violations, v)
}

// Expect makes violations whose text contains sub expected: a test that
// sends a request the contract forbids on purpose, to check the tenant's
// answer to it. The test fails if no such violation happens.
func (r *Recorder) Expect(sub string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.expected == nil {
		r.expected = map[string]int{}
	}
	r.expected[sub] += 0
}

// Ignore makes violations whose text contains sub pass, met or not: a
// harness that tests the tenant's answers to requests the contract forbids.
func (r *Recorder) Ignore(sub string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.expected == nil {
		r.expected = map[string]int{}
	}
	r.expected[sub] = 1 // counts as met
}

// unmet returns the expectations no violation met.
func (r *Recorder) unmet() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for sub, n := range r.expected {
		if n == 0 {
			out = append(out, sub)
		}
	}
	return out
}

// Violations returns what was recorded so far.
func (r *Recorder) Violations() []Violation {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Violation(nil), r.violations...)
}

// WrapForTest wraps h for test t: every violation fails t, named, when the
// test ends (after its servers have closed, if they were registered for
// cleanup after this call). It returns the recorder too, for a test that
// wants to look at the violations itself.
func WrapForTest(t T, h http.Handler) (http.Handler, *Recorder) {
	t.Helper()
	rec := &Recorder{}
	t.Cleanup(func() {
		for _, v := range rec.Violations() {
			t.Errorf("%s", v)
		}
		for _, sub := range rec.unmet() {
			t.Errorf("contract: an expected violation (%q) did not happen", sub)
		}
	})
	return MustLoad().Wrap(h, rec.Add), rec
}
