package scimmock

import (
	"errors"
	"fmt"
	"time"
)

// Snapshot is everything the server holds that outlives a restart: its
// tenant id (the base path), its bearer tokens, and its users and groups
// with their ids, attributes, members and times. Faults and counters are
// not part of it. It is plain data, so that a caller can keep it as JSON.
type Snapshot struct {
	TenantID string               `json:"tenantId"`
	Tokens   map[string]time.Time `json:"tokens"`
	Seq      int64                `json:"seq"`
	Users    []SnapshotResource   `json:"users"`
	Groups   []SnapshotResource   `json:"groups"`
}

// SnapshotResource is one stored user or group.
type SnapshotResource struct {
	ID       string         `json:"id"`
	Seq      int64          `json:"seq"`
	Attrs    map[string]any `json:"attrs"`
	Members  []string       `json:"members,omitempty"`
	Created  time.Time      `json:"created"`
	Modified time.Time      `json:"modified"`
}

// Snapshot returns a deep copy of what the server holds.
func (s *Server) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := Snapshot{TenantID: s.opts.TenantID, Tokens: make(map[string]time.Time, len(s.tokens)), Seq: s.seq,
		Users: make([]SnapshotResource, 0, len(s.users)), Groups: make([]SnapshotResource, 0, len(s.groups))}
	for t, exp := range s.tokens {
		out.Tokens[t] = exp
	}
	res := func(r *resource) SnapshotResource {
		return SnapshotResource{ID: r.id, Seq: r.seq, Attrs: cloneMap(r.attrs), Members: append([]string(nil), r.members...),
			Created: r.created, Modified: r.modified}
	}
	for _, u := range s.users {
		out.Users = append(out.Users, res(u))
	}
	for _, g := range s.groups {
		out.Groups = append(out.Groups, res(g))
	}
	return out
}

// Restore replaces what the server holds with snap. The tenant id must be
// the server's (it is fixed when the server is made: pass it in
// Options.TenantID). A snapshot whose users or groups break the server's
// own invariants (an empty or repeated id, a repeated userName, a member
// that is no user) is refused and nothing changes.
func (s *Server) Restore(snap Snapshot) error {
	if snap.TenantID != s.opts.TenantID {
		return fmt.Errorf("the snapshot is of SCIM tenant %q, the server serves %q", snap.TenantID, s.opts.TenantID)
	}
	var idx index
	idx.init()
	users := make([]*resource, 0, len(snap.Users))
	for _, r := range snap.Users {
		if r.ID == "" || r.Attrs == nil {
			return errors.New("a SCIM user has no id or no attributes")
		}
		if idx.users[r.ID] != nil {
			return fmt.Errorf("SCIM user id %s is repeated", r.ID)
		}
		u := &resource{id: r.ID, seq: r.Seq, attrs: cloneMap(r.Attrs), created: r.Created, modified: r.Modified}
		if n := str(u.attrs, "userName"); n == "" || idx.byUserName[foldKey(n)] != nil {
			return fmt.Errorf("SCIM user %s has no userName or repeats another's", r.ID)
		}
		idx.indexUser(u)
		users = append(users, u)
	}
	groups := make([]*resource, 0, len(snap.Groups))
	for _, r := range snap.Groups {
		if r.ID == "" || r.Attrs == nil || idx.groups[r.ID] != nil {
			return fmt.Errorf("SCIM group %q has no id or attributes, or repeats another's id", r.ID)
		}
		for _, m := range r.Members {
			if idx.users[m] == nil {
				return fmt.Errorf("SCIM group %s has member %s, who is no user", r.ID, m)
			}
		}
		g := &resource{id: r.ID, seq: r.Seq, attrs: cloneMap(r.Attrs), members: append([]string(nil), r.Members...), created: r.Created, modified: r.Modified}
		idx.addGroup(g)
		groups = append(groups, g)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens = make(map[string]time.Time, len(snap.Tokens))
	for t, exp := range snap.Tokens {
		s.tokens[t] = exp
	}
	s.seq, s.users, s.groups, s.idx = snap.Seq, users, groups, idx
	return nil
}
