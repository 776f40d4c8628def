package scim

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

// The client against the SCIM mock (paging, retries, tokens) is tested in
// internal/emulator/scimwrite, which builds on it; here, the error shapes.
func TestErrorShapes(t *testing.T) {
	for body, want := range map[string]Error{
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"dup","status":"409","exceptionRequestId":"r1","timeStamp":"2022-03-18 10:57:08.014"}`: {Status: 409, Detail: "dup", RequestID: "r1"},
		`{"detail":"bad filter","status":400,"scimType":"invalidFilter"}`:                                                                                           {Status: 400, Detail: "bad filter", ScimType: "invalidFilter"},
		`not json`: {Status: 400, Detail: "not json"},
	} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(body))
		}))
		c, _ := New(Config{Endpoint: ts.URL + "/scim/v2", Token: "t"})
		_, err := c.ListUsers(context.Background(), "")
		ts.Close()
		var e *Error
		if !errors.As(err, &e) || e.Status != want.Status || e.Detail != want.Detail || e.ScimType != want.ScimType || e.RequestID != want.RequestID {
			t.Fatalf("%s: %+v", body, e)
		}
	}
	if _, err := New(Config{Endpoint: "ftp://x", Token: "t"}); err == nil {
		t.Fatal("bad endpoint accepted")
	}
}
