package emulator

import (
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Paged searches in the published groupspaged style: a SearchParms body
// ({cursor, limit 1..100, searchByAttributes, attributes}) answered with
// {paging: {limit, nextCursor}, results}. The cursor is an opaque offset
// that carries the search, so a request with a cursor ignores the rest of
// its body, as the published API says.

func (e *Emulator) listRoutes() {
	e.handle("POST /api/web/v1/userspaged", e.usersPaged)
	e.handle("GET /api/web/v1/applications/saml", e.listSAMLApps)
	e.handle("POST /api/web/v1/provisioners/{id}/operationspaged", e.withProvisioner(e.operationsPaged))
}

// readSearch decodes a SearchParms body, checks its limit and resolves its
// cursor: the offset to start at, and the search the cursor carries.
func (e *Emulator) readSearch(w http.ResponseWriter, r *http.Request) (searchParms, int, bool) {
	var p searchParms
	if !decodeBody(w, r, &p) {
		return p, 0, false
	}
	if p.Limit == 0 {
		p.Limit = 100
	}
	if p.Limit < 1 || p.Limit > 100 {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "limit must be between 1 and 100.", "limit")
		return p, 0, false
	}
	if p.Cursor == "" {
		return p, 0, true
	}
	c, ok := e.decodeCursor(p.Cursor)
	if !ok {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The cursor is not valid.", "cursor")
		return p, 0, false
	}
	p.SearchByAttributes, p.Attributes = c.Search, c.Attributes
	return p, c.Offset, true
}

// searchMatcher turns searchByAttributes into one predicate (joined with
// AND, as published) over the string attributes fields names; it answers
// the error itself.
func searchMatcher[T any](w http.ResponseWriter, p searchParms, fields map[string]func(T) string) (func(T) bool, bool) {
	match := func(T) bool { return true }
	for _, s := range p.SearchByAttributes {
		field, ok := fields[s.Name]
		if !ok {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "Unsupported search attribute "+strconv.Quote(s.Name)+".", "searchByAttributes")
			return nil, false
		}
		f, ok := stringOperator(s.Operator, s.Value)
		if !ok {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "Unsupported operator "+strconv.Quote(s.Operator)+" for "+s.Name+".", "searchByAttributes")
			return nil, false
		}
		prev := match
		match = func(v T) bool { return prev(v) && f(field(v)) }
	}
	return match, true
}

// writePage answers the page of found (filtered and ordered) that starts
// at offset, each result rendered by render.
func writePage[T, V any](e *Emulator, w http.ResponseWriter, p searchParms, offset int, found []T, render func(T) V) {
	writeJSON(w, http.StatusOK, pageOf(e, p, offset, found, render))
}

// pageAnswer is one page of a paged search.
type pageAnswer[V any] struct {
	Paging  map[string]any `json:"paging"`
	Results []V            `json:"results"`
}

// withTotal adds the project-defined paging.total (how many objects the
// whole search finds) to a page of a project-defined search; the published
// groupspaged has none.
func (p pageAnswer[V]) withTotal(n int) pageAnswer[V] {
	p.Paging["total"] = n
	return p
}

// pageOf is the page of found that starts at offset, each object rendered,
// with the cursor of the next page when there is one. Callers holding the
// lock build it under the lock and write it after.
func pageOf[T, V any](e *Emulator, p searchParms, offset int, found []T, render func(T) V) pageAnswer[V] {
	page := pageAnswer[V]{Paging: map[string]any{"limit": p.Limit}, Results: []V{}}
	if offset < len(found) {
		end := min(offset+p.Limit, len(found))
		for _, v := range found[offset:end] {
			page.Results = append(page.Results, render(v))
		}
		if end < len(found) {
			page.Paging["nextCursor"] = e.encodeCursor(pageCursor{Offset: end, Search: p.SearchByAttributes, Attributes: p.Attributes})
		}
	}
	return page
}

func same[T any](v T) T { return v }

// pagedUserView is a user as userspaged answers it: the groups and the
// custom attribute values only when asked for.
type pagedUserView struct {
	userView
	Groups              []group          `json:"groups,omitempty"`
	UserAttributeValues []attributeValue `json:"userAttributeValues,omitempty"`
}

var userSearchFields = map[string]func(*user) string{
	"userId":     func(u *user) string { return u.UserID },
	"firstName":  func(u *user) string { return u.FirstName },
	"lastName":   func(u *user) string { return u.LastName },
	"email":      func(u *user) string { return u.Email },
	"externalId": func(u *user) string { return u.ExternalID },
	"state":      func(u *user) string { return u.State },
}

// usersPaged implements POST /api/web/v1/userspaged (project-defined, in
// the groupspaged style): users ordered by userId, searchable by userId,
// firstName, lastName, email, externalId and state with the string
// operators of groupspaged. Results carry the core attributes; the groups
// and custom attribute values only when attributes asks for "groups" and
// "userAttributeValues".
func (e *Emulator) usersPaged(w http.ResponseWriter, r *http.Request) {
	p, offset, ok := e.readSearch(w, r)
	if !ok {
		return
	}
	for _, a := range p.Attributes {
		if a != "groups" && a != "userAttributeValues" {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "Unsupported attribute "+strconv.Quote(a)+"; use groups or userAttributeValues.", "attributes")
			return
		}
	}
	inGroupIDs, rest, ok := memberFilter(w, p) // members.go
	if !ok {
		return
	}
	match, ok := searchMatcher(w, rest, userSearchFields)
	if !ok {
		return
	}
	e.mu.Lock()
	if !e.groupsExistLocked(w, inGroupIDs) {
		e.mu.Unlock()
		return
	}
	// Ordered by userId, case-insensitively: each key lowered once.
	type keyed struct {
		key string
		u   *user
	}
	var found []keyed
	for _, id := range e.userOrder {
		if u := e.users[id]; match(u) && inGroups(u, inGroupIDs) {
			found = append(found, keyed{strings.ToLower(u.UserID), u})
		}
	}
	slices.SortStableFunc(found, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	groups, values := slices.Contains(p.Attributes, "groups"), slices.Contains(p.Attributes, "userAttributeValues")
	page := pageOf(e, p, offset, found, func(k keyed) pagedUserView {
		v := pagedUserView{userView: e.coreViewLocked(k.u)}
		if groups {
			v.Groups = e.userGroupsLocked(k.u)
		}
		if values {
			v.UserAttributeValues = e.userValuesLocked(k.u)
		}
		return v
	}).withTotal(len(found))
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, page)
}

// listSAMLApps implements GET /api/web/v1/applications/saml
// (project-defined): every SAML application, as GET .../saml/{id} answers
// it.
func (e *Emulator) listSAMLApps(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	out := []any{}
	for _, id := range e.appOrder {
		if a := e.apps[id]; a != nil {
			if _, saml := a.detail.(*samlConfig); saml {
				out = append(out, e.samlAppOutLocked(a, baseURL(r)))
			}
		}
	}
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// operationsPaged implements POST /api/web/v1/provisioners/{id}/operationspaged
// (project-defined): the provisioner's synchronizations, newest first,
// searchable by status.
func (e *Emulator) operationsPaged(w http.ResponseWriter, r *http.Request, pr *provisioner) {
	p, offset, ok := e.readSearch(w, r)
	if !ok {
		return
	}
	match, ok := searchMatcher(w, p, map[string]func(*operation) string{"status": func(o *operation) string { return o.Status }})
	if !ok {
		return
	}
	var found []operation
	for _, op := range e.provs.ops {
		if op.ProvisionerID == pr.ID && match(op) {
			found = append(found, *op)
		}
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].StartedAt != found[j].StartedAt {
			return found[i].StartedAt > found[j].StartedAt
		}
		return found[i].ID < found[j].ID
	})
	writeJSON(w, http.StatusOK, pageOf(e, p, offset, found, same[operation]).withTotal(len(found)))
}
