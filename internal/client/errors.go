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
	Parameters   []any  `json:"parameters,omitempty"`
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
		msg := strings.TrimSpace(string(body))
		if len(msg) > 200 {
			msg = msg[:200] + "..."
		}
		if msg == "" {
			msg = http.StatusText(status)
		}
		e.ErrorMessage = msg
	}
	return e
}

func statusIs(err error, code int) bool {
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == code
}

// NotFoundError says that what was asked for does not exist: the tenant
// answered 404 (Err is its *APIError), or a look-up by a key the API
// cannot address directly (a name) matched nothing. Test for it with
// NotFound or errors.As.
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

// NotFound reports whether err is, or wraps, a *NotFoundError (or the
// tenant's 404 *APIError).
func NotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf) || statusIs(err, http.StatusNotFound)
}

// Conflict reports whether err is the tenant's 409.
func Conflict(err error) bool { return statusIs(err, http.StatusConflict) }

// Unauthorized reports whether err is the tenant's 401.
func Unauthorized(err error) bool { return statusIs(err, http.StatusUnauthorized) }
