package client_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
)

// paceRun sends n GETs, ten at a time, through a client of an emulator
// limited to limit requests/s, and returns the emulator's counters.
func paceRun(t *testing.T, limit, maxRPS float64, n int) (emulator.Stats, client.Config) {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	cfg := client.Config{MaxRequestsPerSecond: maxRPS, RetryWaitMin: 10 * time.Millisecond, RetryWaitMax: 2 * time.Second}
	_, c := emutest.Serve(t, emu, cfg)
	ctx := context.Background()
	g, err := c.CreateGroup(ctx, client.GroupParms{Name: "paced"})
	if err != nil {
		t.Fatal(err)
	}
	emu.SetRateLimit(limit)
	emu.ResetStats()
	work := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed []error
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range work {
				if _, err := c.GetGroup(ctx, g.ID); err != nil {
					mu.Lock()
					failed = append(failed, err)
					mu.Unlock()
				}
			}
		}()
	}
	for range n {
		work <- struct{}{}
	}
	close(work)
	wg.Wait()
	if len(failed) > 0 {
		t.Fatalf("%d of %d requests failed, first: %v", len(failed), n, failed[0])
	}
	st := emu.Stats()
	if st.Failed() != 0 {
		t.Fatalf("the emulator answered %d failures: %v", st.Failed(), st.ByStatus)
	}
	return st, cfg
}

// Without max_requests_per_second the client learns the tenant's limit
// from its RateLimit headers and 429s and paces itself: every request
// succeeds, and few are answered 429 (an unpaced client sending ten at a
// time runs into the limit on most of them).
func TestClientAdaptsToTheTenantsRateLimit(t *testing.T) {
	t.Parallel()
	const n = 120
	st, _ := paceRun(t, 40, 0, n)
	if st.RateLimited > n/20 {
		t.Errorf("%d of %d requests were answered 429; a client that paces itself sees few", st.RateLimited, st.Total)
	}
}

// With max_requests_per_second under the tenant's limit, no request is
// answered 429.
func TestClientKeepsToMaxRequestsPerSecond(t *testing.T) {
	t.Parallel()
	st, _ := paceRun(t, 40, 30, 60)
	if st.RateLimited != 0 {
		t.Errorf("%d requests answered 429 at 30/s under a limit of 40/s", st.RateLimited)
	}
}
