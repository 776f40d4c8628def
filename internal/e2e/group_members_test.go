package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/directory"
)

// examples/directory-users against a tenant that a directory sync filled:
// the engineers and Grace, read with data "idaas_users" and "idaas_user",
// are put in the AWS groups and provisioned; they reach the SCIM server as
// members of the AWS groups, and the plan after apply is empty.
func TestDirectoryUsersExample(t *testing.T) {
	w := newWorkspace(t, "")
	skipBelowCLI(t, "1.11.0", "examples/directory-users takes its secrets as ephemeral variables into write-only arguments")
	if err := os.Remove(filepath.Join(w.dir, "main.tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(w.dir, os.DirFS(filepath.Join("..", "..", "examples", "directory-users"))); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dir, err := directory.Seed(ctx, w.client(), directory.People, 4)
	if err != nil {
		t.Fatal(err)
	}
	mock := w.emu.SCIM()
	tok, err := mock.IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	w.env = append(w.env, "TF_VAR_scim_endpoint="+w.srv.URL+mock.BasePath(), "TF_VAR_scim_token="+tok)
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")

	engineers, admins := map[string]bool{}, map[string]bool{}
	for _, p := range directory.People {
		switch {
		case p.Department == directory.Engineering:
			engineers[dir.Users[p.UserID()]] = true
		case p.UserID() == "grace.hopper@example.com":
			admins[dir.Users[p.UserID()]] = true
		}
	}
	// In the tenant.
	tenant := w.client()
	for name, want := range map[string]map[string]bool{"AWS Developers": engineers, "AWS Administrators": admins} {
		g, err := tenant.FindGroupByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.emu.GroupMembers(g.ID); !slices.Equal(got, keys(want)) {
			t.Errorf("%s has members %v in the tenant, want %v", name, got, keys(want))
		}
	}
	// In AWS: the users, by the tenant UUID as externalId, and the groups'
	// members.
	byExternal := map[string]string{}
	for _, u := range mock.Users() {
		ext, _ := u["externalId"].(string)
		id, _ := u["id"].(string)
		byExternal[ext] = id
	}
	if len(byExternal) != len(engineers)+len(admins) {
		t.Errorf("the SCIM server holds %d users, want %d", len(byExternal), len(engineers)+len(admins))
	}
	for name, want := range map[string]map[string]bool{"AWS Developers": engineers, "AWS Administrators": admins} {
		var members []string
		found := false
		for _, g := range mock.Groups() {
			if g.DisplayName != name {
				continue
			}
			found = true
			members = append(members, g.Members...)
		}
		var wantSCIM []string
		for id := range want {
			if byExternal[id] == "" {
				t.Errorf("user %s did not reach the SCIM server", id)
			}
			wantSCIM = append(wantSCIM, byExternal[id])
		}
		sort.Strings(members)
		sort.Strings(wantSCIM)
		if !found || !slices.Equal(members, wantSCIM) {
			t.Errorf("%s in the SCIM server: found %v, members %v, want %v", name, found, members, wantSCIM)
		}
	}
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// client is an admin API client of the workspace's emulator.
func (w *workspace) client() *client.Client {
	w.t.Helper()
	c, err := client.New(client.Config{TenantURL: w.srv.URL, ApplicationID: w.emu.ApplicationID(), SharedSecret: w.emu.SharedSecret(), UserAgent: "directory-sync"})
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

// 50 idaas_group_members naming the same 20 directory users, applied with
// -parallelism=10, while the directory writes each user's groups once
// during the apply from a stale read (it puts back the groups it read
// before the provider's first write of that user, plus its own Finance
// group): every one of the 50×20 memberships is in the tenant afterwards,
// and so are the directory's, and the plan is empty.
func TestGroupMembersParallelWithDirectory(t *testing.T) {
	const groups, users = 50, 20
	w := newWorkspace(t, "")
	ctx := context.Background()
	people := append(directory.Generated(users, directory.Engineering), directory.Person{First: "Fin", Last: "Ance", Department: directory.Finance})
	dir, err := directory.Seed(ctx, w.client(), people, 4)
	if err != nil {
		t.Fatal(err)
	}
	finance := dir.Groups[directory.Finance]
	ids := make([]string, 0, users)
	for _, p := range people[:users] {
		ids = append(ids, dir.Users[p.UserID()])
	}
	sort.Strings(ids)

	// The directory's out-of-band write, once per user, right after the
	// provider's first write of that user's groups.
	dirClient := w.client()
	var mu sync.Mutex
	done := map[string]bool{}
	h := w.handler // the emulator, checked against the API documents
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		parts := strings.Split(r.URL.Path, "/")
		provider := strings.HasPrefix(r.Header.Get("User-Agent"), "terraform-provider-idaas")
		if !provider || r.Method != http.MethodPut || len(parts) != 7 || parts[4] != "userauthorizationgroup" {
			h.ServeHTTP(rw, r)
			return
		}
		id := parts[5]
		mu.Lock()
		first := !done[id]
		done[id] = true
		mu.Unlock()
		before := w.emu.UserGroups(id)
		h.ServeHTTP(rw, r)
		if first {
			if err := dirClient.SetUserGroups(r.Context(), id, append(before, finance)); err != nil {
				t.Errorf("the directory's write: %v", err)
			}
		}
	}))
	t.Cleanup(srv.Close)
	w.env = append(w.env, "TF_VAR_tenant_url="+srv.URL)

	w.write(providerBlock + fmt.Sprintf(`
locals {
  users = [%s]
}
resource "idaas_group" "g" {
  count = %d
  name  = "AWS group ${count.index}"
}
resource "idaas_group_members" "g" {
  count    = %d
  group_id = idaas_group.g[count.index].id
  user_ids = local.users
}
`, quoted(ids), groups, groups))
	start := time.Now()
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10")
	t.Logf("apply of %d resources x %d users: %s; %d users written by the directory during it", groups, users, time.Since(start), len(done))

	if len(done) != users {
		t.Errorf("the directory wrote %d users, want %d", len(done), users)
	}
	missing := 0
	for _, id := range ids {
		got := w.emu.UserGroups(id)
		// 50 AWS groups, Engineering (seeded) and Finance (the directory's
		// write during the apply).
		if len(got) != groups+2 || !slices.Contains(got, finance) || !slices.Contains(got, dir.Groups[directory.Engineering]) {
			missing += groups + 2 - len(got)
			t.Errorf("user %s is in %d groups, want %d (Finance: %t)", id, len(got), groups+2, slices.Contains(got, finance))
		}
	}
	if n := w.emu.Memberships(); n != users*(groups+2)+1 {
		t.Errorf("%d memberships in the tenant, want %d (%d missing from the checked users)", n, users*(groups+2)+1, missing)
	}
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}

func quoted(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
