package emulator

import (
	"net/http"
	"sort"
	"strconv"
)

// Group members through userspaged (project-defined, see package client):
// the search attribute groupId (operator EQUALS, value a group's UUID)
// selects the group's members; a group that does not exist is answered 404
// GROUP_NOT_FOUND.

// memberFilter takes the groupId criteria out of p's search: the groups a
// user must be in, and the rest of the search for searchMatcher. p itself is
// left whole, so that the cursor carries the groupId criteria too. It
// answers the error itself.
func memberFilter(w http.ResponseWriter, p searchParms) (groups []string, rest searchParms, ok bool) {
	rest = p
	rest.SearchByAttributes = nil
	for _, s := range p.SearchByAttributes {
		if s.Name != "groupId" {
			rest.SearchByAttributes = append(rest.SearchByAttributes, s)
			continue
		}
		if s.Operator != "EQUALS" {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "Unsupported operator "+strconv.Quote(s.Operator)+" for groupId; use EQUALS.", "searchByAttributes")
			return nil, rest, false
		}
		groups = append(groups, s.Value)
	}
	return groups, rest, true
}

// groupsExistLocked answers GROUP_NOT_FOUND for the first of ids that names
// no group.
func (e *Emulator) groupsExistLocked(w http.ResponseWriter, ids []string) bool {
	for _, id := range ids {
		if _, ok := e.groups[id]; !ok {
			e.groupNotFound(w, id)
			return false
		}
	}
	return true
}

// inGroups reports whether u is in every group of ids.
func inGroups(u *user, ids []string) bool {
	for _, id := range ids {
		if !u.groups[id] {
			return false
		}
	}
	return true
}

// GroupMembers returns the UUIDs of a group's members, sorted (for tests
// and benchmarks).
func (e *Emulator) GroupMembers(groupID string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []string{}
	for id, u := range e.users {
		if u.groups[groupID] {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// Memberships counts every (user, group) membership in the tenant.
func (e *Emulator) Memberships() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, u := range e.users {
		n += len(u.groups)
	}
	return n
}
