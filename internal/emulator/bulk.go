package emulator

import (
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// SeedUser is a user SeedUsers adds.
type SeedUser struct {
	UserID, FirstName, LastName, Email string
}

// SeedUsers adds users straight to the directory, as a bulk import into
// the tenant would, for benchmarks that need a tenant of 100,000 users (the
// API's create checks userId against every user, which is quadratic over
// such a seeding). userIds must be new and distinct. It returns their
// UUIDs, in order.
func (e *Emulator) SeedUsers(us []SeedUser) ([]string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	taken := make(map[string]bool, len(e.users)+len(us))
	for _, u := range e.users {
		taken[strings.ToLower(u.UserID)] = true
	}
	ids := make([]string, len(us))
	now := e.now()
	for i, s := range us {
		key := strings.ToLower(s.UserID)
		if s.UserID == "" || taken[key] {
			return nil, fmt.Errorf("seeding user %d: userId %q is empty or taken", i, s.UserID)
		}
		taken[key] = true
		u := &user{ID: uuid.NewString(), UserID: s.UserID, FirstName: s.FirstName, LastName: s.LastName, Email: s.Email,
			State: "ACTIVE", Created: now, Modified: now, groups: map[string]bool{}, values: map[string]string{}}
		e.users[u.ID] = u
		e.userOrder = append(e.userOrder, u.ID)
		ids[i] = u.ID
	}
	return ids, nil
}

// SeedGroups adds groups of these names straight to the tenant (see
// SeedUsers); names must be new and distinct. It returns their ids.
func (e *Emulator) SeedGroups(names []string) ([]string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	taken := make(map[string]bool, len(e.groups)+len(names))
	for _, g := range e.groups {
		taken[strings.ToLower(g.Name)] = true
	}
	ids := make([]string, len(names))
	now := e.now()
	for i, n := range names {
		key := strings.ToLower(n)
		if strings.TrimSpace(n) == "" || taken[key] {
			return nil, fmt.Errorf("seeding group %d: name %q is empty or taken", i, n)
		}
		taken[key] = true
		g := &group{ID: uuid.NewString(), Name: n, Type: "MGMT_UI", Created: now, LastModified: now}
		e.groups[g.ID] = g
		e.groupOrder = append(e.groupOrder, g.ID)
		ids[i] = g.ID
	}
	return ids, nil
}
