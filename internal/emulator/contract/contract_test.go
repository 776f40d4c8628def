package contract

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func check(t *testing.T, method, path, reqBody string, status int, respBody string) []Violation {
	t.Helper()
	req := httptest.NewRequest(method, "http://127.0.0.1:1"+path, strings.NewReader(reqBody))
	if reqBody != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "tok")
	h := http.Header{}
	if respBody != "" {
		h.Set("Content-Type", "application/json")
	}
	return MustLoad().Check(req, []byte(reqBody), status, h, []byte(respBody))
}

func TestDocumentsLoad(t *testing.T) {
	if _, err := Load(); err != nil {
		t.Fatal(err)
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name, method, path, req string
		status                  int
		resp                    string
		want                    string // "" for no violation, else a part of it
	}{
		{"published, valid", "GET", "/api/web/v1/groups/g1", "", 200, `{"id":"g1","name":"n","type":"MGMT_UI"}`, ""},
		{"published answer lacks a required field", "GET", "/api/web/v1/groups/g1", "", 200, `{"id":"g1"}`, `property "name" is missing`},
		{"published answer has a field the spec lacks", "GET", "/api/web/v1/groups/g1", "", 200, `{"id":"g1","name":"n","colour":"red"}`, `colour`},
		{"published request with a renamed field", "POST", "/api/web/v1/groups", `{"nom":"n"}`, 200, `{"id":"g1","name":"n"}`, `nom`},
		{"ErrorInfo parameters are objects", "GET", "/api/web/v1/groups/g1", "", 404, `{"errorCode":"GROUP_NOT_FOUND","errorMessage":"m","parameters":["id"]}`, `/parameters/0`},
		{"project-defined, valid", "DELETE", "/api/web/v1/applications/saml/a1", "", 200, ``, ""},
		{"project-defined answer breaks the document", "GET", "/api/web/v1/provisioners/p1", "", 200, `{"id":"p1"}`, `getProvisioner`},
		{"undocumented status", "GET", "/api/web/v1/provisioners/p1", "", 418, `{"errorCode":"X","errorMessage":"m"}`, `418`},
		{"unknown operation", "GET", "/api/web/v1/nothing", "", 404, ``, `neither API document`},
		{"unknown method", "PATCH", "/api/web/v1/groups/g1", `{}`, 200, ``, `neither API document`},
		{"not admin traffic", "GET", "/_emulator/stats", "", 200, `{}`, ""},
		{"injected fault", "GET", "/api/web/v1/groups/g1", "", 503, `{"errorCode":"SERVICE_UNAVAILABLE","errorMessage":"m"}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs := check(t, tc.method, tc.path, tc.req, tc.status, tc.resp)
			var all []string
			for _, v := range vs {
				all = append(all, v.String())
			}
			got := strings.Join(all, "\n")
			switch {
			case tc.want == "" && got != "":
				t.Fatalf("unexpected violation:\n%s", got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Fatalf("want a violation with %q, got:\n%s", tc.want, got)
			}
			t.Log(got)
		})
	}
}

// The cost of checking one exchange (a user read, the largest published
// schema), documents loaded once.
func BenchmarkCheckUserRead(b *testing.B) {
	c := MustLoad()
	body := []byte(`{"id":"u1","userId":"jane","email":"jane@example.com","state":"ACTIVE","type":"MGMT_UI","locked":false,` +
		`"groups":[{"id":"g1","name":"n","type":"MGMT_UI"}],"userAttributeValues":[],"userCreationTime":"2026-01-01T00:00:00Z","lastModified":"2026-01-01T00:00:00Z"}`)
	h := http.Header{"Content-Type": []string{"application/json"}}
	for b.Loop() {
		req := httptest.NewRequest("GET", "http://127.0.0.1:1/api/web/v3/users/u1", nil)
		if vs := c.Check(req, nil, 200, h, body); len(vs) > 0 {
			b.Fatal(vs)
		}
	}
}

// Loading and route-compiling both documents (once per process).
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := loadDoc("idaas-admin-api-5.46-subset.json"); err != nil {
			b.Fatal(err)
		}
		if _, err := loadDoc("idaas-project-api.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
