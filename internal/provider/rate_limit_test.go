package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// Against a tenant that limits the application to 30 requests/s, applying
// and planning 60 resources (each read by itself) completes with no failed
// request: the provider, without max_requests_per_second, learns the
// limit from the tenant's answers and paces itself, so that few requests
// are answered 429 at all, and those are retried. Not timed.
func TestAccRateLimitedTenant_noFailedRequests(t *testing.T) {
	env := newTestEnvWithOptions(t, emulator.Options{RateLimit: 30})
	cfg := fmt.Sprintf(`
provider "idaas" {
  tenant_url     = %q
  application_id = %q
  shared_secret  = %q
  shared_reads   = "never"
}
resource "idaas_group" "g" {
  count = 60
  name  = "group ${count.index}"
}
`, env.srv.URL, env.emu.ApplicationID(), env.emu.SharedSecret())
	testSteps(t, nil,
		resource.TestStep{Config: cfg},
		resource.TestStep{
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(*terraform.State) error {
				st := env.emu.Stats()
				t.Logf("%d admin API requests, %d answered 429, %d failed", st.Total, st.RateLimited, st.Failed())
				if st.Failed() != 0 {
					return fmt.Errorf("%d requests failed (%v)", st.Failed(), st.ByStatus)
				}
				if st.Total < 150 {
					return fmt.Errorf("only %d requests: the test no longer loads the limit", st.Total)
				}
				if st.RateLimited > st.Total/20 {
					return fmt.Errorf("%d of %d requests were answered 429: the provider does not pace itself", st.RateLimited, st.Total)
				}
				return nil
			},
		},
	)
}
