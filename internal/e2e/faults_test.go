package e2e

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

// faultRuns is how many times the fault suite applies examples/aws-sso from
// scratch (IDAAS_FAULT_RUNS overrides it).
func faultRuns() int {
	if n, err := strconv.Atoi(os.Getenv("IDAAS_FAULT_RUNS")); err == nil && n > 0 {
		return n
	}
	return 20
}

// The fault suite: the whole AWS configuration applied from scratch under
// 20% injected faults of every kind (5xx, 429 with and without Retry-After,
// connection resets, writes committed and then left unanswered), on the
// admin API and on the SCIM server. Every run must converge with exactly one
// object per resource, an empty plan, and nothing left after destroy.
func TestFaultSuite(t *testing.T) {
	runs := faultRuns()
	var mu sync.Mutex
	var totalAdmin emulator.FaultCounts
	var totalSCIM, totalSCIM429, totalRequests int
	t.Run("runs", func(t *testing.T) {
		for i := 1; i <= runs; i++ {
			t.Run(fmt.Sprintf("run%02d", i), func(t *testing.T) {
				t.Parallel()
				admin, scim, requests := faultRun(t, int64(i))
				mu.Lock()
				totalAdmin.Status5xx += admin.Status5xx
				totalAdmin.Status429 += admin.Status429
				totalAdmin.Resets += admin.Resets
				totalAdmin.DroppedAfterCommit += admin.DroppedAfterCommit
				totalSCIM += scim.FaultsInjected
				totalSCIM429 += scim.Injected429
				totalRequests += requests
				mu.Unlock()
			})
		}
	})
	t.Logf("fault suite: %d runs; admin API faults injected: %d 5xx, %d 429, %d resets, %d writes dropped after commit; SCIM faults injected: %d; admin API requests: %d",
		runs, totalAdmin.Status5xx, totalAdmin.Status429, totalAdmin.Resets, totalAdmin.DroppedAfterCommit, totalSCIM, totalRequests)
	// The suite tests what it says only if every kind of fault was injected,
	// and not just once: on the admin API (about 80 requests a run) at least
	// one of each kind per run on average; on the SCIM server, which a run
	// reaches only a few times, one fault per four runs and one 429 per ten.
	for _, want := range []struct {
		kind   string
		n, min int
	}{
		{"admin API 5xx", totalAdmin.Status5xx, runs}, {"admin API 429", totalAdmin.Status429, runs},
		{"admin API connection reset", totalAdmin.Resets, runs}, {"admin API write dropped after commit", totalAdmin.DroppedAfterCommit, runs},
		{"SCIM (any kind)", totalSCIM, (runs + 3) / 4}, {"SCIM 429", totalSCIM429, (runs + 9) / 10},
	} {
		if want.n < want.min {
			t.Errorf("%d %s faults injected in %d runs, want at least %d", want.n, want.kind, runs, want.min)
		}
	}
}

func faultRun(t *testing.T, seed int64) (emulator.FaultCounts, scimmock.Stats, int) {
	w, _ := newAWSSSOWorkspaceWithSCIM(t)
	retryAfter := seed%2 == 0
	w.emu.SetFaults(emulator.Faults{Rate5xx: 0.05, Rate429: 0.05, RetryAfter: retryAfter, RateReset: 0.04, RateDropAfterCommit: 0.06, JitterMs: 3, Seed: seed})
	w.emu.SCIM().SetFaults(scimmock.Faults{Rate5xx: 0.05, Rate429: 0.05, RetryAfter: retryAfter, RateReset: 0.04, RateDropAfterCommit: 0.06, JitterMs: 3, Seed: seed})

	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	adminFaults := w.emu.FaultCounts()
	scimStats := w.emu.SCIM().Stats()
	requests := w.emu.Stats().Total

	w.checkOneOfEachAWSSSO()

	w.run(0, "destroy", "-auto-approve", "-input=false", "-no-color")
	inv := w.emu.Inventory()
	for kind, n := range inv.Counts {
		if n != 0 {
			t.Errorf("destroy left %d %s objects: %v", n, kind, inv.Names[kind])
		}
	}
	t.Logf("seed %d: admin faults %+v, SCIM faults %d (%d 429), admin requests %d", seed, adminFaults, scimStats.FaultsInjected, scimStats.Injected429, requests)
	return adminFaults, scimStats, requests
}
