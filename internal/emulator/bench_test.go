package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkListGroupsEncode is the emulator side of a large list: GET
// /api/web/v1/groups with 1000 groups, served to a recorder (no network).
func BenchmarkListGroupsEncode(b *testing.B) {
	emu := New(Options{})
	h := emu.Handler()
	serve := func(method, path, tok, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Authorization", tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := serve(http.MethodPost, "/api/web/v1/adminapi/authenticate", "",
		fmt.Sprintf(`{"applicationId":%q,"sharedSecret":%q}`, emu.ApplicationID(), emu.SharedSecret()))
	var auth map[string]string
	_ = json.Unmarshal(rec.Body.Bytes(), &auth)
	tok := auth["authToken"]
	for i := range 1000 {
		if rec := serve(http.MethodPost, "/api/web/v1/groups", tok, fmt.Sprintf(`{"name":"group %d"}`, i)); rec.Code != http.StatusOK {
			b.Fatal(rec.Code, rec.Body.String())
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		rec := serve(http.MethodGet, "/api/web/v1/groups", tok, "")
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
		b.SetBytes(int64(rec.Body.Len()))
	}
}
