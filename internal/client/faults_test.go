package client_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
)

// Under every kind of injected fault, including writes whose answer is
// lost after they were committed, creates neither fail nor duplicate.
func TestCreatesSurviveFaultsWithoutDuplicates(t *testing.T) {
	emu := emulator.New(emulator.Options{})
	emu.SetFaults(emulator.Faults{Rate5xx: 0.1, Rate429: 0.1, RetryAfter: true, RateReset: 0.1, RateDropAfterCommit: 0.2, JitterMs: 2, Seed: 7})
	_, c := emutest.Serve(t, emu, client.Config{MaxRetries: 30, RetryWaitMin: time.Millisecond, RetryWaitMax: 10 * time.Millisecond})
	ctx := context.Background()
	const n = 60
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := c.CreateGroup(ctx, client.GroupParms{Name: fmt.Sprintf("group-%02d", i)}); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	emu.SetFaults(emulator.Faults{})
	groups, err := c.ListGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != n {
		t.Fatalf("%d groups on the server, want %d", len(groups), n)
	}
	counts := emu.FaultCounts()
	if counts.DroppedAfterCommit == 0 || counts.Status5xx == 0 || counts.Resets == 0 || counts.Status429 == 0 {
		t.Fatalf("not every fault kind was exercised: %+v", counts)
	}
	t.Logf("faults injected: %+v", counts)
}
