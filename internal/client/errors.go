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

// NotFound reports whether err is the tenant's 404.
func NotFound(err error) bool { return statusIs(err, http.StatusNotFound) }

// Conflict reports whether err is the tenant's 409.
func Conflict(err error) bool { return statusIs(err, http.StatusConflict) }

// Unauthorized reports whether err is the tenant's 401.
func Unauthorized(err error) bool { return statusIs(err, http.StatusUnauthorized) }
