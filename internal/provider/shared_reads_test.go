package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// sharedReadsTypes are the types whose Reads may be served from a listing,
// with the route that lists them.
var sharedReadsTypes = map[string]string{
	"idaas_group":               "POST /api/web/v1/groupspaged",
	"idaas_user":                "POST /api/web/v1/userspaged",
	"idaas_user_attribute":      "GET /api/web/v1/userattributes",
	"idaas_saml_application":    "GET /api/web/v1/applications/saml",
	"idaas_signing_certificate": "GET /api/web/v1/signingcertificates",
	"idaas_provisioner":         "GET /api/web/v1/provisioners",
}

// sharedReadsConfig is three objects of every type that has a list
// endpoint: "drift" (changed by hand; the signing certificate, which
// cannot change, has none), "gone" (deleted by hand) and "same".
func sharedReadsConfig(env *testEnv, mode, endpoint, token string) string {
	var s strings.Builder
	fmt.Fprintf(&s, `
provider "idaas" {
  tenant_url     = %q
  application_id = %q
  shared_secret  = %q
  max_retries    = 2
  shared_reads   = %q
}
`, env.srv.URL, env.emu.ApplicationID(), env.emu.SharedSecret(), mode)
	for _, k := range []string{"drift", "gone", "same"} {
		fmt.Fprintf(&s, `
resource "idaas_group" %[1]q { name = "group %[1]s" }
resource "idaas_user_attribute" %[1]q { name = "attribute %[1]s" }
resource "idaas_user" %[1]q {
  user_id    = "%[1]s@example.com"
  first_name = "First %[1]s"
  group_ids  = [idaas_group.same.id]
  attribute_values = { (idaas_user_attribute.same.id) = "value %[1]s" }
}
resource "idaas_signing_certificate" %[1]q {
  name          = "certificate %[1]s"
  key_algorithm = "ECDSA_P256"
}
resource "idaas_saml_application" %[1]q {
  name                   = "application %[1]s"
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://%[1]s.example.com/saml"
  acs_url                = "https://%[1]s.example.com/saml/acs"
  signing_certificate_id = idaas_signing_certificate.same.id
}
resource "idaas_provisioner" %[1]q {
  name              = "provisioner %[1]s"
  type              = "generic"
  scim_endpoint     = %[2]q
  bearer_token      = %[3]q
  verify_connection = false
}
`, k, endpoint, token)
	}
	return s.String()
}

// byHand changes the "drift" objects and deletes the "gone" ones through
// the admin API, as someone in the console would.
func byHand(ctx context.Context, c *client.Client, ids map[string]string) error {
	id := func(typ, name string) string { return ids[typ+"."+name] }
	if _, err := c.UpdateGroup(ctx, id("idaas_group", "drift"), client.GroupParms{Name: "changed by hand"}); err != nil {
		return err
	}
	first := "Changed"
	if _, err := c.UpdateUser(ctx, id("idaas_user", "drift"), client.UserParms{FirstName: &first}); err != nil {
		return err
	}
	if err := c.SetUserGroups(ctx, id("idaas_user", "drift"), nil); err != nil {
		return err
	}
	if _, err := c.UpdateUserAttribute(ctx, id("idaas_user_attribute", "drift"), client.UserAttributeParms{Name: "changed by hand"}); err != nil {
		return err
	}
	a, err := c.GetSAMLApplication(ctx, id("idaas_saml_application", "drift"))
	if err != nil {
		return err
	}
	if _, err := c.UpdateSAMLApplication(ctx, a.ID, client.SAMLApplicationParms{Name: "changed by hand", SPEntityID: a.SPEntityID, ACSURL: a.ACSURL,
		SigningCertificateID: a.SigningCertificateID, SignatureAlgorithm: a.SignatureAlgorithm, SessionDurationSeconds: 3600}); err != nil {
		return err
	}
	if _, err := c.UpdateProvisioner(ctx, id("idaas_provisioner", "drift"), client.ProvisionerParms{Name: "changed by hand"}); err != nil {
		return err
	}
	for typ, del := range map[string]func(context.Context, string) error{
		"idaas_group": c.DeleteGroup, "idaas_user": c.DeleteUser, "idaas_user_attribute": c.DeleteUserAttribute,
		"idaas_saml_application": c.DeleteSAMLApplication, "idaas_signing_certificate": c.DeleteSigningCertificate,
		"idaas_provisioner": c.DeleteProvisioner,
	} {
		if err := del(ctx, id(typ, "gone")); err != nil {
			return fmt.Errorf("deleting %s.gone: %w", typ, err)
		}
	}
	return nil
}

// tenantSpecific matches what differs from one test tenant to another:
// UUIDs, tokens, loopback addresses.
var tenantSpecific = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64}|http://127\.0\.0\.1:[0-9]+`)

// recordPlan keeps, per resource, the planned actions and the attributes
// that change with their new values (what differs from tenant to tenant
// masked), and
// calls after once it has.
type recordPlan struct {
	into  map[string]string
	after func() error
}

func (r recordPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var changed []string
		for k, v := range after {
			if !reflect.DeepEqual(before[k], v) || unknown[k] == true {
				w, _ := json.Marshal(v)
				changed = append(changed, k+"="+tenantSpecific.ReplaceAllString(string(w), "<...>"))
			}
		}
		sort.Strings(changed)
		r.into[rc.Address] = fmt.Sprint(rc.Change.Actions) + " " + strings.Join(changed, ",")
	}
	if r.after != nil {
		if err := r.after(); err != nil {
			resp.Error = err
		}
	}
}

// The same configuration, with drift made by hand, objects deleted out of
// band and objects left alone, gives the same plan whether Reads are
// served from the tenant's listings (shared_reads = "always") or read one
// by one ("never"); and the "always" run did list every type.
func TestAccSharedReads_samePlan(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	plans := map[string]map[string]string{}
	for _, mode := range []string{"always", "never"} {
		t.Run(mode, func(t *testing.T) {
			env := newTestEnv(t)
			endpoint, token := env.scimTarget(t)
			cfg := sharedReadsConfig(env, mode, endpoint, token)
			ids := map[string]string{}
			plan := map[string]string{}
			var expect []plancheck.PlanCheck
			for typ := range sharedReadsTypes {
				if typ != "idaas_signing_certificate" {
					expect = append(expect, plancheck.ExpectResourceAction(typ+".drift", plancheck.ResourceActionUpdate))
				}
				expect = append(expect, plancheck.ExpectResourceAction(typ+".gone", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(typ+".same", plancheck.ResourceActionNoop))
			}
			listed := func() error {
				st := env.emu.Stats()
				for typ, route := range sharedReadsTypes {
					// Planning the signing certificate's re-creation lists
					// the certificates once (refuseExistingCertificate).
					n := st.ByRoute[route]
					if typ == "idaas_signing_certificate" {
						n--
					}
					if (mode == "always") != (n > 0) {
						return fmt.Errorf("shared_reads = %q: %s was listed %d times (%s) in the plan", mode, typ, n, route)
					}
				}
				return nil
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: cfg,
						Check: func(s *terraform.State) error {
							for addr, rs := range s.RootModule().Resources {
								ids[addr] = rs.Primary.ID
							}
							return nil
						},
					},
					{
						PreConfig: func() {
							if err := byHand(context.Background(), env.client, ids); err != nil {
								t.Fatal(err)
							}
							env.emu.ResetStats()
						},
						Config: cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             append(expect, recordPlan{into: plan, after: listed}),
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
				},
			})
			mu.Lock()
			plans[mode] = plan
			mu.Unlock()
		})
	}
	if t.Skipped() || len(plans["always"]) == 0 || len(plans["never"]) == 0 {
		return
	}
	if !reflect.DeepEqual(plans["always"], plans["never"]) {
		for addr := range plans["never"] {
			if plans["always"][addr] != plans["never"][addr] {
				t.Errorf("%s: shared reads plan %q, per-object reads plan %q", addr, plans["always"][addr], plans["never"][addr])
			}
		}
	}
}
