package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/directory"
)

// membersRow is one Terraform command on idaas_group_members.
type membersRow struct {
	what      string
	users     int
	wall      time.Duration
	requests  emulator.Stats
	lost      int // memberships the configuration wants that are missing afterwards
	dirLost   int // the directory's concurrent memberships missing afterwards (-1: none made)
	cpu       time.Duration
	peakRSSKi int
}

func (r membersRow) markdown() string {
	routes := make([]string, 0, len(r.requests.ByRoute))
	for route, n := range r.requests.ByRoute {
		routes = append(routes, fmt.Sprintf("%d × `%s`", n, route))
	}
	sort.Strings(routes)
	dir := "–"
	if r.dirLost >= 0 {
		dir = fmt.Sprint(r.dirLost)
	}
	return fmt.Sprintf("| %s | %d | %s | %d | %s | %d | %s | %d | %s |", r.what, r.users, secs(r.wall), r.requests.Total, strings.Join(routes, ", "),
		r.lost, dir, r.peakRSSKi/1024, secs(r.cpu))
}

// membersBench seeds a tenant through the admin API as a directory sync
// would (a group of size users, and add more users in another department),
// then measures, with the real CLI and provider: the apply that adopts the
// big group's membership, a refresh-only plan of it, and an apply that adds
// the add users to an empty group while a directory (another client, as
// another process) adds each of them to a group of its own.
func (b *bench) membersBench(size, add int) ([]membersRow, error) {
	emu := emulator.New(emulator.Options{})
	srv := httptest.NewServer(emu.Handler())
	defer srv.Close()
	c, err := client.New(client.Config{TenantURL: srv.URL, ApplicationID: emu.ApplicationID(), SharedSecret: emu.SharedSecret(), UserAgent: "directory-sync"})
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	start := time.Now()
	people := append(directory.Generated(size, directory.Engineering), directory.Generated(add, directory.Operations)...)
	dir, err := directory.Seed(ctx, c, people, 8)
	if err != nil {
		return nil, err
	}
	devs, err := c.CreateGroup(ctx, client.GroupParms{Name: "AWS Developers"})
	if err != nil {
		return nil, err
	}
	fin, err := c.CreateGroup(ctx, client.GroupParms{Name: "Directory: cost centre 42"})
	if err != nil {
		return nil, err
	}
	big, newcomers := dir.Groups[directory.Engineering], ids(dir, people[size:])
	fmt.Printf("   seeded %d directory users in %s\n", len(people), secs(time.Since(start)))

	ws, err := os.MkdirTemp("", "idaas-bench-members-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(ws)
	rc := filepath.Join(ws, "terraform.rc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"idaas-terraform/idaas\" = %q\n  }\n  direct {}\n}\n", b.bins)
	if err := os.WriteFile(rc, []byte(overrides), 0o600); err != nil {
		return nil, err
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"BENCH_REAL_PROVIDER="+b.idaas, "BENCH_RSS_FILE="+b.rssFile)
	write := func(groups map[string][]string) error {
		var s strings.Builder
		fmt.Fprintf(&s, "terraform {\n  required_providers {\n    idaas = { source = \"idaas-terraform/idaas\" }\n  }\n}\n\n"+
			"provider \"idaas\" {\n  tenant_url     = %q\n  application_id = %q\n  shared_secret  = %q\n}\n", srv.URL, emu.ApplicationID(), emu.SharedSecret())
		names := make([]string, 0, len(groups))
		for name := range groups {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			gid := map[string]string{"engineering": big, "developers": devs.ID}[name]
			fmt.Fprintf(&s, "\nresource \"idaas_group_members\" %q {\n  group_id = %q\n  user_ids = [\n", name, gid)
			for _, id := range groups[name] {
				fmt.Fprintf(&s, "    %q,\n", id)
			}
			s.WriteString("  ]\n}\n")
		}
		return os.WriteFile(filepath.Join(ws, "main.tf"), []byte(s.String()), 0o600)
	}
	run := func(what string, users int, args ...string) (membersRow, error) {
		_ = os.Remove(b.rssFile)
		emu.ResetStats()
		flags := []string{args[0], "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", b.o.parallelism)}
		cmd := exec.Command(b.tf, append(flags, args[1:]...)...)
		cmd.Dir, cmd.Env = ws, env
		t0 := time.Now()
		out, err := cmd.CombinedOutput()
		r := membersRow{what: what, users: users, wall: time.Since(t0), requests: emu.Stats(), dirLost: -1}
		if err != nil {
			return r, fmt.Errorf("terraform %s: %w\n%s", strings.Join(args, " "), err, tail(out))
		}
		r.peakRSSKi, r.cpu = readShim(b.rssFile)
		return r, nil
	}
	var rows []membersRow

	// The big group: its membership taken over (every user already a
	// member: nothing to write), then refreshed.
	bigIDs := ids(dir, people[:size])
	if err := write(map[string][]string{"engineering": bigIDs}); err != nil {
		return nil, err
	}
	// terraform import, not apply: Terraform takes minutes of CPU to plan
	// the creation of a 5,000-element set (see the notes).
	r, err := run(fmt.Sprintf("import: take over a %d-member group", size), size, "import", "idaas_group_members.engineering", big)
	if err != nil {
		return nil, err
	}
	rows = append(rows, r)
	fmt.Println(r.markdown())
	r, err = run(fmt.Sprintf("refresh (plan -refresh-only) of a %d-member group", size), size, "plan", "-refresh-only", "-detailed-exitcode")
	if err != nil {
		return nil, err
	}
	r.lost = size - len(emu.GroupMembers(big))
	rows = append(rows, r)
	fmt.Println(r.markdown())

	// The newcomers into AWS Developers, while the directory puts each of
	// them in its own group.
	if err := write(map[string][]string{"engineering": bigIDs, "developers": newcomers}); err != nil {
		return nil, err
	}
	var wg sync.WaitGroup
	var dirErrs []error
	var mu sync.Mutex
	dirClient, _ := client.New(client.Config{TenantURL: srv.URL, ApplicationID: emu.ApplicationID(), SharedSecret: emu.SharedSecret(), UserAgent: "directory-sync"})
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(500 * time.Millisecond) // into the apply
		if err := dirClient.ChangeGroupMembers(ctx, fin.ID, newcomers, nil, 2); err != nil {
			mu.Lock()
			dirErrs = append(dirErrs, err)
			mu.Unlock()
		}
	}()
	r, err = run(fmt.Sprintf("apply: add %d directory users to a group, a directory adding them to another meanwhile", add), add,
		"apply", "-auto-approve", "-refresh=false")
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if len(dirErrs) > 0 {
		return nil, fmt.Errorf("the directory's writes: %v", dirErrs)
	}
	r.lost = add - len(emu.GroupMembers(devs.ID))
	r.dirLost = add - len(emu.GroupMembers(fin.ID))
	rows = append(rows, r)
	fmt.Println(r.markdown())
	if r.lost != 0 || rows[1].lost != 0 {
		return rows, fmt.Errorf("lost memberships: %d, %d", rows[1].lost, r.lost)
	}
	return rows, nil
}

func ids(d *directory.Directory, people []directory.Person) []string {
	out := make([]string, len(people))
	for i, p := range people {
		out[i] = d.Users[p.UserID()]
	}
	sort.Strings(out)
	return out
}

// membersSection is the group-members benchmark's table.
func membersSection(rows []membersRow) string {
	if len(rows) == 0 {
		return ""
	}
	var s strings.Builder
	s.WriteString("\n## Group members\n\n`idaas_group_members` over users a directory sync put in the tenant (seeded through the admin API, not " +
		"Terraform). A group's members are read in pages of 100 (`userspaged` with a `groupId` search), so a refresh of a group of N members " +
		"costs N / 100 requests plus authenticate. Each membership added is a read-modify-write of that user's groups (the published " +
		"`PUT .../userauthorizationgroup/{userid}/groups` replaces the whole list): a GET checking the user exists before anything is written, " +
		"then, serialized per user, GET, PUT and a GET checking the result. While the last apply runs, a directory (another client, as another " +
		"process) adds each of the same users to a group of its own. Lost is memberships the configuration wants that are missing afterwards; " +
		"directory lost is the directory's. Requests include the plan phase of `apply` (with `-refresh=false` for the last one). " +
		"Requests of the last row include the directory's own (1 authenticate, 1,000 × GET, PUT, GET); the provider's are 2 authenticate, 1 page, " +
		"1,000 × GET (the users exist), 1,000 × GET, PUT, GET. Peak RSS and CPU are the provider processes'. Targets: refresh of a 5,000-member group in at most 51 requests; 0 lost memberships.\n\n")
	s.WriteString("| command | users | wall | admin API requests | by route | lost | directory lost | provider peak RSS MiB | provider CPU |\n")
	s.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		s.WriteString(r.markdown() + "\n")
	}
	return s.String()
}
