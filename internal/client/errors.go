package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ErrorInfo is the published API's error body.
type ErrorInfo struct {
	ErrorCode    string `json:"errorCode,omitempty"`
	ErrorMessage string `json:"errorMessage,omitempty"`
	// Parameters are objects of additional error information (the
	// published spec's array of objects).
	Parameters []map[string]any `json:"parameters,omitempty"`
}

// APIError is a non-2xx answer from the tenant.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	ErrorInfo
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d", e.Method, e.Path, e.StatusCode)
	if e.ErrorCode != "" {
		fmt.Fprintf(&b, " %s", e.ErrorCode)
	}
	if e.ErrorMessage != "" {
		fmt.Fprintf(&b, ": %s", e.ErrorMessage)
	}
	if len(e.Parameters) > 0 {
		p, _ := json.Marshal(e.Parameters)
		fmt.Fprintf(&b, " (parameters %s)", p)
	}
	return b.String()
}

// decodeError turns an error answer into *APIError. A body that is not an
// ErrorInfo is kept, shortened, as the message.
func decodeError(method, path string, status int, body []byte) error {
	e := &APIError{Method: method, Path: path, StatusCode: status}
	if err := json.Unmarshal(body, &e.ErrorInfo); err != nil || (e.ErrorCode == "" && e.ErrorMessage == "") {
		e.ErrorInfo = ErrorInfo{}
		e.ErrorMessage = shorten(body, status)
	}
	return e
}

func statusIs(err error, code int) bool {
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == code
}

// NotFoundError says that what was asked for does not exist: the tenant
// answered 404 with the API's ErrorInfo body (Err is its *APIError), or a
// look-up by a key the API cannot address directly (a name) matched
// nothing. A 404 without an ErrorInfo body is not one: it is an
// *EndpointNotServedError. Test for it with NotFound or errors.As.
type NotFoundError struct {
	// Message says what was not found, for a look-up that matched nothing.
	Message string
	// Err is the tenant's 404 answer, when there was one.
	Err error
}

func (e *NotFoundError) Error() string {
	if e.Err != nil {
		return e.Err.Error()
	}
	return e.Message
}

func (e *NotFoundError) Unwrap() error { return e.Err }

// NotFound reports whether err is, or wraps, a *NotFoundError: the API
// said the object does not exist. An *EndpointNotServedError is not.
func NotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// SeveralMatchError says that a look-up by name, meant to find one object,
// matched several; IDs names them.
type SeveralMatchError struct {
	What, Name string
	IDs        []string
}

func (e *SeveralMatchError) Error() string {
	return fmt.Sprintf("%d %s have that name (%v); look one up by id.", len(e.IDs), e.What, e.IDs)
}

// EndpointNotServedError is a request the tenant answered as a web server
// that does not serve the route: a 404 whose body is not the API's
// ErrorInfo (an HTML page, plain text, JSON without errorCode and
// errorMessage), a 405 or a 501. It says nothing about the object asked
// for, so it never counts as "not found": a resource is not removed from
// state, a delete does not forget the object.
type EndpointNotServedError struct {
	Method     string
	Path       string
	TenantURL  string
	StatusCode int
	// Received is the answer's body, shortened (or its status text).
	Received string
	// Types are the Terraform types that need the route, ProjectDefined
	// whether the route is project-defined rather than published (both from
	// the route-family table, endpoints.go).
	Types          []string
	ProjectDefined bool
}

func (e *EndpointNotServedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: the tenant at %s answered HTTP %d without the API's ErrorInfo body (received: %s). "+
		"This tenant does not serve that endpoint", e.Method, e.Path, e.TenantURL, e.StatusCode, e.Received)
	if e.ProjectDefined {
		b.WriteString(" (it is project-defined, not part of the published Administration API 5.46: see the provider's \"What a tenant must serve\" guide)")
	} else {
		b.WriteString(" (it is part of the published Administration API 5.46: check that tenant_url is the tenant's base URL, with no path and no proxy in front that answers for it)")
	}
	b.WriteString(".")
	if len(e.Types) > 0 {
		fmt.Fprintf(&b, " It is needed by: %s.", strings.Join(e.Types, ", "))
	}
	b.WriteString(" Nothing was changed in state because of this answer.")
	return b.String()
}

// EndpointNotServed reports whether err is, or wraps, an
// *EndpointNotServedError.
func EndpointNotServed(err error) bool {
	var e *EndpointNotServedError
	return errors.As(err, &e)
}

// isErrorInfo reports whether body is the API's ErrorInfo: a JSON object
// with a non-empty errorCode or errorMessage.
func isErrorInfo(body []byte) bool {
	var ei ErrorInfo
	return json.Unmarshal(body, &ei) == nil && (ei.ErrorCode != "" || ei.ErrorMessage != "")
}

// shorten is body as text, at most 200 bytes, or the status text when
// empty.
func shorten(body []byte, status int) string {
	msg := strings.TrimSpace(string(body))
	if len(msg) > 200 {
		msg = msg[:200] + "..."
	}
	if msg == "" {
		msg = http.StatusText(status)
	}
	return msg
}

// Conflict reports whether err is the tenant's 409.
func Conflict(err error) bool { return statusIs(err, http.StatusConflict) }

// Unauthorized reports whether err is the tenant's 401.
func Unauthorized(err error) bool { return statusIs(err, http.StatusUnauthorized) }
