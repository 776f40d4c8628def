package emulator

import (
	"net/http"
	"net/mail"
	"sort"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// user is the emulator's record of a user; view renders the published User.
type user struct {
	ID         string
	UserID     string
	ExternalID string
	FirstName  string
	LastName   string
	Email      string
	Mobile     string
	Phone      string
	Locale     string
	State      string
	Created    string
	Modified   string
	groups     map[string]bool
	values     map[string]string // user attribute id -> value
}

type userView struct {
	ID                  string           `json:"id"`
	UserID              string           `json:"userId"`
	ExternalID          string           `json:"externalId,omitempty"`
	FirstName           string           `json:"firstName,omitempty"`
	LastName            string           `json:"lastName,omitempty"`
	Email               string           `json:"email,omitempty"`
	Mobile              string           `json:"mobile,omitempty"`
	Phone               string           `json:"phone,omitempty"`
	Locale              string           `json:"locale,omitempty"`
	State               string           `json:"state"`
	Type                string           `json:"type"`
	Locked              bool             `json:"locked"`
	Groups              []group          `json:"groups"`
	UserAttributeValues []attributeValue `json:"userAttributeValues"`
	UserCreationTime    string           `json:"userCreationTime"`
	LastModified        string           `json:"lastModified"`
}

type attributeValue struct {
	ID              string         `json:"id"`
	UserAttributeID string         `json:"userAttributeId"`
	UserID          string         `json:"userId"`
	Value           string         `json:"value"`
	Editable        bool           `json:"editable"`
	UserAttribute   *userAttribute `json:"userAttribute,omitempty"`
}

type userParms struct {
	UserID              *string `json:"userId"`
	ExternalID          *string `json:"externalId"`
	FirstName           *string `json:"firstName"`
	LastName            *string `json:"lastName"`
	Email               *string `json:"email"`
	Mobile              *string `json:"mobile"`
	Phone               *string `json:"phone"`
	Locale              *string `json:"locale"`
	State               *string `json:"state"`
	UserAttributeValues *[]struct {
		UserAttributeID string `json:"userAttributeId"`
		Value           string `json:"value"`
	} `json:"userAttributeValues"`
}

func (e *Emulator) userRoutes() {
	e.handle("POST /api/web/v3/users", e.idempotent(e.createUser))
	e.handle("GET /api/web/v3/users/{id}", e.getUser)
	e.handle("PUT /api/web/v3/users/{id}", e.updateUser)
	e.handle("DELETE /api/web/v3/users/{id}", e.deleteUser)
	e.handle("POST /api/web/v3/users/userid", e.userByUserID)
	e.handle("PUT /api/web/v1/userauthorizationgroup/{userid}/groups", e.setUserGroups)
}

func (e *Emulator) viewLocked(u *user) userView {
	v := e.coreViewLocked(u)
	v.Groups, v.UserAttributeValues = e.userGroupsLocked(u), e.userValuesLocked(u)
	return v
}

// coreViewLocked is u without its groups and custom attribute values (empty).
func (e *Emulator) coreViewLocked(u *user) userView {
	return userView{ID: u.ID, UserID: u.UserID, ExternalID: u.ExternalID, FirstName: u.FirstName, LastName: u.LastName,
		Email: u.Email, Mobile: u.Mobile, Phone: u.Phone, Locale: u.Locale, State: u.State, Type: "MGMT_UI",
		UserCreationTime: u.Created, LastModified: u.Modified, Groups: []group{}, UserAttributeValues: []attributeValue{}}
}

// userGroupsLocked is u's groups, in the tenant's group order.
func (e *Emulator) userGroupsLocked(u *user) []group {
	gs := []group{}
	for _, gid := range e.groupOrder {
		if u.groups[gid] {
			gs = append(gs, *e.groups[gid])
		}
	}
	return gs
}

// userValuesLocked is u's custom attribute values, in attribute order.
func (e *Emulator) userValuesLocked(u *user) []attributeValue {
	vs := []attributeValue{}
	for _, aid := range e.attrOrder {
		if val, ok := u.values[aid]; ok {
			a := *e.attrs[aid]
			vs = append(vs, attributeValue{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(u.ID+aid)).String(),
				UserAttributeID: aid, UserID: u.ID, Value: val, Editable: true, UserAttribute: &a})
		}
	}
	return vs
}

// applyUserParms validates p and applies it to u; it answers the error itself.
func (e *Emulator) applyUserParms(w http.ResponseWriter, u *user, p userParms) bool {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&u.UserID, p.UserID)
	set(&u.ExternalID, p.ExternalID)
	set(&u.FirstName, p.FirstName)
	set(&u.LastName, p.LastName)
	set(&u.Email, p.Email)
	set(&u.Mobile, p.Mobile)
	set(&u.Phone, p.Phone)
	set(&u.Locale, p.Locale)
	set(&u.State, p.State)
	if strings.TrimSpace(u.UserID) == "" {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The userId is required.", "userId")
		return false
	}
	if len(u.UserID) > 100 {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The userId must be at most 100 characters.", "userId")
		return false
	}
	if u.Email != "" {
		if _, err := mail.ParseAddress(u.Email); err != nil {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The email "+strconv.Quote(u.Email)+" is not a valid address.", "email")
			return false
		}
	}
	if u.State != "ACTIVE" && u.State != "INACTIVE" {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The state must be ACTIVE or INACTIVE.", "state")
		return false
	}
	for _, o := range e.users {
		if o.ID != u.ID && strings.EqualFold(o.UserID, u.UserID) {
			writeError(w, http.StatusConflict, "USER_ALREADY_EXISTS", "A user with userId "+strconv.Quote(u.UserID)+" already exists.")
			return false
		}
		if o.ID != u.ID && u.ExternalID != "" && o.ExternalID == u.ExternalID {
			writeError(w, http.StatusConflict, "USER_ALREADY_EXISTS", "A user with externalId "+strconv.Quote(u.ExternalID)+" already exists.")
			return false
		}
	}
	if p.UserAttributeValues != nil {
		vals := map[string]string{}
		for _, v := range *p.UserAttributeValues {
			a, ok := e.attrs[v.UserAttributeID]
			if !ok {
				writeError(w, http.StatusBadRequest, "USER_ATTRIBUTE_NOT_FOUND", "User attribute "+v.UserAttributeID+" does not exist.", "userAttributeValues")
				return false
			}
			if a.SystemDefined {
				writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "System defined attribute "+strconv.Quote(a.Name)+" is set through its own field.", "userAttributeValues")
				return false
			}
			vals[v.UserAttributeID] = v.Value
		}
		u.values = vals
	}
	for aid, a := range e.attrs {
		if a.Mandatory && !a.SystemDefined && u.values[aid] == "" {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The mandatory user attribute "+strconv.Quote(a.Name)+" has no value.", "userAttributeValues")
			return false
		}
	}
	return true
}

func (e *Emulator) createUser(w http.ResponseWriter, r *http.Request) {
	var p userParms
	if !decodeBody(w, r, &p) {
		return
	}
	u := &user{ID: uuid.NewString(), State: "ACTIVE", Created: e.now(), groups: map[string]bool{}, values: map[string]string{}}
	u.Modified = u.Created
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.applyUserParms(w, u, p) {
		return
	}
	e.users[u.ID] = u
	e.userOrder = append(e.userOrder, u.ID)
	writeJSON(w, http.StatusOK, e.viewLocked(u))
}

func (e *Emulator) userNotFound(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, "USER_NOT_FOUND", "User "+id+" not found.")
}

// userLocked is the user with UUID id, or nil once it has answered
// USER_NOT_FOUND.
func (e *Emulator) userLocked(w http.ResponseWriter, id string) *user {
	u, ok := e.users[id]
	if !ok {
		e.userNotFound(w, id)
	}
	return u
}

func (e *Emulator) getUser(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	u := e.userLocked(w, id)
	if u == nil {
		return
	}
	writeJSON(w, http.StatusOK, e.viewLocked(u))
}

func (e *Emulator) userByUserID(w http.ResponseWriter, r *http.Request) {
	var p struct {
		UserID string `json:"userId"`
	}
	if !decodeBody(w, r, &p) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if u := e.userByUserIDLocked(p.UserID); u != nil {
		writeJSON(w, http.StatusOK, e.viewLocked(u))
		return
	}
	e.userNotFound(w, p.UserID)
}

// userByUserIDLocked is the user whose userId is userID (case-insensitive),
// or nil.
func (e *Emulator) userByUserIDLocked(userID string) *user {
	for _, id := range e.userOrder {
		if u := e.users[id]; strings.EqualFold(u.UserID, userID) {
			return u
		}
	}
	return nil
}

func (e *Emulator) updateUser(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var p userParms
	if !decodeBody(w, r, &p) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	u := e.userLocked(w, id)
	if u == nil {
		return
	}
	next := *u
	if !e.applyUserParms(w, &next, p) {
		return
	}
	next.Modified = e.now()
	*u = next
	w.WriteHeader(http.StatusOK)
}

func (e *Emulator) deleteUser(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.userLocked(w, id) == nil {
		return
	}
	delete(e.users, id)
	e.userOrder = removeID(e.userOrder, id)
	w.WriteHeader(http.StatusOK)
}

func (e *Emulator) setUserGroups(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("userid")
	var ids []string
	if !decodeBody(w, r, &ids) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	u := e.userLocked(w, id)
	if u == nil {
		return
	}
	next := map[string]bool{}
	for _, gid := range ids {
		if _, ok := e.groups[gid]; !ok {
			writeError(w, http.StatusBadRequest, "GROUP_NOT_FOUND", "Group "+gid+" does not exist.", gid)
			return
		}
		next[gid] = true
	}
	u.groups = next
	u.Modified = e.now()
	w.WriteHeader(http.StatusOK)
}

// UserGroups returns the ids of the groups a user belongs to, sorted (for
// tests).
func (e *Emulator) UserGroups(userUUID string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	u, ok := e.users[userUUID]
	if !ok {
		return nil
	}
	out := make([]string, 0, len(u.groups))
	for g := range u.groups {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}
