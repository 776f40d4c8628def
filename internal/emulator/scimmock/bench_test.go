package scimmock

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// BenchmarkFilter evaluates SCIM filters in the mock: GET /Users?filter=...
// over 1000 users (AWS mode, 10 groups), served to a recorder.
func BenchmarkFilter(b *testing.B) {
	s := New(Options{AWSMode: true})
	tok, err := s.IssueToken(time.Now().Add(time.Hour))
	if err != nil {
		b.Fatal(err)
	}
	serve := func(method, path, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, s.BasePath()+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/scim+json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	var groups []string
	for g := range 10 {
		rec := serve(http.MethodPost, "Groups", fmt.Sprintf(`{"displayName":"group %d"}`, g))
		if rec.Code != http.StatusCreated {
			b.Fatal(rec.Code, rec.Body.String())
		}
		groups = append(groups, s.Groups()[g].ID)
	}
	for i := range 1000 {
		rec := serve(http.MethodPost, "Users", fmt.Sprintf(`{"userName":"user%d","displayName":"User %d","externalId":"ext-%d",`+
			`"name":{"givenName":"U","familyName":"%d"},"emails":[{"value":"user%d@example.com","type":"work","primary":true}]}`, i, i, i, i, i))
		if rec.Code != http.StatusCreated {
			b.Fatal(rec.Code, rec.Body.String())
		}
	}
	users := s.Users()
	for i, u := range users {
		if i%10 == 0 {
			continue
		}
		serve(http.MethodPatch, "Groups/"+groups[i%10], fmt.Sprintf(`{"Operations":[{"op":"add","path":"members","value":[{"value":%q}]}]}`, u["id"]))
	}
	for _, f := range []struct{ name, filter string }{
		{"externalId", `externalId eq "ext-500"`},
		{"userName", `userName eq "user999"`},
		{"membership", fmt.Sprintf(`id eq %q and groups.value eq %q`, users[501]["id"], groups[1])},
	} {
		b.Run(f.name, func(b *testing.B) {
			path := "Users?filter=" + url.QueryEscape(f.filter)
			b.ReportAllocs()
			for b.Loop() {
				if rec := serve(http.MethodGet, path, ""); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"totalResults":1`) {
					b.Fatal(rec.Code, rec.Body.String())
				}
			}
		})
	}
}
