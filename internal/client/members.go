package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Group membership.
//
// The published API writes membership per user: PUT
// /api/web/v1/userauthorizationgroup/{userid}/groups replaces the user's
// whole group list, and has no conditional form. Adding a user to one group
// is therefore a read-modify-write of that user's groups (ChangeUserGroups),
// which this client serializes per user (two changes to one user made
// through the same Client never interleave), and checks by reading the user
// back after the write: a change lost to another writer (a directory sync, a
// console administrator, another process) is made again, up to
// membershipAttempts times.
//
// A group's members are read through the project-defined userspaged search
// with a groupId filter (GroupMemberPages), a page of up to 100 at a time,
// never one user at a time.

// SearchGroupID is the userspaged search attribute that selects the members
// of a group (operator EQUALS, value the group's UUID; project-defined). A
// group that does not exist is answered 404 GROUP_NOT_FOUND.
const SearchGroupID = "groupId"

// membershipAttempts bounds how many times a lost membership change is made
// again.
const membershipAttempts = 5

// userLocks serializes the read-modify-write of each user's groups.
type userLocks struct {
	mu    sync.Mutex
	locks map[string]*userLock
}

type userLock struct {
	sync.Mutex
	refs int
}

// lock locks user id's groups and returns the unlock function.
func (l *userLocks) lock(id string) func() {
	l.mu.Lock()
	if l.locks == nil {
		l.locks = map[string]*userLock{}
	}
	ul := l.locks[id]
	if ul == nil {
		ul = &userLock{}
		l.locks[id] = ul
	}
	ul.refs++
	l.mu.Unlock()
	ul.Lock()
	return func() {
		ul.Unlock()
		l.mu.Lock()
		if ul.refs--; ul.refs == 0 {
			delete(l.locks, id)
		}
		l.mu.Unlock()
	}
}

// GroupMemberPages: POST /api/web/v1/userspaged with searchByAttributes
// [{name: groupId, operator: EQUALS, value: groupID}] (project-defined),
// page by page: the group's members, ordered by userId, with their core
// attributes. A group that does not exist is a *NotFoundError.
func (c *Client) GroupMemberPages(ctx context.Context, groupID string, p SearchParms) iter.Seq2[[]User, error] {
	p.SearchByAttributes = append(slices.Clip(p.SearchByAttributes), SearchByAttribute{Name: SearchGroupID, Operator: "EQUALS", Value: groupID})
	return c.UserPages(ctx, p)
}

// GroupMemberIDs returns the UUIDs of a group's members, sorted, read a page
// of 100 at a time (GroupMemberPages). A group that does not exist is a
// *NotFoundError.
func (c *Client) GroupMemberIDs(ctx context.Context, groupID string) ([]string, error) {
	ids := []string{}
	for users, err := range c.GroupMemberPages(ctx, groupID, SearchParms{}) {
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			if u.ID == "" {
				return nil, fmt.Errorf("POST /api/web/v1/userspaged: a member of group %s was answered without an id", groupID)
			}
			ids = append(ids, u.ID)
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// LostUpdateError says that a membership change was made and checked
// membershipAttempts times and each time another writer undid it.
type LostUpdateError struct {
	UserID   string
	Attempts int
	Missing  []string // groups the user should be in and is not
	Extra    []string // groups the user should have left and is still in
}

func (e *LostUpdateError) Error() string {
	return fmt.Sprintf("the groups of user %s changed under every one of %d attempts to update them (still missing %v, still present %v): "+
		"another writer keeps replacing them", e.UserID, e.Attempts, e.Missing, e.Extra)
}

// ChangeUserGroups adds the user (by UUID) to the groups add and removes it
// from the groups remove, leaving its other groups as they are: the user's
// groups are read (GET /api/web/v3/users/{id}), changed, written (PUT
// /api/web/v1/userauthorizationgroup/{userid}/groups, published) and read
// back; a change another writer undid in between is made again. Changes to
// one user through this Client are serialized. It returns the user as last
// read. Nothing is written when the user already has the wanted groups. A
// user that does not exist is a *NotFoundError; a group that does not exist
// is the tenant's 400 answer.
func (c *Client) ChangeUserGroups(ctx context.Context, userUUID string, add, remove []string) (*User, error) {
	unlock := c.userLocks.lock(userUUID)
	defer unlock()
	u, err := c.GetUser(ctx, userUUID)
	if err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		next, changed := changeGroups(u.Groups, add, remove)
		if !changed {
			return u, nil
		}
		if err := c.SetUserGroupsLocked(ctx, userUUID, next); err != nil {
			return nil, err
		}
		if u, err = c.GetUser(ctx, userUUID); err != nil {
			return nil, err
		}
		missing, extra := membershipGaps(u.Groups, add, remove)
		if len(missing)+len(extra) == 0 {
			return u, nil
		}
		if attempt == membershipAttempts {
			return u, &LostUpdateError{UserID: userUUID, Attempts: attempt, Missing: missing, Extra: extra}
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(attempt*attempt) * 20 * time.Millisecond):
		}
	}
}

// changeGroups is groups with add added and remove removed, sorted, and
// whether that differs from groups.
func changeGroups(groups []Group, add, remove []string) ([]string, bool) {
	have := make(map[string]bool, len(groups))
	for _, g := range groups {
		have[g.ID] = true
	}
	changed := false
	for _, id := range add {
		if !have[id] {
			have[id], changed = true, true
		}
	}
	for _, id := range remove {
		if have[id] {
			delete(have, id)
			changed = true
		}
	}
	out := make([]string, 0, len(have))
	for id := range have {
		out = append(out, id)
	}
	sort.Strings(out)
	return out, changed
}

// membershipGaps is what groups lacks of add and still has of remove.
func membershipGaps(groups []Group, add, remove []string) (missing, extra []string) {
	have := make(map[string]bool, len(groups))
	for _, g := range groups {
		have[g.ID] = true
	}
	for _, id := range add {
		if !have[id] {
			missing = append(missing, id)
		}
	}
	for _, id := range remove {
		if have[id] {
			extra = append(extra, id)
		}
	}
	return missing, extra
}

// SetUserGroupsLocked is SetUserGroups for a caller that holds the user's
// lock (ChangeUserGroups).
func (c *Client) SetUserGroupsLocked(ctx context.Context, userUUID string, groupIDs []string) error {
	return c.setUserGroups(ctx, userUUID, groupIDs)
}

// UsersNotFound returns the ids among userUUIDs that name no user (GET
// /api/web/v3/users/{id}, up to workers at a time), so that a change can be
// refused before anything is written.
func (c *Client) UsersNotFound(ctx context.Context, userUUIDs []string, workers int) ([]string, error) {
	var (
		mu      sync.Mutex
		missing []string
		errs    []error
	)
	eachConcurrently(userUUIDs, workers, func(id string) {
		_, err := c.GetUser(ctx, id)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case NotFound(err):
			missing = append(missing, id)
		case err != nil:
			errs = append(errs, err)
		}
	})
	sort.Strings(missing)
	return missing, errors.Join(errs...)
}

// eachConcurrently runs f on every item, up to workers at a time.
func eachConcurrently(items []string, workers int, f func(string)) {
	if workers < 1 {
		workers = 1
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range min(workers, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				f(id)
			}
		}()
	}
	for _, id := range items {
		work <- id
	}
	close(work)
	wg.Wait()
}

// MembershipChange is one user's failed change in ChangeGroupMembers.
type MembershipChange struct {
	UserID string
	Err    error
}

// MembershipError lists the users whose membership change failed.
type MembershipError struct {
	GroupID string
	Failed  []MembershipChange
}

func (e *MembershipError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "changing the members of group %s failed for %d user(s):", e.GroupID, len(e.Failed))
	for _, f := range e.Failed {
		fmt.Fprintf(&b, "\n- user %s: %v", f.UserID, f.Err)
	}
	return b.String()
}

// ChangeGroupMembers adds the users add to the group and removes the users
// remove from it, each with ChangeUserGroups, up to workers users at a time.
// Every user is tried; the failures come back together in a
// *MembershipError (the other users' changes are made).
func (c *Client) ChangeGroupMembers(ctx context.Context, groupID string, add, remove []string, workers int) error {
	var (
		mu     sync.Mutex
		failed []MembershipChange
	)
	do := func(users []string, adding bool) {
		eachConcurrently(users, workers, func(id string) {
			var err error
			if adding {
				_, err = c.ChangeUserGroups(ctx, id, []string{groupID}, nil)
			} else {
				_, err = c.ChangeUserGroups(ctx, id, nil, []string{groupID})
				if NotFound(err) { // a deleted user is in no group
					err = nil
				}
			}
			if err != nil {
				mu.Lock()
				failed = append(failed, MembershipChange{UserID: id, Err: err})
				mu.Unlock()
			}
		})
	}
	do(add, true)
	do(remove, false)
	if len(failed) == 0 {
		return nil
	}
	sort.Slice(failed, func(i, j int) bool { return failed[i].UserID < failed[j].UserID })
	return &MembershipError{GroupID: groupID, Failed: failed}
}
