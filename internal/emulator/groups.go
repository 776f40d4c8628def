package emulator

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// group is the published Group object.
type group struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	ExternalID   string `json:"externalId,omitempty"`
	Attribute    string `json:"attribute,omitempty"`
	Type         string `json:"type"`
	Created      string `json:"created"`
	LastModified string `json:"lastModified"`
}

type groupParms struct {
	Name       *string `json:"name"`
	ExternalID *string `json:"externalId"`
	Attribute  *string `json:"attribute"`
}

func (e *Emulator) groupRoutes() {
	e.handle("GET /api/web/v1/groups", e.listGroups)
	e.handle("POST /api/web/v1/groups", e.idempotent(e.createGroup))
	e.handle("GET /api/web/v1/groups/{id}", e.getGroup)
	e.handle("PUT /api/web/v1/groups/{id}", e.updateGroup)
	e.handle("DELETE /api/web/v1/groups/{id}", e.deleteGroup)
	e.handle("POST /api/web/v1/groups/externalid", e.groupByExternalID)
	e.handle("POST /api/web/v1/groupspaged", e.groupsPaged)
}

func (e *Emulator) listGroups(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	out := make([]group, 0, len(e.groupOrder))
	for _, id := range e.groupOrder {
		out = append(out, *e.groups[id])
	}
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// groupConflictLocked reports a clash of name or externalId with another group.
func (e *Emulator) groupConflictLocked(self, name, externalID string) string {
	for _, g := range e.groups {
		if g.ID == self {
			continue
		}
		if strings.EqualFold(g.Name, name) {
			return "A group named " + strconv.Quote(name) + " already exists."
		}
		if externalID != "" && g.ExternalID == externalID {
			return "A group with externalId " + strconv.Quote(externalID) + " already exists."
		}
	}
	return ""
}

func (e *Emulator) createGroup(w http.ResponseWriter, r *http.Request) {
	var p groupParms
	if !decodeBody(w, r, &p) {
		return
	}
	if p.Name == nil || strings.TrimSpace(*p.Name) == "" {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The group name is required.", "name")
		return
	}
	g := &group{ID: uuid.NewString(), Name: *p.Name, Type: "MGMT_UI", Created: e.now()}
	g.LastModified = g.Created
	if p.ExternalID != nil {
		g.ExternalID = *p.ExternalID
	}
	if p.Attribute != nil {
		g.Attribute = *p.Attribute
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if msg := e.groupConflictLocked("", g.Name, g.ExternalID); msg != "" {
		writeError(w, http.StatusConflict, "GROUP_ALREADY_EXISTS", msg)
		return
	}
	e.groups[g.ID] = g
	e.groupOrder = append(e.groupOrder, g.ID)
	writeJSON(w, http.StatusOK, g)
}

func (e *Emulator) groupNotFound(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, "GROUP_NOT_FOUND", "Group "+id+" not found.")
}

func (e *Emulator) getGroup(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	writeCopy(e, w, func() *group { return e.groups[id] }, func() { e.groupNotFound(w, id) })
}

func (e *Emulator) updateGroup(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var p groupParms
	if !decodeBody(w, r, &p) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	g, ok := e.groups[id]
	if !ok {
		e.groupNotFound(w, id)
		return
	}
	next := *g
	if p.Name != nil {
		if strings.TrimSpace(*p.Name) == "" {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The group name must not be empty.", "name")
			return
		}
		next.Name = *p.Name
	}
	if p.ExternalID != nil {
		next.ExternalID = *p.ExternalID
	}
	if p.Attribute != nil {
		next.Attribute = *p.Attribute
	}
	if msg := e.groupConflictLocked(id, next.Name, next.ExternalID); msg != "" {
		writeError(w, http.StatusConflict, "GROUP_ALREADY_EXISTS", msg)
		return
	}
	next.LastModified = e.now()
	*g = next
	writeJSON(w, http.StatusOK, g)
}

func (e *Emulator) deleteGroup(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.groups[id]; !ok {
		e.groupNotFound(w, id)
		return
	}
	delete(e.groups, id)
	e.groupOrder = removeID(e.groupOrder, id)
	for _, u := range e.users {
		delete(u.groups, id)
	}
	e.onGroupDeletedLocked(id)
	w.WriteHeader(http.StatusOK)
}

func (e *Emulator) groupByExternalID(w http.ResponseWriter, r *http.Request) {
	var p struct {
		ID string `json:"id"`
	}
	if !decodeBody(w, r, &p) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, id := range e.groupOrder {
		if g := e.groups[id]; g.ExternalID == p.ID && p.ID != "" {
			writeJSON(w, http.StatusOK, g)
			return
		}
	}
	e.groupNotFound(w, p.ID)
}

type searchParms struct {
	Cursor             string `json:"cursor"`
	Limit              int    `json:"limit"`
	SearchByAttributes []struct {
		Name     string `json:"name"`
		Operator string `json:"operator"`
		Value    string `json:"value"`
	} `json:"searchByAttributes"`
	// Attributes names non-core attributes to include (users only).
	Attributes []string `json:"attributes"`
}

// groupsPaged implements POST /api/web/v1/groupspaged with the search
// attributes the published API lists (name, type). The cursor is an opaque
// offset that carries the search.
func (e *Emulator) groupsPaged(w http.ResponseWriter, r *http.Request) {
	p, offset, ok := e.readSearch(w, r)
	if !ok {
		return
	}
	match, ok := searchMatcher(w, p, map[string]func(*group) string{
		"name": func(g *group) string { return g.Name },
		"type": func(g *group) string { return g.Type },
	})
	if !ok {
		return
	}
	e.mu.Lock()
	var found []group
	for _, id := range e.groupOrder {
		if g := e.groups[id]; match(g) {
			found = append(found, *g)
		}
	}
	e.mu.Unlock()
	sort.SliceStable(found, func(i, j int) bool { return found[i].Name < found[j].Name })
	writePage(e, w, p, offset, found, same[group])
}

func stringOperator(op, want string) (func(string) bool, bool) {
	lw := strings.ToLower(want)
	switch op {
	case "EQUALS":
		return func(s string) bool { return strings.EqualFold(s, want) }, true
	case "NOT_EQUALS":
		return func(s string) bool { return !strings.EqualFold(s, want) }, true
	case "CONTAINS":
		return func(s string) bool { return strings.Contains(strings.ToLower(s), lw) }, true
	case "NOT_CONTAINS":
		return func(s string) bool { return !strings.Contains(strings.ToLower(s), lw) }, true
	case "STARTS_WITH":
		return func(s string) bool { return strings.HasPrefix(strings.ToLower(s), lw) }, true
	case "ENDS_WITH":
		return func(s string) bool { return strings.HasSuffix(strings.ToLower(s), lw) }, true
	}
	return nil, false
}
