package provider

import (
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
)

// plain404 is a tenant double: in front of the emulator, its web server
// answers every project-defined route with a plain 404 while on, as a real
// tenant that serves only the published Administration API 5.46 does:
// either a JSON body that is not the API's ErrorInfo, or an HTML page.
type plain404 struct {
	on   atomic.Bool
	html bool
}

func (p *plain404) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, project, ok := client.EndpointTypes(r.URL.Path); p.on.Load() && ok && project {
			if p.html {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>"))
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"timestamp":"2026-01-01T00:00:00.000+00:00","status":404,"error":"Not Found","path":"` + r.URL.Path + `"}`))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// newPlain404Env is newTestEnv behind a plain404 double, off at first.
func newPlain404Env(t *testing.T, html bool) (*testEnv, *plain404) {
	t.Helper()
	p := &plain404{html: html}
	emu := emulator.New(emulator.Options{})
	srv, c := emutest.ServeWith(t, emu, client.Config{}, p.wrap)
	return &testEnv{emu: emu, srv: srv, client: c}, p
}

// notServedConfig manages objects of published and project-defined routes,
// and reads them through data sources.
func notServedConfig(env *testEnv, endpoint, token, description string) string {
	return env.config(`
resource "idaas_group" "aws" { name = "AWS Users" }

resource "idaas_user" "ann" {
  user_id   = "ann@example.com"
  email     = "ann@example.com"
  group_ids = [idaas_group.aws.id]
}

resource "idaas_signing_certificate" "one" {
  name          = "one"
  key_algorithm = "RSA_2048"
}

resource "idaas_saml_application" "sp" {
  name                   = "Example SP"
  description            = %[3]q
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://sp.example.com/saml"
  acs_url                = "https://sp.example.com/saml/acs"
  signing_certificate_id = idaas_signing_certificate.one.id
}

data "idaas_saml_application" "sp" {
  id = idaas_saml_application.sp.id
}

resource "idaas_provisioner" "aws" {
  name              = "AWS IAM Identity Center"
  type              = "aws"
  scim_endpoint     = %[1]q
  bearer_token      = %[2]q
  verify_connection = false
  group_ids         = [idaas_group.aws.id]
}

resource "idaas_provisioner_attribute_mapping" "display_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "displayName"
  user_attribute = "User ID"
}
`, endpoint, token, description)
}

// Against a tenant that does not serve the project-defined routes (its web
// server answers them a plain 404, JSON that is not ErrorInfo or HTML),
// refresh, plan, apply and destroy fail, naming the route, the tenant_url
// and the Terraform types that need it; nothing leaves state: once the
// routes are served again, the plan is empty.
func TestAccNotServedKeepsState(t *testing.T) {
	for name, html := range map[string]bool{"json": false, "html": true} {
		t.Run(name, func(t *testing.T) {
			env, p := newPlain404Env(t, html)
			endpoint, token := env.scimTarget(t)
			cfg := notServedConfig(env, endpoint, token, "v1")
			block := func() { p.on.Store(true) }
			notServed := errorMatching("/api/web/", "the tenant at "+env.srv.URL, "does not serve that endpoint", "It is needed by:")
			samlRoute := errorMatching("GET /api/web/v1/applications/saml/", "does not serve that endpoint", "idaas_saml_application")
			testSteps(t, nil,
				resource.TestStep{Config: cfg},
				// terraform apply -refresh-only (the plan of it: RefreshState).
				resource.TestStep{PreConfig: block, RefreshState: true, ExpectError: notServed},
				// terraform plan (refresh first).
				resource.TestStep{PreConfig: block, Config: cfg, PlanOnly: true, ExpectError: samlRoute},
				// terraform apply of a change.
				resource.TestStep{PreConfig: block, Config: notServedConfig(env, endpoint, token, "v2"), ExpectError: notServed},
				// terraform destroy.
				resource.TestStep{PreConfig: block, Config: cfg, Destroy: true, ExpectError: notServed},
				// The routes are served again: every object is still in
				// state, as it was (an object removed from state would be
				// planned for creation, a changed one for update).
				resource.TestStep{
					PreConfig:        func() { p.on.Store(false) },
					Config:           cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
			)
		})
	}
}

// The table of what a tenant must serve (the guide, copied into the README)
// names every resource, data source, list resource and action the provider
// registers.
func TestTenantEndpointsTableNamesEveryType(t *testing.T) {
	ctx := context.Background()
	p := &idaasProvider{}
	var names []string
	for _, f := range p.Resources(ctx) {
		var resp fwresource.MetadataResponse
		f().Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "idaas"}, &resp)
		names = append(names, resp.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "idaas"}, &resp)
		names = append(names, resp.TypeName)
	}
	for _, f := range p.ListResources(ctx) {
		var resp fwresource.MetadataResponse
		f().Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "idaas"}, &resp)
		names = append(names, resp.TypeName)
	}
	for _, f := range p.Actions(ctx) {
		var resp action.MetadataResponse
		f().Metadata(ctx, action.MetadataRequest{ProviderTypeName: "idaas"}, &resp)
		names = append(names, resp.TypeName)
	}
	for _, file := range []string{"../../templates/guides/tenant-endpoints.md.tmpl", "../../README.md"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if !strings.Contains(string(data), "`"+n+"`") {
				t.Errorf("%s: the table of what a tenant must serve lacks %s", file, n)
			}
		}
	}
}

// List resources, plan-time checks (a SAML application's signing
// certificate, an action's provisioner) and data sources meet the same
// error against a tenant that does not serve the project-defined routes:
// never "not found".
func TestAccNotServedQueryPlanChecksAndActions(t *testing.T) {
	env, p := newPlain404Env(t, false)
	endpoint, token := env.scimTarget(t)
	ctx := context.Background()
	cert, err := env.client.CreateSigningCertificate(ctx, client.SigningCertificateParms{Name: "one", KeyAlgorithm: "RSA_2048"})
	if err != nil {
		t.Fatal(err)
	}
	prov, err := env.client.CreateProvisioner(ctx, client.ProvisionerParms{Name: "aws", Type: "aws", SCIMEndpoint: endpoint, BearerToken: token})
	if err != nil {
		t.Fatal(err)
	}
	p.on.Store(true)
	notServed := func(route string) *regexp.Regexp {
		return errorMatching(route, "the tenant at "+env.srv.URL, "does not serve that endpoint", "It is needed by:")
	}
	queryTest(t,
		// The provider block, for the queries (configuring it calls only
		// the published authenticate).
		resource.TestStep{Config: env.config(``)},
		resource.TestStep{
			Query: true,
			Config: `
list "idaas_saml_application" "all" {
  provider = idaas
}
`,
			ExpectError: notServed("GET /api/web/v1/applications/saml"),
		},
		resource.TestStep{
			Query: true,
			Config: `
list "idaas_provisioner_attribute_mapping" "all" {
  provider = idaas
}
`,
			ExpectError: notServed("GET /api/web/v1/provisioners"),
		},
		resource.TestStep{
			PlanOnly: true,
			Config: env.config(`
resource "idaas_saml_application" "sp" {
  name                   = "Example SP"
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://sp.example.com/saml"
  acs_url                = "https://sp.example.com/saml/acs"
  signing_certificate_id = %q
}
`, cert.ID),
			ExpectError: notServed("GET /api/web/v1/signingcertificates/"),
		},
		resource.TestStep{
			PlanOnly: true,
			Config: env.config(`
resource "idaas_group" "g" {
  name = "g"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.idaas_test_provisioner.aws]
    }
  }
}
action "idaas_test_provisioner" "aws" {
  config {
    provisioner_id = %q
  }
}
`, prov.ID),
			ExpectError: notServed("GET /api/web/v1/provisioners/"),
		},
		resource.TestStep{
			PlanOnly: true,
			Config: env.config(`
data "idaas_saml_idp_metadata" "m" {
  application_id = "6a3d4c8e-0b7e-4c69-9d0a-5f1c2a0e7f02"
}
`),
			ExpectError: notServed("GET /api/web/v1/applications/saml/6a3d4c8e-0b7e-4c69-9d0a-5f1c2a0e7f02/idpmetadata"),
		},
	)
}
