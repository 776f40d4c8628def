package emulator

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// application is any application of the tenant. The code that serves one
// kind of application (SAML, ...) keeps its configuration in detail.
type application struct {
	ID          string
	Name        string
	Description string
	TemplateID  string
	detail      any
}

// applicationTemplate is the published ApplicationTemplate.
type applicationTemplate struct {
	ID                   string `json:"id"`
	Name                 string `json:"name"`
	Description          string `json:"description,omitempty"`
	AuthenticationMethod string `json:"authenticationMethod"`
}

// Template ids are fixed so that tests and examples can rely on them.
const (
	TemplateGenericSAML = "6a3d4c8e-0b7e-4c69-9d0a-5f1c2a0e7f01"
	TemplateAWSSSO      = "6a3d4c8e-0b7e-4c69-9d0a-5f1c2a0e7f02"
	TemplateGenericOIDC = "6a3d4c8e-0b7e-4c69-9d0a-5f1c2a0e7f03"
)

var applicationTemplates = []applicationTemplate{
	{ID: TemplateGenericSAML, Name: "Generic SAML 2.0", Description: "Any SAML 2.0 service provider.", AuthenticationMethod: "SAML20"},
	{ID: TemplateAWSSSO, Name: "AWS IAM Identity Center", Description: "AWS IAM Identity Center (successor to AWS Single Sign-On).", AuthenticationMethod: "SAML20"},
	{ID: TemplateGenericOIDC, Name: "Generic OpenID Connect", Description: "Any OpenID Connect relying party.", AuthenticationMethod: "OIDC"},
}

func templateByID(id string) (applicationTemplate, bool) {
	for _, t := range applicationTemplates {
		if t.ID == id {
			return t, true
		}
	}
	return applicationTemplate{}, false
}

func (e *Emulator) applicationRoutes() {
	e.handle("GET /api/web/v1/applicationinfo", e.listApplicationInfo)
	e.handle("GET /api/web/v1/applications/templates", e.listApplicationTemplates)
}

// applicationInfo is the published ApplicationInfo.
type applicationInfo struct {
	ID                    string `json:"id"`
	Name                  string `json:"name"`
	ApplicationTemplate   string `json:"applicationTemplate"`
	ApplicationTemplateID string `json:"applicationTemplateId"`
	AuthenticationMethod  string `json:"authenticationMethod"`
}

func (e *Emulator) listApplicationInfo(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	out := make([]applicationInfo, 0, len(e.appOrder))
	for _, id := range e.appOrder {
		a := e.apps[id]
		t, _ := templateByID(a.TemplateID)
		out = append(out, applicationInfo{ID: a.ID, Name: a.Name, ApplicationTemplate: t.Name, ApplicationTemplateID: t.ID, AuthenticationMethod: t.AuthenticationMethod})
	}
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) listApplicationTemplates(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, applicationTemplates)
}

// addApplicationLocked stores a new application and returns it.
func (e *Emulator) addApplicationLocked(name, description, templateID string, detail any) *application {
	a := &application{ID: uuid.NewString(), Name: name, Description: description, TemplateID: templateID, detail: detail}
	e.apps[a.ID] = a
	e.appOrder = append(e.appOrder, a.ID)
	return a
}

// appNameTakenLocked answers 409 APPLICATION_ALREADY_EXISTS, and reports
// true, when an application other than self is named name: application
// names are unique in the tenant (case-insensitively), whatever their kind.
func (e *Emulator) appNameTakenLocked(w http.ResponseWriter, self, name string) bool {
	for _, a := range e.apps {
		if a.ID != self && strings.EqualFold(a.Name, name) {
			writeError(w, http.StatusConflict, "APPLICATION_ALREADY_EXISTS", "An application named "+strconv.Quote(name)+" already exists.", "name")
			return true
		}
	}
	return false
}

// deleteApplicationLocked removes an application and what hangs off it.
func (e *Emulator) deleteApplicationLocked(id string) {
	delete(e.apps, id)
	e.appOrder = removeID(e.appOrder, id)
	e.onApplicationDeletedLocked(id)
}

// AddApplication creates a bare application from a template, for tests of
// what hangs off applications (resource rules).
func (e *Emulator) AddApplication(name, templateID string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.addApplicationLocked(name, "", templateID, nil).ID
}

// DeleteApplication removes an application, as an admin would in the
// console.
func (e *Emulator) DeleteApplication(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.deleteApplicationLocked(id)
}
