package emulator

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// userAttribute is the published UserAttribute object.
type userAttribute struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Mandatory     bool   `json:"mandatory"`
	Unique        bool   `json:"unique"`
	SystemDefined bool   `json:"systemDefined"`
	Type          string `json:"type"`
}

type userAttributeParms struct {
	Name      *string `json:"name"`
	Mandatory *bool   `json:"mandatory"`
	Unique    *bool   `json:"unique"`
	Type      *string `json:"type"`
}

// userAttributeTypes is the emulator's own copy of the published
// UserAttribute types, written from the spec on purpose rather than taken
// from package client (client.UserAttributeTypes), as an independent check.
var userAttributeTypes = map[string]bool{"NONE": true, "OTP_EMAIL": true, "OTP_SMS": true, "OTP_VOICE": true, "OTP_WECHAT": true, "OTP_WHATSAPP": true}

// SystemUserAttributes are the attributes every tenant has; they cannot be
// changed or deleted.
var SystemUserAttributes = []string{"User ID", "First Name", "Last Name", "Email", "Mobile", "Phone", "State", "External ID"}

func (e *Emulator) seedLocked() {
	for _, name := range SystemUserAttributes {
		a := &userAttribute{ID: uuid.NewString(), Name: name, SystemDefined: true, Type: "NONE"}
		switch name {
		case "User ID":
			a.Mandatory, a.Unique = true, true
		case "Email":
			a.Type = "OTP_EMAIL"
		case "Mobile":
			a.Type = "OTP_SMS"
		case "Phone":
			a.Type = "OTP_VOICE"
		}
		e.attrs[a.ID] = a
		e.attrOrder = append(e.attrOrder, a.ID)
	}
	e.seedExtraLocked()
}

func (e *Emulator) userAttributeRoutes() {
	e.handle("GET /api/web/v1/userattributes", e.listUserAttributes)
	e.handle("POST /api/web/v1/userattributes", e.idempotent(e.createUserAttribute))
	e.handle("GET /api/web/v1/userattributes/{id}", e.getUserAttribute)
	e.handle("PUT /api/web/v1/userattributes/{id}", e.updateUserAttribute)
	e.handle("DELETE /api/web/v1/userattributes/{id}", e.deleteUserAttribute)
}

func (e *Emulator) listUserAttributes(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	out := make([]userAttribute, 0, len(e.attrOrder))
	for _, id := range e.attrOrder {
		out = append(out, *e.attrs[id])
	}
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) attrNotFound(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, "USER_ATTRIBUTE_NOT_FOUND", "User attribute "+id+" not found.")
}

// customAttrLocked is the custom attribute with UUID id, or nil once it has
// answered that there is none or that a system-defined one cannot be
// modified or deleted (verb).
func (e *Emulator) customAttrLocked(w http.ResponseWriter, id, verb string) *userAttribute {
	a, ok := e.attrs[id]
	if !ok {
		e.attrNotFound(w, id)
		return nil
	}
	if a.SystemDefined {
		writeError(w, http.StatusBadRequest, "SYSTEM_DEFINED_ATTRIBUTE", "System defined user attribute "+strconv.Quote(a.Name)+" cannot be "+verb+".")
		return nil
	}
	return a
}

func (e *Emulator) applyUserAttributeParms(w http.ResponseWriter, a *userAttribute, p userAttributeParms) bool {
	if p.Name != nil {
		if strings.TrimSpace(*p.Name) == "" {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The user attribute name must not be empty.", "name")
			return false
		}
		a.Name = *p.Name
	}
	if p.Mandatory != nil {
		a.Mandatory = *p.Mandatory
	}
	if p.Unique != nil {
		a.Unique = *p.Unique
	}
	if p.Type != nil {
		if !userAttributeTypes[*p.Type] {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "Unknown user attribute type "+strconv.Quote(*p.Type)+".", "type")
			return false
		}
		a.Type = *p.Type
	}
	for _, o := range e.attrs {
		if o.ID != a.ID && strings.EqualFold(o.Name, a.Name) {
			writeError(w, http.StatusConflict, "USER_ATTRIBUTE_ALREADY_EXISTS", "A user attribute named "+strconv.Quote(a.Name)+" already exists.")
			return false
		}
	}
	return true
}

func (e *Emulator) createUserAttribute(w http.ResponseWriter, r *http.Request) {
	var p userAttributeParms
	if !decodeBody(w, r, &p) {
		return
	}
	if p.Name == nil {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The user attribute name is required.", "name")
		return
	}
	a := &userAttribute{ID: uuid.NewString(), Type: "NONE"}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.applyUserAttributeParms(w, a, p) {
		return
	}
	e.attrs[a.ID] = a
	e.attrOrder = append(e.attrOrder, a.ID)
	writeJSON(w, http.StatusOK, a)
}

func (e *Emulator) getUserAttribute(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	writeCopy(e, w, func() *userAttribute { return e.attrs[id] }, func() { e.attrNotFound(w, id) })
}

func (e *Emulator) updateUserAttribute(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var p userAttributeParms
	if !decodeBody(w, r, &p) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.customAttrLocked(w, id, "modified")
	if a == nil {
		return
	}
	next := *a
	if !e.applyUserAttributeParms(w, &next, p) {
		return
	}
	*a = next
	writeJSON(w, http.StatusOK, a)
}

func (e *Emulator) deleteUserAttribute(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.customAttrLocked(w, id, "deleted")
	if a == nil {
		return
	}
	delete(e.attrs, id)
	e.attrOrder = removeID(e.attrOrder, id)
	for _, u := range e.users {
		delete(u.values, id)
	}
	w.WriteHeader(http.StatusOK)
}
