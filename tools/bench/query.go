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
	"syscall"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// queryRow is one `terraform query` measured.
type queryRow struct {
	name         string
	results      int
	wall         time.Duration
	requests     int
	listRequests int
	providerKiB  int
	terraformKiB int
	providerCPU  time.Duration
	pageSize     int
	listRoute    string
}

// queryBench measures `terraform query` over a tenant of users and one of
// groups: wall time, admin API requests, and the peak RSS of the provider
// (through the shim) and of Terraform.
func (b *bench) queryBench(users, groups int) ([]queryRow, error) {
	var rows []queryRow
	if users > 0 {
		for _, include := range []bool{false, true} {
			r, err := b.measureQuery("idaas_user", users, include)
			if err != nil {
				return rows, err
			}
			rows = append(rows, r)
		}
	}
	if groups > 0 {
		r, err := b.measureQuery("idaas_group", groups, false)
		if err != nil {
			return rows, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// seedTenant makes n users (or groups) through the admin API, eight at a
// time.
func seedTenant(ctx context.Context, c *client.Client, typ string, n int) error {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	next := make(chan int)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var err error
				if typ == "idaas_user" {
					first, last := fmt.Sprintf("First%05d", i), "Bench"
					_, err = c.CreateUser(ctx, client.UserParms{UserID: fmt.Sprintf("user-%05d@example.com", i), FirstName: &first, LastName: &last})
				} else {
					_, err = c.CreateGroup(ctx, client.GroupParms{Name: fmt.Sprintf("Group %05d", i)})
				}
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func (b *bench) measureQuery(typ string, n int, include bool) (queryRow, error) {
	r := queryRow{name: fmt.Sprintf("%d %s", n, strings.TrimPrefix(typ, "idaas_")+"s"), results: n, pageSize: client.PageSize}
	if include {
		r.name += ", include_resource"
	}
	r.listRoute = map[string]string{"idaas_user": "POST /api/web/v1/userspaged", "idaas_group": "POST /api/web/v1/groupspaged"}[typ]
	emu := emulator.New(emulator.Options{})
	srv := httptest.NewServer(emu.Handler())
	defer srv.Close()
	c, err := client.New(client.Config{TenantURL: srv.URL, ApplicationID: emu.ApplicationID(), SharedSecret: emu.SharedSecret()})
	if err != nil {
		return r, err
	}
	start := time.Now()
	if err := seedTenant(context.Background(), c, typ, n); err != nil {
		return r, err
	}
	fmt.Printf("   seeded %d %s in %s\n", n, typ, secs(time.Since(start)))

	dir, err := os.MkdirTemp("", "idaas-bench-query-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	rc := filepath.Join(dir, "terraform.rc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"idaas-terraform/idaas\" = %q\n  }\n  direct {}\n}\n", b.bins)
	if err := os.WriteFile(rc, []byte(overrides), 0o600); err != nil {
		return r, err
	}
	main := fmt.Sprintf(`terraform {
  required_providers {
    idaas = { source = "idaas-terraform/idaas" }
  }
}
variable "shared_secret" {
  type      = string
  sensitive = true
}
provider "idaas" {
  tenant_url     = %q
  application_id = %q
  shared_secret  = var.shared_secret
}
`, srv.URL, emu.ApplicationID())
	query := fmt.Sprintf("list %q \"all\" {\n  provider         = idaas\n  include_resource = %t\n  limit            = %d\n}\n", typ, include, n+1)
	for name, text := range map[string]string{"main.tf": main, "bench.tfquery.hcl": query} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			return r, err
		}
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"BENCH_REAL_PROVIDER="+b.idaas, "BENCH_RSS_FILE="+b.rssFile, "TF_VAR_shared_secret="+emu.SharedSecret())
	_ = os.Remove(b.rssFile)
	emu.ResetStats()
	cmd := exec.Command(b.tf, "query", "-no-color")
	cmd.Dir, cmd.Env = dir, env
	start = time.Now()
	out, err := cmd.CombinedOutput()
	r.wall = time.Since(start)
	if err != nil {
		return r, fmt.Errorf("terraform query (%s): %w\n%s", r.name, err, tail(out))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.terraformKiB = int(ru.Maxrss)
	}
	r.providerKiB, r.providerCPU = readShim(b.rssFile)
	st := emu.Stats()
	r.requests, r.listRequests = st.Total, st.ByRoute[r.listRoute]
	if got := strings.Count(string(out), "\n") - 1; got < n {
		return r, fmt.Errorf("terraform query (%s) printed %d lines for %d objects:\n%s", r.name, got, n, tail(out))
	}
	fmt.Printf("   query %-36s %-7s requests %5d (%s: %d) provider RSS %4d MiB (cpu %s) terraform RSS %4d MiB\n", r.name, secs(r.wall),
		r.requests, r.listRoute, r.listRequests, r.providerKiB/1024, secs(r.providerCPU), r.terraformKiB/1024)
	return r, nil
}

// querySection is the `terraform query` benchmark's table.
func (b *bench) querySection(rows []queryRow) string {
	if len(rows) == 0 {
		return ""
	}
	var s strings.Builder
	fmt.Fprintf(&s, "\n## terraform query\n\n`terraform query` of one list block over a tenant seeded through the admin API (`go run ./tools/bench -query`): "+
		"the users (userId, first and last name) or groups, listed a page of %d at a time (`userspaged`, `groupspaged`). "+
		"With `include_resource` the same pages also carry each user's groups and custom attribute values, and every result holds "+
		"the full resource. Requests are the admin API requests of the whole command; expected is what paging costs: "+
		"objects / page size, rounded up, plus the authenticate call. "+
		"Peak RSS is the provider process's (through the shim) and Terraform's, which holds and prints every result. Target for 10,000 users: "+
		"under 15 s and under 200 MB.\n\n", client.PageSize)
	s.WriteString("| query | wall | requests | page requests | expected (pages + 1) | provider peak RSS MiB | provider CPU | Terraform peak RSS MiB |\n")
	s.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&s, "| %s | %s | %d | %d | %d | %d | %s | %d |\n", r.name, secs(r.wall), r.requests, r.listRequests,
			(r.results+r.pageSize-1)/r.pageSize+1, r.providerKiB/1024, secs(r.providerCPU), r.terraformKiB/1024)
	}
	return s.String()
}
