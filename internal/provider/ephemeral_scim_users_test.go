package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimwrite"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

// withEcho adds the echo provider, which copies an ephemeral value into
// the state of an echo resource so that a test can look at it.
var withEcho = map[string]func() (tfprotov6.ProviderServer, error){
	"idaas": providerserver.NewProtocol6WithError(New("test")()),
	"echo":  echoprovider.NewProviderServer(),
}

// seedSCIM puts two users (ann active, bob inactive) in one group "AWS
// Users" (ann only) into the SCIM mock of env, and returns the endpoint and
// a token.
func seedSCIM(t *testing.T, env *testEnv) (endpoint, token string) {
	t.Helper()
	endpoint, token = env.scimTarget(t)
	c, err := scimwrite.New(scim.Config{Endpoint: endpoint, Token: token, AWSMode: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var ids []string
	for _, u := range []struct {
		name, ext string
		active    bool
	}{{"ann@example.com", "ext-ann", true}, {"bob@example.com", "ext-bob", false}} {
		created, err := c.CreateUser(ctx, map[string]any{
			"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:User"}, "userName": u.name, "externalId": u.ext,
			"displayName": u.name, "active": u.active, "name": map[string]any{"givenName": "G", "familyName": "F"},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, created.ID)
	}
	g, err := c.CreateGroup(ctx, "AWS Users", "ext-group")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddMembers(ctx, g.ID, ids[:1]); err != nil {
		t.Fatal(err)
	}
	return endpoint, token
}

// The ephemeral idaas_scim_users reads what the data source reads, with the
// token from an ephemeral variable, and neither the token nor the users reach the state (the echo resource holds
// only what the test copies into it).
func TestAccSCIMUsersEphemeral(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := seedSCIM(t, env)
	cfg := env.config(`
variable "scim_token" {
  type      = string
  sensitive = true
  ephemeral = true
}
ephemeral "idaas_scim_users" "all" {
  scim_endpoint = %q
  bearer_token  = var.scim_token
}
ephemeral "idaas_scim_users" "ann" {
  scim_endpoint = %[1]q
  bearer_token  = var.scim_token
  filter        = "externalId eq \"ext-ann\""
}
provider "echo" {
  data = {
    all = [for u in ephemeral.idaas_scim_users.all.users : "${u.user_name}:${u.external_id}:${u.active}:${u.given_name}"]
    ann = length(ephemeral.idaas_scim_users.ann.users)
  }
}
resource "echo" "scim" {}
`, endpoint)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralCLI,
		ProtoV6ProviderFactories: withEcho,
		Steps: []resource.TestStep{{
			Config:          cfg,
			ConfigVariables: config.Variables{"scim_token": config.StringVariable(token)},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.scim", tfjsonpath.New("data").AtMapKey("all"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("ann@example.com:ext-ann:true:G"), knownvalue.StringExact("bob@example.com:ext-bob:false:G"),
				})),
				statecheck.ExpectKnownValue("echo.scim", tfjsonpath.New("data").AtMapKey("ann"), knownvalue.Int64Exact(1)),
			},
			Check: noSecretInState(token),
		}},
	})
}

// A token the SCIM target refuses is an error of the ephemeral resource
// that says so.
func TestAccSCIMUsersEphemeral_refusedToken(t *testing.T) {
	env := newTestEnv(t)
	endpoint, _ := env.scimTarget(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralCLI,
		ProtoV6ProviderFactories: withEcho,
		Steps: []resource.TestStep{{
			Config: env.config(`
ephemeral "idaas_scim_users" "all" {
  scim_endpoint = %q
  bearer_token  = "wrong"
}
provider "echo" {
  data = length(ephemeral.idaas_scim_users.all.users)
}
resource "echo" "scim" {}
`, endpoint),
			ExpectError: regexp.MustCompile(`(?s)Reading SCIM users.*refused the bearer token`),
		}},
	})
}
