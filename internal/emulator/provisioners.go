package emulator

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/httpx"

	"github.com/google/uuid"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/provisioning"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimwrite"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim/scimpath"
)

// provisionerStore holds the provisioners, their mappings, their
// synchronizations and what the engine pushed for each.
type provisionerStore struct {
	byID  map[string]*provisioner
	order []string
	ops   map[string]*operation
}

type provisioner struct {
	provisionerView
	token    string
	mappings []*mapping
	state    *provisioning.State
	running  *operation
}

type provisionerView struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Type           string   `json:"type"`
	Enabled        bool     `json:"enabled"`
	GroupIDs       []string `json:"groupIds"`
	SCIMEndpoint   string   `json:"scimEndpoint"`
	TokenExpiresAt string   `json:"tokenExpiresAt,omitempty"`
	PushGroups     bool     `json:"pushGroups"`
	Status         string   `json:"status"`
	LastSyncAt     string   `json:"lastSyncAt,omitempty"`
}

type provisionerParms struct {
	Name           *string   `json:"name"`
	Type           *string   `json:"type"`
	Enabled        *bool     `json:"enabled"`
	GroupIDs       *[]string `json:"groupIds"`
	SCIMEndpoint   *string   `json:"scimEndpoint"`
	BearerToken    *string   `json:"bearerToken"`
	TokenExpiresAt *string   `json:"tokenExpiresAt"`
	PushGroups     *bool     `json:"pushGroups"`
}

type mapping struct {
	SCIMAttribute   string
	UserAttributeID string
	Value           string
	IsDefault       bool
}

type mappingView struct {
	SCIMAttribute   string `json:"scimAttribute"`
	UserAttribute   string `json:"userAttribute,omitempty"`
	UserAttributeID string `json:"userAttributeId,omitempty"`
	Value           string `json:"value,omitempty"`
	IsDefault       bool   `json:"isDefault,omitempty"`
}

type operation struct {
	ID               string                 `json:"id"`
	ProvisionerID    string                 `json:"provisionerId"`
	Status           string                 `json:"status"`
	Message          string                 `json:"message,omitempty"`
	StartedAt        string                 `json:"startedAt"`
	FinishedAt       string                 `json:"finishedAt,omitempty"`
	UsersCreated     int                    `json:"usersCreated"`
	UsersUpdated     int                    `json:"usersUpdated"`
	UsersDeactivated int                    `json:"usersDeactivated"`
	GroupsPushed     int                    `json:"groupsPushed"`
	Failures         []provisioning.Failure `json:"failures"`
	// Progress while RUNNING (final once done): users and groups done of
	// those the synchronization has to do.
	UsersDone   int `json:"usersDone"`
	UsersTotal  int `json:"usersTotal"`
	GroupsDone  int `json:"groupsDone"`
	GroupsTotal int `json:"groupsTotal"`
}

func (e *Emulator) resetProvisionersLocked() {
	e.provs = provisionerStore{byID: map[string]*provisioner{}, ops: map[string]*operation{}}
}

func (e *Emulator) provisionerRoutes() {
	const base = "/api/web/v1/provisioners"
	e.handle("GET "+base, e.listProvisioners)
	e.handle("POST "+base, e.idempotent(e.createProvisioner))
	e.handle("GET "+base+"/{id}", e.withProvisioner(e.getProvisioner))
	e.handle("PUT "+base+"/{id}", e.withProvisioner(e.updateProvisioner))
	e.handle("DELETE "+base+"/{id}", e.withProvisioner(e.deleteProvisioner))
	e.handle("POST "+base+"/{id}/test", e.testProvisioner)
	e.handle("POST "+base+"/{id}/sync", e.idempotent(e.withProvisioner(e.syncProvisioner)))
	e.handle("GET "+base+"/{id}/operations/{op}", e.withProvisioner(e.getOperation))
	e.handle("GET "+base+"/{id}/mappings", e.withProvisioner(e.listMappings))
	e.handle("POST "+base+"/{id}/mappings", e.idempotent(e.withProvisioner(e.createMapping)))
	e.handle("GET "+base+"/{id}/mappings/{attr}", e.withProvisioner(e.getMapping))
	e.handle("PUT "+base+"/{id}/mappings/{attr}", e.withProvisioner(e.updateMapping))
	e.handle("DELETE "+base+"/{id}/mappings/{attr}", e.withProvisioner(e.deleteMapping))
}

// withProvisioner runs h with e.mu held and the provisioner of the path,
// answering 404 itself.
func (e *Emulator) withProvisioner(h func(http.ResponseWriter, *http.Request, *provisioner)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		e.mu.Lock()
		defer e.mu.Unlock()
		p, ok := e.provs.byID[id]
		if !ok {
			writeError(w, http.StatusNotFound, "PROVISIONER_NOT_FOUND", "Provisioner "+id+" not found.")
			return
		}
		h(w, r, p)
	}
}

func (p *provisioner) view() provisionerView {
	v := p.provisionerView
	v.GroupIDs = append([]string{}, p.GroupIDs...)
	return v
}

func (e *Emulator) listProvisioners(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	out := make([]provisionerView, 0, len(e.provs.order))
	for _, id := range e.provs.order {
		out = append(out, e.provs.byID[id].view())
	}
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// validEndpoint accepts absolute https URLs, and http to loopback hosts.
func validEndpoint(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	return u.Scheme == "https" || (u.Scheme == "http" && httpx.IsLoopbackHost(u.Hostname()))
}

// applyProvisionerParms validates p against next (the provisioner as it
// would become) and answers the error itself.
func (e *Emulator) applyProvisionerParms(w http.ResponseWriter, next *provisioner, p provisionerParms, creating bool) bool {
	bad := func(param, msg string) bool {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", msg, param)
		return false
	}
	if p.Name != nil {
		next.Name = *p.Name
	}
	if strings.TrimSpace(next.Name) == "" {
		return bad("name", "The provisioner name is required.")
	}
	if p.Type != nil {
		if !creating && *p.Type != next.Type {
			return bad("type", "The type of a provisioner cannot change; create another provisioner.")
		}
		next.Type = *p.Type
	}
	if next.Type != "generic" && next.Type != "aws" {
		return bad("type", "The type must be generic or aws.")
	}
	if p.SCIMEndpoint != nil {
		if !creating && *p.SCIMEndpoint != next.SCIMEndpoint {
			writeError(w, http.StatusBadRequest, "SCIM_ENDPOINT_IMMUTABLE", "The SCIM endpoint of a provisioner cannot change; create another provisioner.", "scimEndpoint")
			return false
		}
		next.SCIMEndpoint = *p.SCIMEndpoint
	}
	if !validEndpoint(next.SCIMEndpoint) {
		return bad("scimEndpoint", "The SCIM endpoint must be an https:// URL (http:// only to loopback hosts) without query.")
	}
	if p.BearerToken != nil && *p.BearerToken != "" {
		next.token = *p.BearerToken
	}
	if next.token == "" {
		return bad("bearerToken", "The bearer token is required.")
	}
	if p.TokenExpiresAt != nil {
		if *p.TokenExpiresAt != "" {
			if _, err := time.Parse(time.RFC3339, *p.TokenExpiresAt); err != nil {
				return bad("tokenExpiresAt", "tokenExpiresAt must be an RFC 3339 time such as 2026-01-31T00:00:00Z.")
			}
		}
		next.TokenExpiresAt = *p.TokenExpiresAt
	}
	if p.Enabled != nil {
		next.Enabled = *p.Enabled
	}
	if p.PushGroups != nil {
		next.PushGroups = *p.PushGroups
	}
	if p.GroupIDs != nil {
		ids := []string{}
		for _, g := range *p.GroupIDs {
			if _, ok := e.groups[g]; !ok {
				writeError(w, http.StatusBadRequest, "GROUP_NOT_FOUND", "Group "+g+" does not exist.", "groupIds")
				return false
			}
			if !slices.Contains(ids, g) {
				ids = append(ids, g)
			}
		}
		next.GroupIDs = ids
	}
	for _, o := range e.provs.byID {
		if o.ID != next.ID && strings.EqualFold(o.Name, next.Name) {
			writeError(w, http.StatusConflict, "PROVISIONER_ALREADY_EXISTS", "A provisioner named "+strconv.Quote(next.Name)+" already exists.")
			return false
		}
	}
	return true
}

func (e *Emulator) createProvisioner(w http.ResponseWriter, r *http.Request) {
	var p provisionerParms
	if !decodeBody(w, r, &p) {
		return
	}
	np := &provisioner{provisionerView: provisionerView{ID: uuid.NewString(), GroupIDs: []string{}, PushGroups: true, Status: "NEVER_SYNCED"},
		state: &provisioning.State{}}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.applyProvisionerParms(w, np, p, true) {
		return
	}
	for _, m := range provisioning.DefaultMappings(np.Type) {
		np.mappings = append(np.mappings, &mapping{SCIMAttribute: m.SCIMAttribute, UserAttributeID: e.attrIDLocked(m.UserAttribute), IsDefault: true})
	}
	e.provs.byID[np.ID] = np
	e.provs.order = append(e.provs.order, np.ID)
	writeJSON(w, http.StatusOK, np.view())
}

func (e *Emulator) getProvisioner(w http.ResponseWriter, _ *http.Request, p *provisioner) {
	writeJSON(w, http.StatusOK, p.view())
}

func (e *Emulator) updateProvisioner(w http.ResponseWriter, r *http.Request, p *provisioner) {
	var parms provisionerParms
	if !decodeBody(w, r, &parms) {
		return
	}
	next := *p
	if !e.applyProvisionerParms(w, &next, parms, false) {
		return
	}
	*p = next
	w.WriteHeader(http.StatusOK)
}

func (e *Emulator) deleteProvisioner(w http.ResponseWriter, _ *http.Request, p *provisioner) {
	delete(e.provs.byID, p.ID)
	e.provs.order = removeID(e.provs.order, p.ID)
	w.WriteHeader(http.StatusOK)
}

// scimClient is how the tenant reaches a provisioner's SCIM endpoint.
func scimClient(p *provisioner, maxRetries int, hc *http.Client) (*scimwrite.Client, error) {
	return scimwrite.New(scim.Config{Endpoint: p.SCIMEndpoint, Token: p.token, AWSMode: p.Type == "aws", MaxRetries: maxRetries,
		RetryWaitMin: 50 * time.Millisecond, RetryWaitMax: time.Second, UserAgent: "idaas-provisioning", HTTPClient: hc})
}

// testProvisioner is "send test SCIM": one authenticated list call.
func (e *Emulator) testProvisioner(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.mu.Lock()
	p, ok := e.provs.byID[id]
	var cp provisioner
	if ok {
		cp = *p
	}
	e.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "PROVISIONER_NOT_FOUND", "Provisioner "+id+" not found.")
		return
	}
	c, err := scimClient(&cp, 2, e.opts.SCIMHTTPClient)
	if err == nil {
		ctx, cancel := context.WithTimeout(r.Context(), 20*time.Second)
		defer cancel()
		err = c.TestConnection(ctx)
	}
	res := map[string]any{"success": err == nil}
	switch {
	case err == nil:
		res["message"] = "The SCIM endpoint answered and accepted the bearer token."
	case scimwrite.IsUnauthorized(err):
		res["errorCode"], res["message"] = "SCIM_TOKEN_REFUSED", "The SCIM endpoint refused the bearer token (HTTP 401): it is expired, revoked or wrong, or the endpoint names another tenant."
	case isTLSError(err):
		res["errorCode"], res["message"] = "SCIM_TLS_ERROR", "The TLS connection to the SCIM endpoint failed (its certificate is not trusted, has expired or names another host, or it does not speak TLS): "+err.Error()
	case scimwrite.IsUnreachable(err):
		res["errorCode"], res["message"] = "SCIM_ENDPOINT_UNREACHABLE", "The SCIM endpoint could not be reached: "+err.Error()
	case scimwrite.IsNotFound(err):
		res["errorCode"], res["message"] = "SCIM_ENDPOINT_NOT_FOUND", "The SCIM endpoint URL is wrong: its server answered 404 to a list of users (AWS's ends in /scim/v2/): "+err.Error()
	default:
		res["errorCode"], res["message"] = "SCIM_ERROR", err.Error()
	}
	writeJSON(w, http.StatusOK, res)
}

// isTLSError reports a failed TLS handshake: an untrusted, expired or
// mismatched certificate, or a server that does not speak TLS.
func isTLSError(err error) bool {
	var verify *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	var header tls.RecordHeaderError
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &host) || errors.As(err, &invalid) || errors.As(err, &header)
}

func (e *Emulator) attrIDLocked(name string) string {
	for _, id := range e.attrOrder {
		if strings.EqualFold(e.attrs[id].Name, name) {
			return id
		}
	}
	return ""
}

func (e *Emulator) mappingViewLocked(m *mapping) mappingView {
	v := mappingView{SCIMAttribute: m.SCIMAttribute, Value: m.Value, IsDefault: m.IsDefault, UserAttributeID: m.UserAttributeID}
	if a, ok := e.attrs[m.UserAttributeID]; ok {
		v.UserAttribute = a.Name
	}
	return v
}

func findMapping(p *provisioner, attr string) int {
	return slices.IndexFunc(p.mappings, func(m *mapping) bool { return strings.EqualFold(m.SCIMAttribute, attr) })
}

func (e *Emulator) listMappings(w http.ResponseWriter, _ *http.Request, p *provisioner) {
	out := make([]mappingView, 0, len(p.mappings))
	for _, m := range p.mappings {
		out = append(out, e.mappingViewLocked(m))
	}
	writeJSON(w, http.StatusOK, out)
}

// decodeMapping reads and validates a mapping body; it answers the error
// itself.
func (e *Emulator) decodeMapping(w http.ResponseWriter, r *http.Request) (*mapping, bool) {
	var v mappingView
	if !decodeBody(w, r, &v) {
		return nil, false
	}
	bad := func(param, msg string) (*mapping, bool) {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", msg, param)
		return nil, false
	}
	if _, err := scimpath.Parse(v.SCIMAttribute); err != nil || strings.TrimSpace(v.SCIMAttribute) == "" {
		return bad("scimAttribute", "scimAttribute must be a SCIM attribute path such as name.givenName.")
	}
	if strings.EqualFold(v.SCIMAttribute, "externalId") {
		return bad("scimAttribute", "externalId cannot be mapped: it always carries the user's UUID, on which users are matched.")
	}
	if (v.UserAttribute == "") == (v.Value == "") {
		return bad("userAttribute", "Set exactly one of userAttribute and value.")
	}
	m := &mapping{SCIMAttribute: v.SCIMAttribute, Value: v.Value}
	if v.UserAttribute != "" {
		if m.UserAttributeID = e.attrIDLocked(v.UserAttribute); m.UserAttributeID == "" {
			writeError(w, http.StatusBadRequest, "USER_ATTRIBUTE_NOT_FOUND", "No user attribute is named "+strconv.Quote(v.UserAttribute)+".", "userAttribute")
			return nil, false
		}
	}
	return m, true
}

func (e *Emulator) createMapping(w http.ResponseWriter, r *http.Request, p *provisioner) {
	m, ok := e.decodeMapping(w, r)
	if !ok {
		return
	}
	if i := findMapping(p, m.SCIMAttribute); i >= 0 {
		writeError(w, http.StatusConflict, "MAPPING_ALREADY_EXISTS", "The SCIM attribute "+strconv.Quote(p.mappings[i].SCIMAttribute)+" is already mapped.", "scimAttribute")
		return
	}
	p.mappings = append(p.mappings, m)
	writeJSON(w, http.StatusOK, e.mappingViewLocked(m))
}

func (e *Emulator) mappingOr404(w http.ResponseWriter, r *http.Request, p *provisioner) int {
	attr := r.PathValue("attr")
	i := findMapping(p, attr)
	if i < 0 {
		writeError(w, http.StatusNotFound, "MAPPING_NOT_FOUND", "The SCIM attribute "+strconv.Quote(attr)+" is not mapped.")
	}
	return i
}

func (e *Emulator) getMapping(w http.ResponseWriter, r *http.Request, p *provisioner) {
	if i := e.mappingOr404(w, r, p); i >= 0 {
		writeJSON(w, http.StatusOK, e.mappingViewLocked(p.mappings[i]))
	}
}

func (e *Emulator) updateMapping(w http.ResponseWriter, r *http.Request, p *provisioner) {
	i := e.mappingOr404(w, r, p)
	if i < 0 {
		return
	}
	m, ok := e.decodeMapping(w, r)
	if !ok {
		return
	}
	if !strings.EqualFold(m.SCIMAttribute, p.mappings[i].SCIMAttribute) {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "scimAttribute must match the path.", "scimAttribute")
		return
	}
	p.mappings[i] = m
	w.WriteHeader(http.StatusOK)
}

func (e *Emulator) deleteMapping(w http.ResponseWriter, r *http.Request, p *provisioner) {
	if i := e.mappingOr404(w, r, p); i >= 0 {
		p.mappings = slices.Delete(p.mappings, i, i+1)
		w.WriteHeader(http.StatusOK)
	}
}

func (e *Emulator) getOperation(w http.ResponseWriter, r *http.Request, p *provisioner) {
	op, ok := e.provs.ops[r.PathValue("op")]
	if !ok || op.ProvisionerID != p.ID {
		writeError(w, http.StatusNotFound, "OPERATION_NOT_FOUND", "Operation "+r.PathValue("op")+" not found.")
		return
	}
	writeJSON(w, http.StatusOK, op)
}

// snapshotLocked is what the engine needs from the store.
func (e *Emulator) snapshotLocked(p *provisioner) ([]provisioning.Mapping, []provisioning.User, []provisioning.Group) {
	ms := make([]provisioning.Mapping, 0, len(p.mappings))
	for _, m := range p.mappings {
		v := e.mappingViewLocked(m)
		ms = append(ms, provisioning.Mapping{SCIMAttribute: v.SCIMAttribute, UserAttribute: v.UserAttribute, Value: v.Value})
	}
	users := make([]provisioning.User, 0, len(e.userOrder))
	for _, id := range e.userOrder {
		u := e.users[id]
		pu := provisioning.User{ID: u.ID, Attributes: e.userAttributesLocked(u)}
		for gid := range u.groups {
			pu.Groups = append(pu.Groups, gid)
		}
		users = append(users, pu)
	}
	groups := make([]provisioning.Group, 0, len(e.groupOrder))
	for _, id := range e.groupOrder {
		groups = append(groups, provisioning.Group{ID: id, Name: e.groups[id].Name})
	}
	return ms, users, groups
}

// syncProvisioner starts a synchronization in the background, or returns
// the one running.
func (e *Emulator) syncProvisioner(w http.ResponseWriter, _ *http.Request, p *provisioner) {
	if p.running != nil {
		writeJSON(w, http.StatusOK, p.running)
		return
	}
	if !p.Enabled {
		writeError(w, http.StatusBadRequest, "PROVISIONER_DISABLED", "Provisioner "+strconv.Quote(p.Name)+" is disabled; enable it before synchronizing.")
		return
	}
	ms, users, groups := e.snapshotLocked(p)
	if p.Type == "aws" {
		if missing := provisioning.MissingRequired(ms); len(missing) > 0 {
			writeError(w, http.StatusBadRequest, "MAPPINGS_MISSING", "AWS IAM Identity Center requires mappings for: "+strings.Join(missing, ", ")+".", missing...)
			return
		}
	}
	op := &operation{ID: uuid.NewString(), ProvisionerID: p.ID, Status: "RUNNING", StartedAt: e.now(), Failures: []provisioning.Failure{}}
	e.provs.ops[op.ID] = op
	p.running = op
	p.Status = "SYNCING"
	target := provisioning.Target{Endpoint: p.SCIMEndpoint, Token: p.token, AWS: p.Type == "aws", GroupIDs: p.GroupIDs, PushGroups: p.PushGroups}
	st := p.state
	writeJSON(w, http.StatusOK, op)
	progress := func(pr provisioning.Progress) {
		e.mu.Lock()
		defer e.mu.Unlock()
		op.UsersDone, op.UsersTotal, op.GroupsDone, op.GroupsTotal = pr.UsersDone, pr.UsersTotal, pr.GroupsDone, pr.GroupsTotal
		op.UsersCreated, op.UsersUpdated, op.UsersDeactivated, op.GroupsPushed = pr.UsersCreated, pr.UsersUpdated, pr.UsersDeactivated, pr.GroupsPushed
	}
	go func() {
		res := provisioning.Sync(context.Background(), target, ms, users, groups, st,
			provisioning.Options{Workers: 6, MaxRetries: 10, RetryWaitMin: 50 * time.Millisecond, RetryWaitMax: 2 * time.Second, Progress: progress,
				HTTPClient: e.opts.SCIMHTTPClient})
		defer e.saveNow()
		e.mu.Lock()
		defer e.mu.Unlock()
		op.UsersCreated, op.UsersUpdated, op.UsersDeactivated, op.GroupsPushed = res.UsersCreated, res.UsersUpdated, res.UsersDeactivated, res.GroupsPushed
		op.Failures = append(op.Failures, res.Failures...)
		switch {
		case res.Err != nil:
			op.Status, op.Message = "FAILED", res.Err.Error()
		case len(res.Failures) > 0:
			op.Status, op.Message = "COMPLETED_WITH_ERRORS", strconv.Itoa(len(res.Failures))+" objects could not be pushed."
		default:
			op.Status = "SUCCEEDED"
		}
		op.FinishedAt = e.now()
		p.running, p.Status, p.LastSyncAt = nil, op.Status, op.FinishedAt
	}()
}
