package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// A 404 is "not found" only when its body is the API's ErrorInfo. Any other
// 404 (a web server's HTML page, JSON that is not ErrorInfo, nothing), a 405
// and a 501 say the tenant does not serve the route: the error names the
// method, the path, the tenant_url and the Terraform types that need it,
// and is never NotFound, whichever call met it.
func TestNotServedIsNotNotFound(t *testing.T) {
	const appPath = "/api/web/v1/applications/saml/a1"
	for _, tc := range []struct {
		name       string
		status     int
		body, ctyp string
		notFound   bool
	}{
		{"ErrorInfo 404", 404, `{"errorCode":"APPLICATION_NOT_FOUND","errorMessage":"No such application."}`, "application/json", true},
		{"ErrorInfo 404 with message only", 404, `{"errorMessage":"No such application."}`, "application/json", true},
		{"JSON 404 that is not ErrorInfo", 404, `{"timestamp":"2026-01-01T00:00:00Z","status":404,"error":"Not Found","path":"` + appPath + `"}`, "application/json", false},
		{"HTML 404", 404, `<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>`, "text/html", false},
		{"empty 404", 404, ``, "text/plain", false},
		{"ErrorInfo-less empty object 404", 404, `{"errorCode":"","parameters":[]}`, "application/json", false},
		{"405", 405, `{"errorCode":"METHOD_NOT_ALLOWED","errorMessage":"GET is not allowed"}`, "application/json", false},
		{"501", 501, `Not Implemented`, "text/plain", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
				w.Header().Set("Content-Type", tc.ctyp)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			ctx := context.Background()
			calls := map[string]error{}
			_, calls["GetSAMLApplication"] = c.GetSAMLApplication(ctx, "a1")
			calls["DeleteSAMLApplication"] = c.DeleteSAMLApplication(ctx, "a1")
			_, calls["UpdateSAMLApplication"] = c.UpdateSAMLApplication(ctx, "a1", SAMLApplicationParms{Name: "x"})
			_, calls["GetIdPMetadata"] = c.GetIdPMetadata(ctx, "a1", IdPMetadataQuery{})
			for name, err := range calls {
				if err == nil {
					t.Fatalf("%s: no error", name)
				}
				if NotFound(err) != tc.notFound || EndpointNotServed(err) == tc.notFound {
					t.Fatalf("%s: NotFound %v, EndpointNotServed %v: %v", name, NotFound(err), EndpointNotServed(err), err)
				}
				if tc.notFound {
					continue
				}
				var e *EndpointNotServedError
				errors.As(err, &e)
				msg := err.Error()
				for _, want := range []string{e.Method + " " + appPath, "the tenant at " + c.base.String(), "does not serve that endpoint",
					"project-defined", "idaas_saml_application", "idaas_saml_idp_metadata"} {
					if !strings.Contains(msg, want) {
						t.Errorf("%s: message lacks %q: %s", name, want, msg)
					}
				}
			}
			// Not retried: one attempt per call (plus authenticate).
			if n := len(f.calls()); n != 1+4 {
				t.Errorf("%d requests, want 5 (nothing retried)", n)
			}
		})
	}
}

// The message says what was received, and, for a published route, to
// check tenant_url.
func TestNotServedPublishedRoute(t *testing.T) {
	_, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`<html><body>nginx: no such page</body></html>`))
	})
	err := c.DeleteGroup(context.Background(), "g1")
	msg := err.Error()
	for _, want := range []string{"DELETE /api/web/v1/groups/g1", "HTTP 404", "nginx: no such page", "check that tenant_url", "idaas_group"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
	if NotFound(err) {
		t.Error("counted as not found")
	}
}

// The create-or-adopt path: a create answered 409 whose look-up of the
// existing object meets a route the tenant does not serve returns both,
// instead of answering as if nothing had been found.
func TestCreateOrAdoptLookupNotServed(t *testing.T) {
	_, c := newFakeTenant(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		switch r.URL.Path {
		case "/api/web/v3/users":
			w.WriteHeader(http.StatusConflict)
			_, _ = w.Write([]byte(`{"errorCode":"USER_EXISTS","errorMessage":"A user with userId jane exists."}`))
		case "/api/web/v3/users/userid":
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"status":404,"error":"Not Found"}`))
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		}
	})
	_, err := c.CreateUser(context.Background(), UserParms{UserID: "jane"})
	if !Conflict(err) || !EndpointNotServed(err) || NotFound(err) {
		t.Fatalf("want the 409 and the endpoint not served: %v", err)
	}
	if !strings.Contains(err.Error(), "POST /api/web/v3/users/userid") {
		t.Fatalf("message lacks the route: %v", err)
	}
}

// Every route has its family, with the types that need it.
func TestEndpointFamilies(t *testing.T) {
	for path, want := range map[string]string{
		"/api/web/v1/provisioners/p1/mappings/userName": "idaas_provisioner_attribute_mapping",
		"/api/web/v1/provisioners/p1/operations/o1":     "idaas_provisioner_sync",
		"/api/web/v1/provisioners/p1":                   "idaas_provisioner",
		"/api/web/v3/users/userid":                      "adopting",
		"/api/web/v3/users/u1":                          "idaas_user (resource)",
		"/api/web/v1/signingcertificates?x=1":           "idaas_signing_certificate",
	} {
		types, _, ok := EndpointTypes(path)
		if !ok || !strings.Contains(strings.Join(types, ","), want) {
			t.Errorf("%s: %v, want %q", path, types, want)
		}
	}
	if _, _, ok := EndpointTypes("/api/web/v9/nothing"); ok {
		t.Error("an unknown path has a family")
	}
}
