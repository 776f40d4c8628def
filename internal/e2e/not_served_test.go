package e2e

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// plain404 is a tenant double in front of the emulator: while on, its web
// server answers every project-defined route with a plain 404, as a real
// tenant that serves only the published Administration API 5.46 does:
// JSON that is not the API's ErrorInfo, or (html) an HTML page.
type plain404 struct {
	on, html atomic.Bool
}

func (p *plain404) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, project, ok := client.EndpointTypes(r.URL.Path); p.on.Load() && ok && project {
			w.WriteHeader(http.StatusNotFound)
			if p.html.Load() {
				_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"))
			} else {
				_, _ = w.Write([]byte(`{"status":404,"error":"Not Found","path":"` + r.URL.Path + `"}`))
			}
			return
		}
		h.ServeHTTP(w, r)
	})
}

// With the AWS console guide (examples/aws-sso) applied, a tenant that does
// not serve the project-defined routes makes refresh (apply -refresh-only),
// plan, apply and destroy exit non-zero with a message naming the route,
// the tenant_url and the types that need it; the state is exactly what it
// was (terraform show -json), and once the routes are served again the plan
// is empty.
func TestNotServedKeepsState(t *testing.T) {
	for name, html := range map[string]bool{"json": false, "html": true} {
		t.Run(name, func(t *testing.T) {
			w, _ := newAWSSSOWorkspaceWithSCIM(t)
			w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
			before := w.run(0, "show", "-json", "-no-color")
			if n := strings.Count(before, `"mode":"managed"`); n < 10 {
				t.Fatalf("only %d managed objects in state", n)
			}
			w.notServed.html.Store(html)
			w.notServed.on.Store(true)
			for _, args := range [][]string{
				{"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"},
				{"plan", "-input=false", "-no-color"},
				{"apply", "-auto-approve", "-input=false", "-no-color"},
				{"destroy", "-auto-approve", "-input=false", "-no-color"},
			} {
				out, code := w.runCode(args...)
				if code == 0 {
					t.Fatalf("terraform %s exited 0 against a tenant without the project-defined routes:\n%s", strings.Join(args, " "), out)
				}
				flat := strings.Join(strings.Fields(out), " ")
				// (The SAML application and the mappings depend on the
				// certificate and the provisioner: Terraform does not
				// refresh them once those failed.)
				for _, want := range []string{"GET /api/web/v3/users/", "GET /api/web/v1/signingcertificates/", "GET /api/web/v1/provisioners/",
					"the tenant at " + w.srv.URL, "does not serve that endpoint", "It is needed by: idaas_user (resource)",
					"It is needed by: idaas_signing_certificate", "It is needed by: idaas_provisioner"} {
					if !strings.Contains(flat, want) {
						t.Errorf("terraform %s: the output lacks %q:\n%s", strings.Join(args, " "), want, out)
					}
				}
				if strings.Contains(out, "no longer exists") || strings.Contains(out, "Destroy complete") {
					t.Errorf("terraform %s forgot objects:\n%s", strings.Join(args, " "), out)
				}
				if after := w.run(0, "show", "-json", "-no-color"); after != before {
					t.Fatalf("terraform %s changed the state:\nbefore %s\nafter  %s", strings.Join(args, " "), before, after)
				}
			}
			w.notServed.on.Store(false)
			w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
		})
	}
}
