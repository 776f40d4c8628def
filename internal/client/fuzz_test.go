package client

import (
	"strings"
	"testing"
)

// FuzzDecodeError: any answer body becomes an *APIError with a message,
// without panicking; a 404 is "not found" only with an ErrorInfo body, and
// any other 404, a 405 and a 501 are an *EndpointNotServedError.
func FuzzDecodeError(f *testing.F) {
	f.Add(404, []byte(`{"errorCode":"GROUP_NOT_FOUND","errorMessage":"Group g not found."}`))
	f.Add(409, []byte(`{"errorCode":"X","errorMessage":"m","parameters":[{"name":"a"},{"b":null}]}`))
	f.Add(500, []byte(`<html>oops</html>`))
	f.Add(400, []byte(`{"errorCode":5}`))
	f.Add(401, []byte{})
	f.Add(404, []byte(`<html><body>Not Found</body></html>`))
	f.Add(404, []byte(`{"status":404,"error":"Not Found"}`))
	f.Add(405, []byte(`{"errorCode":"X","errorMessage":"m"}`))
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
		c := &Client{base: mustURL(t, "https://t.example")}
		err = c.errorAnswer("GET", "/x", status, body)
		if NotFound(err) != (status == 404 && isErrorInfo(body)) {
			t.Fatalf("NotFound(%d %q) = %v", status, body, NotFound(err))
		}
		if EndpointNotServed(err) != (status == 405 || status == 501 || status == 404 && !isErrorInfo(body)) {
			t.Fatalf("EndpointNotServed(%d %q) = %v", status, body, EndpointNotServed(err))
		}
	})
}
