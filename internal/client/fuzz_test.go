package client

import (
	"strings"
	"testing"
)

// FuzzDecodeError: any answer body becomes an *APIError with a message,
// without panicking.
func FuzzDecodeError(f *testing.F) {
	f.Add(404, []byte(`{"errorCode":"GROUP_NOT_FOUND","errorMessage":"Group g not found."}`))
	f.Add(409, []byte(`{"errorCode":"X","errorMessage":"m","parameters":["a",1,{"b":null}]}`))
	f.Add(500, []byte(`<html>oops</html>`))
	f.Add(400, []byte(`{"errorCode":5}`))
	f.Add(401, []byte{})
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		err := decodeError("GET", "/x", status, body)
		e, ok := err.(*APIError)
		if !ok || e.StatusCode != status {
			t.Fatalf("got %#v", err)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "GET /x: HTTP ") {
			t.Fatalf("message %q", msg)
		}
		if NotFound(err) != (status == 404) {
			t.Fatal("NotFound disagrees with the status")
		}
	})
}
