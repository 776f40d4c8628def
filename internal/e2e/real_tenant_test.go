package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// TestRealTenant runs the foundation's lifecycle against a real tenant, and
// only when IDAAS_ACC_TENANT_URL, IDAAS_ACC_APPLICATION_ID and
// IDAAS_ACC_SHARED_SECRET are set (the rest of the suite only ever talks to
// emulators on loopback): apply, empty plan, a change through the admin API
// shown as drift, import blocks with generated configuration planning clean,
// destroy. Objects are named with a run-specific prefix and destroyed at the
// end.
func TestRealTenant(t *testing.T) {
	url, app, secret := os.Getenv("IDAAS_ACC_TENANT_URL"), os.Getenv("IDAAS_ACC_APPLICATION_ID"), os.Getenv("IDAAS_ACC_SHARED_SECRET")
	if url == "" || app == "" || secret == "" {
		t.Skip("set IDAAS_ACC_TENANT_URL, IDAAS_ACC_APPLICATION_ID and IDAAS_ACC_SHARED_SECRET to run against a real tenant")
	}
	prefix := fmt.Sprintf("tfacc-%d", time.Now().Unix())
	w := newWorkspace(t, "")
	w.env = append(w.env, "TF_VAR_tenant_url="+url, "TF_VAR_application_id="+app, "TF_VAR_shared_secret="+secret)
	config := strings.NewReplacer(`"AWS Administrators"`, `"`+prefix+` admins"`, `"AWS Developers"`, `"`+prefix+` devs"`,
		`"Cost Centre"`, `"`+prefix+` cost centre"`, `"jane.doe@example.com"`, `"`+prefix+`.jane@example.com"`).Replace(foundation)
	w.write(config)
	defer w.run(0, "destroy", "-auto-approve", "-input=false", "-no-color")
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")

	c, err := client.New(client.Config{TenantURL: url, ApplicationID: app, SharedSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	id := w.managedIDs()["idaas_group.admins"]
	if _, err := c.UpdateGroup(context.Background(), id, client.GroupParms{Name: prefix + " renamed"}); err != nil {
		t.Fatal(err)
	}
	w.run(2, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")

	n := w.replaceStateWithImportBlocks()
	w.run(2, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	out := w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", n)) {
		t.Errorf("the import apply changed something:\n%s", out)
	}
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}
