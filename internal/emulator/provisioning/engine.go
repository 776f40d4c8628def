// Package provisioning is the tenant's SCIM provisioning engine: it pushes
// the users (and optionally the groups) a provisioner selects, through its
// attribute mappings, to any SCIM 2.0 server, using package scim (in AWS
// compatibility mode for AWS IAM Identity Center). It knows nothing of
// Terraform or of the emulator's store.
//
// Users are matched on externalId = the tenant's immutable user UUID. The
// engine keeps, per provisioner, a State of what it pushed: the SCIM id and a
// hash of the mapped payload of every user, and the SCIM id, name and member
// set of every group. A sync skips users whose payload hash is unchanged and
// sends only member differences, so a re-sync after k changes costs O(k)
// SCIM requests, and one with no change sends none. A user that leaves the
// selection (removed from the provisioner's groups, or deleted in the
// tenant) is deactivated with PATCH active=false, never deleted. Work runs
// on a bounded pool of workers; 429s and 5xx are retried by the SCIM client
// with backoff, and a 409 on create adopts the existing user.
package provisioning

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimwrite"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

// Mapping fills one SCIM attribute path from a tenant user attribute (by
// name, e.g. "First Name") or from a constant Value.
type Mapping struct {
	SCIMAttribute string
	UserAttribute string
	Value         string
}

// DefaultMappings are the mappings a new provisioner of type "aws" or
// "generic" starts with.
func DefaultMappings(kind string) []Mapping {
	if kind != "aws" {
		return []Mapping{{SCIMAttribute: "userName", UserAttribute: "User ID"}, {SCIMAttribute: "active", UserAttribute: "State"}}
	}
	return []Mapping{
		{SCIMAttribute: "userName", UserAttribute: "User ID"},
		{SCIMAttribute: "displayName", UserAttribute: "User ID"},
		{SCIMAttribute: "name.givenName", UserAttribute: "First Name"},
		{SCIMAttribute: "name.familyName", UserAttribute: "Last Name"},
		{SCIMAttribute: "emails[type eq \"work\"].value", UserAttribute: "Email"},
		{SCIMAttribute: "active", UserAttribute: "State"},
	}
}

// MissingRequired returns the attributes AWS requires (scim.AWSRequired)
// that no mapping fills.
func MissingRequired(ms []Mapping) []string {
	paths := make([]string, len(ms))
	for i, m := range ms {
		paths[i] = m.SCIMAttribute
	}
	return scim.MissingAWSRequired(paths)
}

// User is a tenant user as the engine sees it.
type User struct {
	ID         string            // the tenant's UUID, sent as externalId
	Attributes map[string]string // user attribute name -> value
	Groups     []string          // tenant group ids
}

// Group is a tenant group.
type Group struct {
	ID   string
	Name string
}

// Target says where and what to push.
type Target struct {
	Endpoint   string
	Token      string
	AWS        bool     // AWS IAM Identity Center compatibility mode
	GroupIDs   []string // users in any of these groups; none means all users
	PushGroups bool
}

// Options tunes the engine.
type Options struct {
	Workers      int // default 6
	MaxRetries   int // SCIM client retries (default: the client's)
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	HTTPClient   *http.Client
	// Progress, when set, is called as the sync goes: once with the totals
	// before anything is sent, then in steps of about a fiftieth of the
	// users (and of the groups) done, and at the end of each phase. Calls
	// do not overlap and their counts never go down.
	Progress func(Progress)
}

// Progress is how far a sync has got. A user or group is done once it was
// pushed, found unchanged, deactivated, dropped, or failed.
type Progress struct {
	UsersDone, UsersTotal   int
	GroupsDone, GroupsTotal int
	// The counts of the Result so far.
	UsersCreated, UsersUpdated, UsersDeactivated, GroupsPushed, Failures int
}

// Failure is one user or group the sync could not push.
type Failure struct {
	UserID  string `json:"userId,omitempty"`
	GroupID string `json:"groupId,omitempty"`
	Message string `json:"message"`
}

// Result counts what a sync did. Err is set when the sync stopped early
// (for instance the token was refused); Failures when some objects failed.
type Result struct {
	UsersCreated     int
	UsersUpdated     int
	UsersDeactivated int
	GroupsPushed     int
	Failures         []Failure
	Err              error
}

// State is what a provisioner pushed. The zero value is ready to use; it is
// safe for concurrent use by one Sync at a time.
type State struct {
	mu     sync.Mutex
	users  map[string]*pushedUser
	groups map[string]*pushedGroup
}

type pushedUser struct {
	scimID  string
	hash    string         // of the desired attributes; "" forces a push
	desired map[string]any // the attribute paths last pushed
	body    map[string]any // the resource those make
	active  bool
}

type pushedGroup struct {
	scimID  string
	name    string
	members map[string]bool // tenant user ids
}

// Forget drops everything pushed, so the next sync pushes every user again
// (adopting those that exist).
func (s *State) Forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users, s.groups = nil, nil
}

func (s *State) init() {
	if s.users == nil {
		s.users = map[string]*pushedUser{}
	}
	if s.groups == nil {
		s.groups = map[string]*pushedGroup{}
	}
}

// desired computes the attribute paths and values a user is pushed with.
// Empty values are nil (left out, or removed on update); "active" is a
// boolean (State ACTIVE, or a constant "true") and defaults to true.
func desired(ms []Mapping, u User) map[string]any {
	out := map[string]any{}
	hasActive := false
	for _, m := range ms {
		v := m.Value
		if m.UserAttribute != "" {
			v = u.Attributes[m.UserAttribute]
		}
		var val any = v
		if strings.EqualFold(m.SCIMAttribute, "active") {
			hasActive = true
			val = strings.EqualFold(v, "ACTIVE") || strings.EqualFold(v, "true")
		} else if v == "" {
			val = nil
		}
		out[m.SCIMAttribute] = val
	}
	if !hasActive {
		out["active"] = true
	}
	out["externalId"] = u.ID
	return out
}

func hashOf(v map[string]any) string {
	data, _ := json.Marshal(v) // map keys are sorted
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// engine is one run.
type engine struct {
	c      *scimwrite.Client
	st     *State
	target Target
	ctx    context.Context
	cancel context.CancelCauseFunc

	mu  sync.Mutex
	res Result

	progress   func(Progress)
	progressMu sync.Mutex // serializes progress calls
	prog       Progress   // under mu
}

// Sync pushes users (and groups) to the target and records what it pushed
// in st.
func Sync(ctx context.Context, target Target, ms []Mapping, users []User, groups []Group, st *State, opts Options) Result {
	c, err := scimwrite.New(scim.Config{Endpoint: target.Endpoint, Token: target.Token, AWSMode: target.AWS, HTTPClient: opts.HTTPClient,
		MaxRetries: opts.MaxRetries, RetryWaitMin: opts.RetryWaitMin, RetryWaitMax: opts.RetryWaitMax, UserAgent: "idaas-provisioning"})
	if err != nil {
		return Result{Err: err}
	}
	if target.AWS {
		if missing := MissingRequired(ms); len(missing) > 0 {
			return Result{Err: fmt.Errorf("no mapping for the attributes AWS IAM Identity Center requires: %s", strings.Join(missing, ", "))}
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = 6
	}
	st.mu.Lock()
	st.init()
	st.mu.Unlock()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	e := &engine{c: c, st: st, target: target, ctx: ctx, cancel: cancel, progress: opts.Progress}

	selected := selectUsers(users, target.GroupIDs)
	var jobs []func()
	for _, u := range users {
		if selected[u.ID] {
			jobs = append(jobs, func() { e.pushUser(ms, u) })
		}
	}
	st.mu.Lock()
	for id, p := range st.users {
		if p.active && !selected[id] {
			jobs = append(jobs, func() { e.deactivate(id) })
		}
	}
	st.mu.Unlock()
	// Group jobs read what the users phase pushed only when they run.
	var gjobs []func()
	if target.PushGroups {
		gjobs = e.groupJobs(users, groups, selected)
	}
	e.prog.UsersTotal, e.prog.GroupsTotal = len(jobs), len(gjobs)
	e.report()
	run(workers, e.counted(jobs, &e.prog.UsersDone))
	if ctx.Err() == nil {
		run(workers, e.counted(gjobs, &e.prog.GroupsDone))
	}
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		e.res.Err = cause
	} else if err := ctx.Err(); err != nil && e.res.Err == nil {
		e.res.Err = err
	}
	sort.Slice(e.res.Failures, func(i, j int) bool {
		a, b := e.res.Failures[i], e.res.Failures[j]
		return a.UserID+a.GroupID < b.UserID+b.GroupID
	})
	return e.res
}

// selectUsers returns the ids of the users in any of groupIDs (all users
// when there are none).
func selectUsers(users []User, groupIDs []string) map[string]bool {
	sel := map[string]bool{}
	for _, u := range users {
		if len(groupIDs) == 0 || slices.ContainsFunc(u.Groups, func(g string) bool { return slices.Contains(groupIDs, g) }) {
			sel[u.ID] = true
		}
	}
	return sel
}

// run runs jobs on at most n goroutines.
func run(n int, jobs []func()) {
	ch := make(chan func())
	var wg sync.WaitGroup
	for range min(n, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				j()
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
}

// counted wraps jobs so that each one done counts in *done, reporting
// progress every fiftieth of them and after the last.
func (e *engine) counted(jobs []func(), done *int) []func() {
	if e.progress == nil {
		return jobs
	}
	step := max(1, len(jobs)/50)
	out := make([]func(), len(jobs))
	for i, j := range jobs {
		out[i] = func() {
			j()
			e.mu.Lock()
			*done++
			n := *done
			e.mu.Unlock()
			if n%step == 0 || n == len(jobs) {
				e.report()
			}
		}
	}
	return out
}

// report sends the progress so far.
func (e *engine) report() {
	if e.progress == nil {
		return
	}
	e.progressMu.Lock()
	defer e.progressMu.Unlock()
	e.mu.Lock()
	p := e.prog
	p.UsersCreated, p.UsersUpdated, p.UsersDeactivated = e.res.UsersCreated, e.res.UsersUpdated, e.res.UsersDeactivated
	p.GroupsPushed, p.Failures = e.res.GroupsPushed, len(e.res.Failures)
	e.mu.Unlock()
	e.progress(p)
}

// fail records a failure; a refused token stops the whole sync.
func (e *engine) fail(f Failure, err error) {
	if e.ctx.Err() != nil {
		return
	}
	if scimwrite.IsUnauthorized(err) || scimwrite.IsUnreachable(err) {
		e.cancel(err)
		return
	}
	f.Message = err.Error()
	e.mu.Lock()
	e.res.Failures = append(e.res.Failures, f)
	e.mu.Unlock()
}

func (e *engine) count(field *int) {
	e.mu.Lock()
	*field++
	e.mu.Unlock()
}

func (e *engine) pushUser(ms []Mapping, u User) {
	if e.ctx.Err() != nil {
		return
	}
	want := desired(ms, u)
	h := hashOf(want)
	e.st.mu.Lock()
	prev := e.st.users[u.ID]
	var prevCopy pushedUser
	if prev != nil {
		prevCopy = *prev
	}
	e.st.mu.Unlock()
	if prev != nil && prevCopy.scimID != "" && prevCopy.hash == h {
		return
	}
	body, err := scimwrite.BuildUser(want)
	if err != nil {
		e.fail(Failure{UserID: u.ID}, err)
		return
	}
	if prev != nil && prevCopy.scimID != "" {
		// Patch what changed since the last push; paths no longer mapped
		// are removed.
		patch := maps.Clone(want)
		for p := range prevCopy.desired {
			if _, ok := patch[p]; !ok {
				patch[p] = nil
			}
		}
		ops := scimwrite.Diff(prevCopy.body, patch)
		if len(ops) > 0 {
			_, err = e.c.PatchUser(e.ctx, prevCopy.scimID, ops)
		}
		if err == nil {
			e.record(u.ID, prevCopy.scimID, h, want, body)
			e.count(&e.res.UsersUpdated)
			return
		}
		if !scimwrite.IsNotFound(err) {
			e.fail(Failure{UserID: u.ID}, err)
			return
		}
		// Deleted on the SCIM side: create it again.
	}
	created, err := e.c.CreateUser(e.ctx, body)
	if err != nil {
		e.fail(Failure{UserID: u.ID}, err)
		return
	}
	e.record(u.ID, created.ID, h, want, body)
	if created.Adopted {
		e.count(&e.res.UsersUpdated)
	} else {
		e.count(&e.res.UsersCreated)
	}
}

func (e *engine) record(userID, scimID, hash string, want, body map[string]any) {
	active, _ := want["active"].(bool)
	e.st.mu.Lock()
	e.st.users[userID] = &pushedUser{scimID: scimID, hash: hash, desired: want, body: body, active: active}
	e.st.mu.Unlock()
}

func (e *engine) deactivate(userID string) {
	if e.ctx.Err() != nil {
		return
	}
	e.st.mu.Lock()
	p := *e.st.users[userID]
	e.st.mu.Unlock()
	_, err := e.c.PatchUser(e.ctx, p.scimID, []scimwrite.PatchOp{{Op: "replace", Path: "active", Value: false}})
	if err != nil && !scimwrite.IsNotFound(err) {
		e.fail(Failure{UserID: userID}, fmt.Errorf("deactivating: %w", err))
		return
	}
	e.st.mu.Lock()
	if err != nil { // gone on the SCIM side: nothing left to deactivate
		delete(e.st.users, userID)
	} else {
		q := e.st.users[userID]
		q.active, q.hash = false, ""
		q.body = maps.Clone(q.body)
		q.body["active"] = false
	}
	e.st.mu.Unlock()
	if err == nil {
		e.count(&e.res.UsersDeactivated)
	}
}

// groupJobs returns one job per group to push and per pushed group to drop.
func (e *engine) groupJobs(users []User, groups []Group, selected map[string]bool) []func() {
	members := map[string][]string{}
	for _, u := range users {
		if selected[u.ID] {
			for _, g := range u.Groups {
				members[g] = append(members[g], u.ID)
			}
		}
	}
	push := map[string]bool{}
	var jobs []func()
	for _, g := range groups {
		if len(e.target.GroupIDs) == 0 || slices.Contains(e.target.GroupIDs, g.ID) {
			push[g.ID] = true
			jobs = append(jobs, func() { e.pushGroup(g, members[g.ID]) })
		}
	}
	e.st.mu.Lock()
	defer e.st.mu.Unlock()
	for id, p := range e.st.groups {
		if !push[id] {
			jobs = append(jobs, func() { e.dropGroup(id, p.scimID) })
		}
	}
	return jobs
}

func (e *engine) pushGroup(g Group, memberIDs []string) {
	if e.ctx.Err() != nil {
		return
	}
	e.st.mu.Lock()
	want := map[string]string{} // tenant id -> SCIM id, for members pushed and active
	for _, id := range memberIDs {
		if p := e.st.users[id]; p != nil && p.active && p.scimID != "" {
			want[id] = p.scimID
		}
	}
	var prev pushedGroup
	if p := e.st.groups[g.ID]; p != nil {
		prev = pushedGroup{scimID: p.scimID, name: p.name, members: maps.Clone(p.members)}
	}
	scimIDOf := func(id string) string {
		if p := e.st.users[id]; p != nil {
			return p.scimID
		}
		return ""
	}
	var add, remove []string
	for id, sid := range want {
		if !prev.members[id] {
			add = append(add, sid)
		}
	}
	for id := range prev.members {
		if _, ok := want[id]; !ok {
			if sid := scimIDOf(id); sid != "" {
				remove = append(remove, sid)
			}
		}
	}
	e.st.mu.Unlock()
	sort.Strings(add)
	sort.Strings(remove)
	wrote := false
	if prev.scimID == "" {
		created, err := e.c.CreateGroup(e.ctx, g.Name, g.ID)
		if err != nil {
			e.fail(Failure{GroupID: g.ID}, err)
			return
		}
		prev.scimID, prev.name, wrote = created.ID, g.Name, true
	}
	if prev.name != g.Name {
		if err := e.c.PatchGroupName(e.ctx, prev.scimID, g.Name); err != nil {
			e.groupFailed(g.ID, err)
			return
		}
		wrote = true
	}
	if len(add) > 0 {
		if err := e.c.AddMembers(e.ctx, prev.scimID, add); err != nil {
			e.groupFailed(g.ID, err)
			return
		}
		wrote = true
	}
	if len(remove) > 0 {
		if err := e.c.RemoveMembers(e.ctx, prev.scimID, remove); err != nil {
			e.groupFailed(g.ID, err)
			return
		}
		wrote = true
	}
	set := make(map[string]bool, len(want))
	for id := range want {
		set[id] = true
	}
	e.st.mu.Lock()
	e.st.groups[g.ID] = &pushedGroup{scimID: prev.scimID, name: g.Name, members: set}
	e.st.mu.Unlock()
	if wrote {
		e.count(&e.res.GroupsPushed)
	}
}

// groupFailed records a failure and forgets the group's state, so that the
// next sync looks it up (adopting it) and sends its members again.
func (e *engine) groupFailed(groupID string, err error) {
	e.st.mu.Lock()
	delete(e.st.groups, groupID)
	e.st.mu.Unlock()
	e.fail(Failure{GroupID: groupID}, err)
}

func (e *engine) dropGroup(groupID, scimID string) {
	if e.ctx.Err() != nil {
		return
	}
	if err := e.c.DeleteGroup(e.ctx, scimID); err != nil {
		e.fail(Failure{GroupID: groupID}, fmt.Errorf("deleting: %w", err))
		return
	}
	e.st.mu.Lock()
	delete(e.st.groups, groupID)
	e.st.mu.Unlock()
	e.count(&e.res.GroupsPushed)
}
