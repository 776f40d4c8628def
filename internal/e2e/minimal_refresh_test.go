package e2e

import (
	"strings"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// terraform plan -minimal-refresh (Terraform 1.17) of examples/aws-sso
// after apply: what it costs the tenant next to a plain plan, and whether
// it still shows a change made in the console.
func TestMinimalRefreshAWSSSO(t *testing.T) {
	w, _ := newAWSSSOWorkspaceWithSCIM(t)
	skipBelowCLI(t, "1.17.0", "-minimal-refresh")
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	plan := []string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}
	full := w.costOf(0, plan...)
	minimal := w.costOf(0, append(plan, "-minimal-refresh")...)
	t.Logf("plan: %d admin API requests %v", full.Total, full.ByRoute)
	t.Logf("plan -minimal-refresh: %d admin API requests %v", minimal.Total, minimal.ByRoute)
	if minimal.Total >= full.Total {
		t.Errorf("plan -minimal-refresh made %d requests, a plain plan %d: it should refresh less", minimal.Total, full.Total)
	}

	// An administrator renames a group in the console.
	c, err := client.New(client.Config{TenantURL: w.srv.URL, ApplicationID: w.emu.ApplicationID(), SharedSecret: w.emu.SharedSecret()})
	if err != nil {
		t.Fatal(err)
	}
	g, err := c.FindGroupByName(t.Context(), "AWS Developers")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateGroup(t.Context(), g.ID, client.GroupParms{Name: "AWS Engineers"}); err != nil {
		t.Fatal(err)
	}
	out, code := w.runCode(append(plan, "-minimal-refresh")...)
	t.Logf("plan -minimal-refresh after the rename: exit %d\n%s", code, out[max(0, strings.LastIndex(out, "Terraform")):])
	if code != 0 || !strings.Contains(out, "No changes.") {
		t.Errorf("plan -minimal-refresh after an out-of-band rename: exit %d; Terraform 1.17.0-beta1 refreshes only resources with proposed changes, so it was expected not to see it\n%s", code, out)
	}
	out = w.run(2, plan...)
	if !strings.Contains(out, `~ name = "AWS Engineers" -> "AWS Developers"`) {
		t.Errorf("a plain plan does not show the rename:\n%s", out)
	}
}
