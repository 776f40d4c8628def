package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// queryRow is one `terraform query` of one list block over a seeded tenant.
type queryRow struct {
	what            string
	objects         int
	includeResource bool
	wall            time.Duration
	requests        int // on the paged search's route
	total           int // every admin API request, authenticate included
	peakRSSKiB      int
	cpu             time.Duration // the provider's
}

func (r queryRow) markdown() string {
	return fmt.Sprintf("| %s | %d | %t | %s | %d | %d | %d | %s |", r.what, r.objects, r.includeResource, secs(r.wall), r.requests, r.total,
		r.peakRSSKiB/1024, secs(r.cpu))
}

// queryBench seeds a tenant with users users and groups groups through the
// admin API, as a tenant built in the console would be, then times
// `terraform query` of each type, without and with include_resource.
func (b *bench) queryBench(users, groups int) ([]queryRow, error) {
	emu := emulator.New(emulator.Options{})
	srv := httptest.NewServer(emu.Handler())
	defer srv.Close()
	c, err := client.New(client.Config{TenantURL: srv.URL, ApplicationID: emu.ApplicationID(), SharedSecret: emu.SharedSecret()})
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := seed(c, users, groups); err != nil {
		return nil, err
	}
	fmt.Printf("   seeded %d users and %d groups in %s\n", users, groups, secs(time.Since(start)))
	dir, err := os.MkdirTemp("", "idaas-bench-query-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	rc := filepath.Join(dir, "terraform.rc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"idaas-terraform/idaas\" = %q\n  }\n  direct {}\n}\n", b.bins)
	main := fmt.Sprintf("terraform {\n  required_providers {\n    idaas = { source = \"idaas-terraform/idaas\" }\n  }\n}\n\n"+
		"provider \"idaas\" {\n  tenant_url     = %q\n  application_id = %q\n  shared_secret  = %q\n}\n", srv.URL, emu.ApplicationID(), emu.SharedSecret())
	if err := os.WriteFile(rc, []byte(overrides), 0o600); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o600); err != nil {
		return nil, err
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"BENCH_REAL_PROVIDER="+b.idaas, "BENCH_RSS_FILE="+b.rssFile)
	var rows []queryRow
	for _, q := range []struct {
		typ, route string
		n          int
	}{{"idaas_user", "POST /api/web/v1/userspaged", users}, {"idaas_group", "POST /api/web/v1/groupspaged", groups}} {
		for _, include := range []bool{false, true} {
			query := fmt.Sprintf("list %q \"all\" {\n  provider         = idaas\n  include_resource = %t\n  limit            = %d\n}\n", q.typ, include, q.n+1)
			if err := os.WriteFile(filepath.Join(dir, "all.tfquery.hcl"), []byte(query), 0o600); err != nil {
				return nil, err
			}
			_ = os.Remove(b.rssFile)
			emu.ResetStats()
			cmd := exec.Command(b.tf, "query", "-no-color", "-json")
			cmd.Dir, cmd.Env = dir, env
			t0 := time.Now()
			out, err := cmd.Output()
			wall := time.Since(t0)
			if err != nil {
				return nil, fmt.Errorf("terraform query %s: %w\n%s", q.typ, err, tail(out))
			}
			if found := strings.Count(string(out), `"type":"list_resource_found"`); found != q.n {
				return nil, fmt.Errorf("terraform query %s found %d objects, want %d", q.typ, found, q.n)
			}
			st := emu.Stats()
			r := queryRow{what: q.typ, objects: q.n, includeResource: include, wall: wall, requests: st.ByRoute[q.route], total: st.Total}
			r.peakRSSKiB, r.cpu = readShim(b.rssFile)
			fmt.Println(r.markdown())
			rows = append(rows, r)
		}
	}
	return rows, nil
}

// seed creates users users (each in one of the groups) and groups groups,
// eight requests at a time.
func seed(c *client.Client, users, groups int) error {
	ctx := context.Background()
	groupIDs := make([]string, groups)
	work := make(chan func() error)
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				if err := f(); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for i := range groups {
		work <- func() error {
			g, err := c.CreateGroup(ctx, client.GroupParms{Name: fmt.Sprintf("Group %04d", i)})
			if err == nil {
				groupIDs[i] = g.ID
			}
			return err
		}
	}
	for i := range users {
		work <- func() error {
			first, last, email := fmt.Sprintf("First%05d", i), "Last", fmt.Sprintf("user%05d@example.com", i)
			u, err := c.CreateUser(ctx, client.UserParms{UserID: email, FirstName: &first, LastName: &last, Email: &email})
			if err == nil && groups > 0 && groupIDs[i%groups] != "" {
				err = c.SetUserGroups(ctx, u.ID, []string{groupIDs[i%groups]})
			}
			return err
		}
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// querySection is the query benchmark's table.
func querySection(rows []queryRow) string {
	if len(rows) == 0 {
		return ""
	}
	var s strings.Builder
	s.WriteString("\n## terraform query\n\n`terraform query` of one list block over a tenant seeded through the admin API (users each in one group), " +
		"with `limit` above the tenant's size, without and with `include_resource` (which also fetches each user's groups and custom " +
		"attribute values, in the same pages). Requests counts the paged search's requests (page size 100: objects / 100, rounded up); " +
		"total is every admin API request, authenticate included. Peak RSS and CPU are the provider process's. Targets: 10,000 users " +
		"under 15 s and 200 MB.\n\n")
	s.WriteString("| list | objects | include_resource | wall | requests | total requests | provider peak RSS MiB | provider CPU |\n")
	s.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		s.WriteString(r.markdown() + "\n")
	}
	return s.String()
}
