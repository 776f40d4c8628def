package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

// The synchronizations of a provisioner, by status, up to a limit; one
// still running only when asked for.
func provisionerSyncListQuery(t *testing.T, env *testEnv, clock *testClock) []resource.TestStep {
	aws, generic := consoleProvisioners(t, env, clock)
	// A third synchronization still running (every SCIM request of it
	// takes 5 s): listed only when asked for by status.
	ctx := context.Background()
	if _, err := env.client.CreateUser(ctx, client.UserParms{UserID: "slow@example.com", FirstName: ptr("Slow"), LastName: ptr("Sync")}); err != nil {
		t.Fatal(err)
	}
	startSlowSync := func() {
		env.emu.SCIM().SetFaults(scimmock.Faults{LatencyMs: 5000})
		if op, err := env.client.SyncProvisioner(ctx, aws); err != nil || op.Done() {
			t.Fatal(op, err)
		}
	}
	return []resource.TestStep{{
		PreConfig: startSlowSync, // not before: a parallel test waits for the others
		Query:     true,
		Config: env.config(`
list "idaas_provisioner_sync" "all" {
  provider = idaas
}
list "idaas_provisioner_sync" "aws" {
  provider         = idaas
  include_resource = true
  limit            = 1
  config {
    provisioner_id = %q
    status         = "SUCCEEDED"
  }
}
list "idaas_provisioner_sync" "failed" {
  provider = idaas
  config {
    provisioner_id = %[1]q
    status         = "FAILED"
  }
}
list "idaas_provisioner_sync" "running" {
  provider = idaas
  config {
    status = "RUNNING"
  }
}
list "idaas_provisioner_sync" "none" {
  provider = idaas
  config {
    provisioner_id = %q
  }
}
`, aws, generic),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("idaas_provisioner_sync.all", 2),
			querycheck.ExpectLength("idaas_provisioner_sync.aws", 1), // the limit
			querycheck.ExpectLength("idaas_provisioner_sync.failed", 0),
			querycheck.ExpectLength("idaas_provisioner_sync.running", 1),
			querycheck.ExpectLength("idaas_provisioner_sync.none", 0),
			querycheck.ExpectIdentity("idaas_provisioner_sync.aws", map[string]knownvalue.Check{
				"provisioner_id": knownvalue.StringExact(aws), "operation_id": uuidValue}),
			querycheck.ExpectResourceKnownValues("idaas_provisioner_sync.aws",
				queryfilter.ByDisplayName(knownvalue.StringRegexp(regexp.MustCompile(`^AWS IAM Identity Center: \d{4}-\d\d-\d\dT\S+ SUCCEEDED$`))),
				[]querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("provisioner_id"), KnownValue: knownvalue.StringExact(aws)},
					{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("SUCCEEDED")},
					{Path: tfjsonpath.New("triggers"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("failures"), KnownValue: knownvalue.ListSizeExact(0)},
				}),
		},
	}}
}
