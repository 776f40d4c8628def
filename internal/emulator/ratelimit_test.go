package emulator_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// A limited emulator answers beyond its bucket with 429, Retry-After and the
// RateLimit headers, and counts those apart from failures.
func TestRateLimitAnswers429WithHeaders(t *testing.T) {
	emu := emulator.New(emulator.Options{RateLimit: 5})
	srv := httptest.NewServer(emu.Handler())
	defer srv.Close()
	body, _ := json.Marshal(map[string]string{"applicationId": emu.ApplicationID(), "sharedSecret": emu.SharedSecret()})
	var got429 *http.Response
	ok := 0
	for range 20 {
		resp, err := http.Post(srv.URL+"/api/web/v1/adminapi/authenticate", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("RateLimit-Limit") != "5" || resp.Header.Get("RateLimit-Policy") != "5;w=1" {
			t.Fatalf("RateLimit-Limit %q, policy %q; want 5 and 5;w=1", resp.Header.Get("RateLimit-Limit"), resp.Header.Get("RateLimit-Policy"))
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			got429 = resp
			break
		}
		ok++
	}
	if got429 == nil || ok < 5 {
		t.Fatalf("%d answered before a 429 (429 seen: %v); want the bucket's 5 then 429", ok, got429 != nil)
	}
	if ra, err := strconv.Atoi(got429.Header.Get("Retry-After")); err != nil || ra < 1 {
		t.Errorf("Retry-After %q, want whole seconds >= 1", got429.Header.Get("Retry-After"))
	}
	if got429.Header.Get("RateLimit-Remaining") != "0" || got429.Header.Get("RateLimit-Reset") == "" {
		t.Errorf("remaining %q reset %q", got429.Header.Get("RateLimit-Remaining"), got429.Header.Get("RateLimit-Reset"))
	}
	st := emu.Stats()
	if st.RateLimited != 1 || st.Failed() != 0 || st.ByStatus[200] != ok {
		t.Errorf("stats: rateLimited %d failed %d 200s %d; want 1, 0, %d", st.RateLimited, st.Failed(), st.ByStatus[200], ok)
	}
}
