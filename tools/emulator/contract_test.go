package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/contract"
)

// With -contract, an exchange that breaks the API documents is answered
// HTTP 500 CONTRACT_VIOLATION naming the operation and the rule; a valid
// one passes unchanged.
func TestContractFailsLoudly(t *testing.T) {
	emu := emulator.New(emulator.Options{})
	srv := httptest.NewServer(failLoudly(contract.MustLoad(), emu.Handler()))
	defer srv.Close()
	call := func(method, path, token, body string) (int, string) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := call("POST", "/api/web/v1/adminapi/authenticate", "", `{"applicationId":"`+emu.ApplicationID()+`","sharedSecret":"`+emu.SharedSecret()+`"}`)
	var auth struct{ AuthToken string }
	if code != 200 || json.Unmarshal([]byte(body), &auth) != nil || auth.AuthToken == "" {
		t.Fatalf("authenticate: %d %s", code, body)
	}
	if code, body := call("POST", "/api/web/v1/groups", auth.AuthToken, `{"name":"ok"}`); code != 200 {
		t.Fatalf("a valid create: %d %s", code, body)
	}
	for _, tc := range []struct{ method, path, body, want string }{
		{"POST", "/api/web/v1/groups", `{"name":"x","nom":"x"}`, `createGroupUsingPOST, published) (POST /api/web/v1/groups): at /: property \"nom\" is unsupported`},
		{"GET", "/api/web/v1/nothing", ``, `GET /api/web/v1/nothing is an operation of neither API document`},
	} {
		code, body := call(tc.method, tc.path, auth.AuthToken, tc.body)
		if code != http.StatusInternalServerError || !strings.Contains(body, "CONTRACT_VIOLATION") || !strings.Contains(body, tc.want) {
			t.Errorf("%s %s: %d %s, want 500 CONTRACT_VIOLATION with %q", tc.method, tc.path, code, body, tc.want)
		}
	}
}
