// Package directory stands in for a directory sync (Active Directory, LDAP,
// an HR system): it puts users and their directory groups into a tenant the
// way such a sync leaves them, through the admin API only, so that a test,
// the demo or a benchmark starts from users that Terraform does not own.
// Users get a userId and e-mail address at Domain, first and last names, an
// externalId (the directory's id of the user) and membership of their
// department's group, whose externalId is its distinguished name.
package directory

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// Domain is the e-mail domain of the directory's users.
const Domain = "example.com"

// Person is one user of the directory.
type Person struct {
	First, Last, Department string
}

// UserID is the person's userId and e-mail address: first.last@Domain.
func (p Person) UserID() string {
	return strings.ToLower(p.First + "." + p.Last + "@" + Domain)
}

// ExternalID is the directory's id of the person.
func (p Person) ExternalID() string {
	return "ad-" + strings.ToLower(p.First+"."+p.Last)
}

// GroupDN is the distinguished name of a department's group: its externalId
// in the tenant.
func GroupDN(department string) string {
	return "CN=" + department + ",OU=Groups,DC=example,DC=com"
}

// Departments of the default directory.
const (
	Engineering = "Engineering"
	Finance     = "Finance"
	Operations  = "Operations"
)

// People is the default directory: what examples/directory-users expects.
// Grace Hopper runs operations, and is the one AWS administrator.
var People = []Person{
	{"Ada", "Lovelace", Engineering},
	{"Alan", "Turing", Engineering},
	{"Katherine", "Johnson", Engineering},
	{"Linus", "Torvalds", Engineering},
	{"Grace", "Hopper", Operations},
	{"John", "Smith", Finance},
	{"Mary", "Jones", Finance},
}

// Generated is n people of a department, named Person0001 Department and
// on, for benchmarks.
func Generated(n int, department string) []Person {
	out := make([]Person, n)
	for i := range out {
		out[i] = Person{First: fmt.Sprintf("Person%04d", i), Last: department, Department: department}
	}
	return out
}

// Directory is what Seed made: ids by userId and by department.
type Directory struct {
	Users  map[string]string // userId -> user UUID
	Groups map[string]string // department -> group UUID
}

// UserIDs returns the UUIDs of the users made, sorted.
func (d *Directory) UserIDs() []string {
	out := make([]string, 0, len(d.Users))
	for _, id := range d.Users {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Seed synchronizes people into the tenant through c, as a directory sync
// would: a group per department (named after it, externalId its DN) and
// each person as a user in that group. It makes each call the console
// would; workers people are made at a time (1 or less: one at a time).
func Seed(ctx context.Context, c *client.Client, people []Person, workers int) (*Directory, error) {
	d := &Directory{Users: map[string]string{}, Groups: map[string]string{}}
	for _, p := range people {
		if _, ok := d.Groups[p.Department]; ok {
			continue
		}
		dn := GroupDN(p.Department)
		g, err := c.CreateGroup(ctx, client.GroupParms{Name: p.Department, ExternalID: &dn})
		if err != nil {
			return nil, fmt.Errorf("directory group %s: %w", p.Department, err)
		}
		d.Groups[p.Department] = g.ID
	}
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []string
	)
	work := make(chan Person)
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				id, err := seedOne(ctx, c, p, d.Groups[p.Department])
				mu.Lock()
				if err != nil {
					errs = append(errs, err.Error())
				} else {
					d.Users[p.UserID()] = id
				}
				mu.Unlock()
			}
		}()
	}
	for _, p := range people {
		work <- p
	}
	close(work)
	wg.Wait()
	if len(errs) > 0 {
		sort.Strings(errs)
		return d, fmt.Errorf("directory sync: %d users failed: %s", len(errs), strings.Join(errs, "; "))
	}
	return d, nil
}

func seedOne(ctx context.Context, c *client.Client, p Person, group string) (string, error) {
	email, ext, first, last := p.UserID(), p.ExternalID(), p.First, p.Last
	u, err := c.CreateUser(ctx, client.UserParms{UserID: email, Email: &email, ExternalID: &ext, FirstName: &first, LastName: &last})
	if err != nil {
		return "", fmt.Errorf("user %s: %w", email, err)
	}
	if err := c.SetUserGroups(ctx, u.ID, []string{group}); err != nil {
		return "", fmt.Errorf("groups of user %s: %w", email, err)
	}
	return u.ID, nil
}
