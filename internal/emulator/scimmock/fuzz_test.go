package scimmock

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// fuzzServer returns an AWS-mode server holding one user and one group.
func fuzzServer(t testing.TB, aws bool) (*Server, string, string) {
	s := New(Options{AWSMode: aws})
	tok, err := s.IssueToken(time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(user("fuzz"))
	rec := serve(s, tok, "POST", "Users", string(b))
	var u map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &u)
	id, _ := u["id"].(string)
	serve(s, tok, "POST", "Groups", `{"displayName":"g","members":[{"value":"`+id+`"}]}`)
	return s, tok, id
}

func serve(s *Server, tok, method, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, s.BasePath()+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func FuzzFilter(f *testing.F) {
	for _, seed := range []string{`userName eq "a"`, `id eq "G" and members eq "U"`, `emails[type eq "work" and value co "@"]`, `not (a pr)`, `a eq`, `((`, `x eq "\"`} {
		f.Add(seed)
	}
	aws, tokA, _ := fuzzServer(f, true)
	plain, tokP, _ := fuzzServer(f, false)
	f.Fuzz(func(t *testing.T, filter string) {
		for _, c := range []struct {
			s   *Server
			tok string
		}{{aws, tokA}, {plain, tokP}} {
			for _, coll := range []string{"Users", "Groups"} {
				rec := serve(c.s, c.tok, "GET", coll+"?filter="+url.QueryEscape(filter), "")
				if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
					t.Fatalf("filter %q on %s: status %d", filter, coll, rec.Code)
				}
			}
		}
	})
}

func FuzzPatchPath(f *testing.F) {
	for _, seed := range []string{`displayName`, `name.givenName`, `emails[type eq "work"].value`, `members[value eq "x"]`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`, `a[b[c eq 1]]`, `]`} {
		f.Add(seed, "replace", `"v"`)
	}
	s, tok, uid := fuzzServer(f, true)
	gid := s.Groups()[0].ID
	f.Fuzz(func(t *testing.T, path, op, value string) {
		ops, _ := json.Marshal(map[string]any{"Operations": []any{map[string]any{"op": op, "path": path, "value": json.RawMessage(value)}}})
		if !json.Valid([]byte(value)) {
			ops = []byte(`{"Operations":[{"op":` + jsonString(op) + `,"path":` + jsonString(path) + `}]}`)
		}
		for _, target := range []string{"Users/" + uid, "Groups/" + gid} {
			rec := serve(s, tok, "PATCH", target, string(ops))
			if rec.Code >= 500 {
				t.Fatalf("PATCH %s path %q op %q value %q: status %d", target, path, op, value, rec.Code)
			}
		}
	})
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
