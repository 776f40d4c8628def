package scim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Error is a failed SCIM call. Status 0 means the endpoint could not be
// reached (Err holds the cause); otherwise the fields come from the error
// body, in either AWS's shape (status as a string, exceptionRequestId) or
// RFC 7644's (scimType, status as a string or a number).
type Error struct {
	Status    int
	Detail    string
	ScimType  string
	RequestID string
	Method    string
	Path      string
	Err       error
}

func (e *Error) Error() string {
	where := strings.TrimSpace(e.Method + " " + e.Path)
	switch e.Status {
	case 0:
		return fmt.Sprintf("scim: %s: endpoint unreachable: %v", where, e.Err)
	case http.StatusUnauthorized:
		return fmt.Sprintf("scim: %s: the SCIM endpoint refused the bearer token (HTTP 401): it is expired, revoked or wrong, or the endpoint URL names another tenant", where)
	}
	msg := fmt.Sprintf("scim: %s: HTTP %d", where, e.Status)
	if e.ScimType != "" {
		msg += " (" + e.ScimType + ")"
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.RequestID != "" {
		msg += " [request " + e.RequestID + "]"
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

func decodeError(method, path string, resp *http.Response, data []byte) *Error {
	e := &Error{Status: resp.StatusCode, Method: method, Path: path, RequestID: resp.Header.Get("X-Amzn-Requestid")}
	var body struct {
		Detail    string          `json:"detail"`
		ScimType  string          `json:"scimType"`
		Status    json.RawMessage `json:"status"`
		RequestID string          `json:"exceptionRequestId"`
	}
	if json.Unmarshal(data, &body) != nil {
		e.Detail = strings.TrimSpace(string(data[:min(len(data), 200)]))
		return e
	}
	e.Detail, e.ScimType = body.Detail, body.ScimType
	if body.RequestID != "" {
		e.RequestID = body.RequestID
	}
	if s := strings.Trim(string(body.Status), `" `); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n >= 400 {
			e.Status = n
		}
	}
	return e
}
