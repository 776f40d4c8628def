package emulator

import (
	"fmt"
	"net"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The published v2 resource rule API (/api/web/v2/resourcerules) and the
// read side of authentication flows (/api/web/v2/authenticationflows).
//
// Behaviour worth knowing:
//   - a rule belongs to an existing application (404 APPLICATION_NOT_FOUND
//     otherwise); deleting the application deletes its rules;
//   - groupIds must name existing groups (400); an empty list means all users;
//     rules answer their groups sorted by name descending, which is not the
//     order they were given in;
//   - the three authentication flows are required on create and must exist
//     (400);
//   - PUT changes only the fields it carries, clears a context with its
//     remove*Context flag, and answers 200 with no body;
//   - deleting a group removes it from every rule; a rule left with no group
//     is disabled rather than widened to all users.

// Default risk thresholds of a new rule.
const (
	DefaultLowRiskThreshold    = 30
	DefaultMediumRiskThreshold = 70
)

// Ids of the tenant's built-in, read-only authentication flows.
const (
	FlowPassword             = "0f1e2d3c-4b5a-4978-8a1b-000000000001"
	FlowPasswordAndOTP       = "0f1e2d3c-4b5a-4978-8a1b-000000000002"
	FlowPasswordSecondFactor = "0f1e2d3c-4b5a-4978-8a1b-000000000003"
	FlowPasskey              = "0f1e2d3c-4b5a-4978-8a1b-000000000004"
	FlowDeny                 = "0f1e2d3c-4b5a-4978-8a1b-000000000005"
)

type loginFlow struct {
	Enabled       bool   `json:"enabled"`
	LoginFlowType string `json:"loginFlowType"`
}

type ruleNameID struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type applicationResourceRule struct {
	ID            string       `json:"id"`
	Name          string       `json:"name"`
	ResourceRules []ruleNameID `json:"resourceRules"`
}

// authFlow is the published AuthenticationFlow.
type authFlow struct {
	ID                  string                    `json:"id"`
	Name                string                    `json:"name"`
	ReadOnly            bool                      `json:"readOnly"`
	LoginFlows          []loginFlow               `json:"loginFlows"`
	Applications        []applicationResourceRule `json:"applications,omitempty"`
	UserLoginFirstStep  string                    `json:"userLoginFirstStep,omitempty"`
	UserLoginSecondStep []string                  `json:"userLoginSecondStep,omitempty"`
}

func builtinFlows() []*authFlow {
	userLogin := func(first string, second ...string) *authFlow {
		return &authFlow{ReadOnly: true, LoginFlows: []loginFlow{
			{Enabled: true, LoginFlowType: "USER_LOGIN"}, {Enabled: false, LoginFlowType: "SMART_LOGIN"},
			{Enabled: false, LoginFlowType: "IDP_LOGIN"}, {Enabled: false, LoginFlowType: "PASSKEY_LOGIN"},
			{Enabled: false, LoginFlowType: "USER_CERTIFICATE_LOGIN"},
		}, UserLoginFirstStep: first, UserLoginSecondStep: second}
	}
	pw := userLogin("PASSWORD", "NONE")
	pw.ID, pw.Name = FlowPassword, "Password"
	otp := userLogin("PASSWORD", "OTP")
	otp.ID, otp.Name = FlowPasswordAndOTP, "Password and OTP"
	mfa := userLogin("PASSWORD", "TOKENPUSH", "FIDO", "OTP")
	mfa.ID, mfa.Name = FlowPasswordSecondFactor, "Password and Second Factor"
	pk := userLogin("PASSKEY", "NONE")
	pk.ID, pk.Name = FlowPasskey, "Passkey"
	pk.LoginFlows[3].Enabled = true
	deny := userLogin("DENY")
	deny.ID, deny.Name = FlowDeny, "Deny Access"
	return []*authFlow{pw, otp, mfa, pk, deny}
}

type ipContext struct {
	AllowedIpList   string   `json:"allowedIpList,omitempty"`
	AllowedIpRanges []string `json:"allowedIpRanges,omitempty"`
	DeniedIpList    string   `json:"deniedIpList,omitempty"`
	DeniedIpRanges  []string `json:"deniedIpRanges,omitempty"`
	DenyAccess      *bool    `json:"denyAccess"`
	RiskPoint       *int     `json:"riskPoint"`
	Type            string   `json:"type,omitempty"`
}

type dateTimeContext struct {
	AllowedDateTime *bool    `json:"allowedDateTime,omitempty"`
	AllowedTime     *bool    `json:"allowedTime,omitempty"`
	DenyAccess      *bool    `json:"denyAccess"`
	EndDateTime     string   `json:"endDateTime,omitempty"`
	EndTime         string   `json:"endTime,omitempty"`
	RiskPoint       *int     `json:"riskPoint"`
	StartDateTime   string   `json:"startDateTime,omitempty"`
	StartTime       string   `json:"startTime,omitempty"`
	WeekDays        []string `json:"weekDays,omitempty"`
	ZoneID          string   `json:"zoneId,omitempty"`
}

type locationContext struct {
	Allowed          *bool    `json:"allowed"`
	AnonymousAllowed *bool    `json:"anonymousAllowed"`
	CountryCodes     []string `json:"countryCodes"`
	DenyAccess       *bool    `json:"denyAccess"`
	RiskPoint        *int     `json:"riskPoint"`
}

// resourceRule is a stored rule; render turns it into the published
// ResourceRule.
type resourceRule struct {
	ID, Name, Description, ResourceID             string
	Enabled, StrictAccess, DisableSSO, SkipSecond bool
	GroupIDs                                      []string
	Low, Medium                                   int
	LowFlow, MediumFlow, HighFlow                 string
	IP                                            *ipContext
	DateTime                                      *dateTimeContext
	Location                                      *locationContext
}

type resourceRuleParms struct {
	Name                           *string          `json:"name"`
	Description                    *string          `json:"description"`
	Enabled                        *bool            `json:"enabled"`
	ResourceID                     string           `json:"resourceId"`
	GroupIDs                       *[]string        `json:"groupIds"`
	StrictAccess                   *bool            `json:"strictAccess"`
	DisableSSO                     *bool            `json:"disableSSO"`
	SkipSecondFactorIfUserNotExist *bool            `json:"skipSecondFactorIfUserNotExist"`
	LowRiskThreshold               *int             `json:"lowRiskThreshold"`
	MediumRiskThreshold            *int             `json:"mediumRiskThreshold"`
	LowRiskAuthenticationFlow      *string          `json:"lowRiskAuthenticationFlow"`
	MediumRiskAuthenticationFlow   *string          `json:"mediumRiskAuthenticationFlow"`
	HighRiskAuthenticationFlow     *string          `json:"highRiskAuthenticationFlow"`
	IpContext                      *ipContext       `json:"ipContext"`
	DateTimeContext                *dateTimeContext `json:"dateTimeContext"`
	LocationContext                *locationContext `json:"locationContext"`
	RemoveIPContext                bool             `json:"removeIPContext"`
	RemoveDateTimeContext          bool             `json:"removeDateTimeContext"`
	RemoveLocationContext          bool             `json:"removeLocationContext"`
}

// resourceRuleState is the emulator's store of rules and flows.
type resourceRuleState struct {
	rules     map[string]*resourceRule
	ruleOrder []string
	flows     []*authFlow
}

func (e *Emulator) seedResourceRulesLocked() {
	e.rr = resourceRuleState{rules: map[string]*resourceRule{}, flows: builtinFlows()}
}

func (e *Emulator) resourceRuleRoutes() {
	e.handle("GET /api/web/v2/resourcerules", e.listResourceRules)
	e.handle("POST /api/web/v2/resourcerules", e.idempotent(e.createResourceRule))
	e.handle("GET /api/web/v2/resourcerules/{id}", e.getResourceRule)
	e.handle("PUT /api/web/v2/resourcerules/{id}", e.updateResourceRule)
	e.handle("DELETE /api/web/v2/resourcerules/{id}", e.deleteResourceRule)
	e.handle("GET /api/web/v2/resourcerules/resource/{id}", e.listResourceRulesForResource)
	e.handle("GET /api/web/v2/authenticationflows", e.listAuthFlows)
	e.handle("GET /api/web/v2/authenticationflows/{id}", e.getAuthFlow)
}

func (e *Emulator) flowLocked(id string) *authFlow {
	for _, f := range e.rr.flows {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// renderFlowLocked is the flow with the applications whose rules use it.
func (e *Emulator) renderFlowLocked(f *authFlow) authFlow {
	out := *f
	out.Applications = nil
	byApp := map[string]int{}
	for _, id := range e.rr.ruleOrder {
		r := e.rr.rules[id]
		if r.LowFlow != f.ID && r.MediumFlow != f.ID && r.HighFlow != f.ID {
			continue
		}
		i, ok := byApp[r.ResourceID]
		if !ok {
			name := ""
			if a := e.apps[r.ResourceID]; a != nil {
				name = a.Name
			}
			out.Applications = append(out.Applications, applicationResourceRule{ID: r.ResourceID, Name: name})
			i = len(out.Applications) - 1
			byApp[r.ResourceID] = i
		}
		out.Applications[i].ResourceRules = append(out.Applications[i].ResourceRules, ruleNameID{ID: r.ID, Name: r.Name})
	}
	return out
}

func (e *Emulator) renderRuleLocked(r *resourceRule) map[string]any {
	groups := make([]group, 0, len(r.GroupIDs))
	for _, id := range r.GroupIDs {
		if g, ok := e.groups[id]; ok {
			groups = append(groups, *g)
		}
	}
	// The tenant answers groups in its own order, not the order given.
	sort.Slice(groups, func(i, j int) bool { return groups[i].Name > groups[j].Name })
	flow := func(id string) any {
		if f := e.flowLocked(id); f != nil {
			return e.renderFlowLocked(f)
		}
		return nil
	}
	appName := ""
	if a, ok := e.apps[r.ResourceID]; ok {
		appName = a.Name
	}
	out := map[string]any{
		"id": r.ID, "name": r.Name, "enabled": r.Enabled, "resourceId": r.ResourceID, "resourceName": appName,
		"apiVersion": 2, "systemResourceContext": false, "groups": groups,
		"strictAccess": r.StrictAccess, "disableSSO": r.DisableSSO, "skipSecondFactorIfUserNotExist": r.SkipSecond,
		"lowRiskThreshold": r.Low, "mediumRiskThreshold": r.Medium,
		"lowRiskAuthenticationFlow": flow(r.LowFlow), "mediumRiskAuthenticationFlow": flow(r.MediumFlow),
		"highRiskAuthenticationFlow": flow(r.HighFlow),
		"acrFilter":                  "NA", "domainIdpFilter": "NA",
	}
	if r.Description != "" {
		out["description"] = r.Description
	}
	if r.IP != nil {
		out["ipContext"] = r.IP
	}
	if r.DateTime != nil {
		out["dateTimeContext"] = r.DateTime
	}
	if r.Location != nil {
		out["locationContext"] = r.Location
	}
	return out
}

func (e *Emulator) listResourceRules(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	out := make([]map[string]any, 0, len(e.rr.ruleOrder))
	for _, id := range e.rr.ruleOrder {
		out = append(out, e.renderRuleLocked(e.rr.rules[id]))
	}
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) listResourceRulesForResource(w http.ResponseWriter, r *http.Request) {
	app := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.apps[app]; !ok {
		writeError(w, http.StatusNotFound, "APPLICATION_NOT_FOUND", "Application "+app+" not found.")
		return
	}
	out := []map[string]any{}
	for _, id := range e.rr.ruleOrder {
		if rule := e.rr.rules[id]; rule.ResourceID == app {
			out = append(out, e.renderRuleLocked(rule))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func ruleNotFound(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, "RESOURCE_RULE_NOT_FOUND", "Resource rule "+id+" not found.")
}

func (e *Emulator) getResourceRule(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	rule, ok := e.rr.rules[id]
	if !ok {
		ruleNotFound(w, id)
		return
	}
	writeJSON(w, http.StatusOK, e.renderRuleLocked(rule))
}

func (e *Emulator) deleteResourceRule(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.rr.rules[id]; !ok {
		ruleNotFound(w, id)
		return
	}
	e.deleteRuleLocked(id)
	w.WriteHeader(http.StatusOK)
}

func (e *Emulator) deleteRuleLocked(id string) {
	delete(e.rr.rules, id)
	e.rr.ruleOrder = removeID(e.rr.ruleOrder, id)
}

func (e *Emulator) createResourceRule(w http.ResponseWriter, r *http.Request) {
	var p resourceRuleParms
	if !decodeBody(w, r, &p) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.apps[p.ResourceID]; !ok || p.ResourceID == "" {
		writeError(w, http.StatusNotFound, "APPLICATION_NOT_FOUND", "Application "+p.ResourceID+" not found.", "resourceId")
		return
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"lowRiskAuthenticationFlow", p.LowRiskAuthenticationFlow}, {"mediumRiskAuthenticationFlow", p.MediumRiskAuthenticationFlow}, {"highRiskAuthenticationFlow", p.HighRiskAuthenticationFlow}} {
		if f.v == nil || *f.v == "" {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", f.name+" is required with the v2 API.", f.name)
			return
		}
	}
	rule := &resourceRule{ID: uuid.NewString(), ResourceID: p.ResourceID, Enabled: true,
		Low: DefaultLowRiskThreshold, Medium: DefaultMediumRiskThreshold, GroupIDs: []string{}}
	if p.Name == nil {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The resource rule name is required.", "name")
		return
	}
	if !e.applyRuleParmsLocked(w, rule, p) {
		return
	}
	e.rr.rules[rule.ID] = rule
	e.rr.ruleOrder = append(e.rr.ruleOrder, rule.ID)
	writeJSON(w, http.StatusOK, e.renderRuleLocked(rule))
}

func (e *Emulator) updateResourceRule(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var p resourceRuleParms
	if !decodeBody(w, r, &p) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	rule, ok := e.rr.rules[id]
	if !ok {
		ruleNotFound(w, id)
		return
	}
	next := *rule
	if p.RemoveIPContext {
		next.IP = nil
	}
	if p.RemoveDateTimeContext {
		next.DateTime = nil
	}
	if p.RemoveLocationContext {
		next.Location = nil
	}
	if !e.applyRuleParmsLocked(w, &next, p) {
		return
	}
	*rule = next
	// The published PUT answers 200 with no body.
	w.WriteHeader(http.StatusOK)
}

// applyRuleParmsLocked validates p and applies what it carries to rule,
// answering 400/409 itself when it cannot.
func (e *Emulator) applyRuleParmsLocked(w http.ResponseWriter, rule *resourceRule, p resourceRuleParms) bool {
	bad := func(param, format string, args ...any) bool {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", fmt.Sprintf(format, args...), param)
		return false
	}
	next := *rule
	if p.Name != nil {
		if strings.TrimSpace(*p.Name) == "" {
			return bad("name", "The resource rule name must not be empty.")
		}
		next.Name = *p.Name
	}
	if p.Description != nil {
		next.Description = *p.Description
	}
	if p.Enabled != nil {
		next.Enabled = *p.Enabled
	}
	if p.StrictAccess != nil {
		next.StrictAccess = *p.StrictAccess
	}
	if p.DisableSSO != nil {
		next.DisableSSO = *p.DisableSSO
	}
	if p.SkipSecondFactorIfUserNotExist != nil {
		next.SkipSecond = *p.SkipSecondFactorIfUserNotExist
	}
	if p.GroupIDs != nil {
		seen := map[string]bool{}
		ids := []string{}
		for _, g := range *p.GroupIDs {
			if _, ok := e.groups[g]; !ok {
				writeError(w, http.StatusBadRequest, "GROUP_NOT_FOUND", "Group "+g+" does not exist.", "groupIds", g)
				return false
			}
			if !seen[g] {
				seen[g] = true
				ids = append(ids, g)
			}
		}
		next.GroupIDs = ids
	}
	if p.LowRiskThreshold != nil {
		next.Low = *p.LowRiskThreshold
	}
	if p.MediumRiskThreshold != nil {
		next.Medium = *p.MediumRiskThreshold
	}
	if next.Low < 0 || next.Low > 100 {
		return bad("lowRiskThreshold", "lowRiskThreshold must be between 0 and 100.")
	}
	if next.Medium < 0 || next.Medium > 100 {
		return bad("mediumRiskThreshold", "mediumRiskThreshold must be between 0 and 100.")
	}
	if next.Low >= next.Medium {
		return bad("lowRiskThreshold", "lowRiskThreshold (%d) must be less than mediumRiskThreshold (%d).", next.Low, next.Medium)
	}
	for _, f := range []struct {
		name string
		v    *string
		dst  *string
	}{{"lowRiskAuthenticationFlow", p.LowRiskAuthenticationFlow, &next.LowFlow}, {"mediumRiskAuthenticationFlow", p.MediumRiskAuthenticationFlow, &next.MediumFlow}, {"highRiskAuthenticationFlow", p.HighRiskAuthenticationFlow, &next.HighFlow}} {
		if f.v == nil {
			continue
		}
		if e.flowLocked(*f.v) == nil {
			writeError(w, http.StatusBadRequest, "AUTHENTICATION_FLOW_NOT_FOUND", "Authentication flow "+*f.v+" does not exist.", f.name, *f.v)
			return false
		}
		*f.dst = *f.v
	}
	if c := p.IpContext; c != nil {
		if msg := checkIPContext(c); msg != "" {
			return bad("ipContext", "%s", msg)
		}
		cc := *c
		if cc.Type == "" {
			cc.Type = "CUSTOM"
		}
		next.IP = &cc
	}
	if c := p.DateTimeContext; c != nil {
		if msg := checkDateTimeContext(c); msg != "" {
			return bad("dateTimeContext", "%s", msg)
		}
		cc := *c
		if cc.ZoneID == "" {
			cc.ZoneID = "Z"
		}
		next.DateTime = &cc
	}
	if c := p.LocationContext; c != nil {
		if msg := checkLocationContext(c); msg != "" {
			return bad("locationContext", "%s", msg)
		}
		cc := *c
		next.Location = &cc
	}
	for _, id := range e.rr.ruleOrder {
		if o := e.rr.rules[id]; o.ID != next.ID && o.ResourceID == next.ResourceID && strings.EqualFold(o.Name, next.Name) {
			writeError(w, http.StatusConflict, "RESOURCE_RULE_ALREADY_EXISTS", fmt.Sprintf("The application already has a resource rule named %q.", next.Name), "name")
			return false
		}
	}
	*rule = next
	return true
}

func checkRisk(deny *bool, risk *int) string {
	if deny == nil || risk == nil {
		return "denyAccess and riskPoint are required."
	}
	if *risk < 0 || *risk > 100 {
		return "riskPoint must be between 0 and 100."
	}
	return ""
}

func checkIPContext(c *ipContext) string {
	if msg := checkRisk(c.DenyAccess, c.RiskPoint); msg != "" {
		return msg
	}
	if c.Type != "" && c.Type != "CUSTOM" && c.Type != "IPLIST" {
		return "type must be CUSTOM or IPLIST."
	}
	for _, r := range append(append([]string{}, c.AllowedIpRanges...), c.DeniedIpRanges...) {
		if _, _, err := net.ParseCIDR(r); err != nil {
			return fmt.Sprintf("%q is not an IP address range in CIDR notation.", r)
		}
	}
	return ""
}

var (
	hhmmss   = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$`)
	offsetRE = regexp.MustCompile(`^[+-]([01][0-9]|2[0-3]):[0-5][0-9]$`)
	weekDays = map[string]bool{"Mon": true, "Tue": true, "Wed": true, "Thu": true, "Fri": true, "Sat": true, "Sun": true}
	country  = regexp.MustCompile(`^[A-Z]{2}$`)
)

func checkDateTimeContext(c *dateTimeContext) string {
	if msg := checkRisk(c.DenyAccess, c.RiskPoint); msg != "" {
		return msg
	}
	dates := c.StartDateTime != "" || c.EndDateTime != ""
	times := c.StartTime != "" || c.EndTime != "" || len(c.WeekDays) > 0
	switch {
	case dates && times:
		return "Only a date range or a time range can be specified."
	case !dates && !times:
		return "A date range or a time range is required."
	case dates:
		s, err1 := time.Parse(time.RFC3339, c.StartDateTime)
		t, err2 := time.Parse(time.RFC3339, c.EndDateTime)
		if err1 != nil || err2 != nil {
			return "startDateTime and endDateTime must both be date-times like 2019-02-19T13:15:27Z."
		}
		if !s.Before(t) {
			return "startDateTime must be before endDateTime."
		}
	default:
		if !hhmmss.MatchString(c.StartTime) || !hhmmss.MatchString(c.EndTime) {
			return "startTime and endTime must both be of the form hh:mm:ss."
		}
		for _, d := range c.WeekDays {
			if !weekDays[d] {
				return fmt.Sprintf("%q is not a day of the week (Mon, Tue, Wed, Thu, Fri, Sat, Sun).", d)
			}
		}
	}
	if z := c.ZoneID; z != "" && z != "Z" && !offsetRE.MatchString(z) {
		if _, err := time.LoadLocation(z); err != nil || z == "Local" {
			return fmt.Sprintf("%q is not a time zone id or offset.", z)
		}
	}
	return ""
}

func checkLocationContext(c *locationContext) string {
	if msg := checkRisk(c.DenyAccess, c.RiskPoint); msg != "" {
		return msg
	}
	if c.Allowed == nil || c.AnonymousAllowed == nil || len(c.CountryCodes) == 0 {
		return "allowed, anonymousAllowed and countryCodes are required."
	}
	for _, cc := range c.CountryCodes {
		if !country.MatchString(cc) {
			return fmt.Sprintf("%q is not an ISO alpha-2 country code.", cc)
		}
	}
	return ""
}

func (e *Emulator) listAuthFlows(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	out := make([]authFlow, 0, len(e.rr.flows))
	for _, f := range e.rr.flows {
		out = append(out, e.renderFlowLocked(f))
	}
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) getAuthFlow(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	f := e.flowLocked(id)
	if f == nil {
		writeError(w, http.StatusNotFound, "AUTHENTICATION_FLOW_NOT_FOUND", "Authentication flow "+id+" not found.")
		return
	}
	writeJSON(w, http.StatusOK, e.renderFlowLocked(f))
}

// onApplicationDeletedRulesLocked deletes the rules of a deleted application.
func (e *Emulator) onApplicationDeletedRulesLocked(app string) {
	for _, id := range append([]string{}, e.rr.ruleOrder...) {
		if e.rr.rules[id].ResourceID == app {
			e.deleteRuleLocked(id)
		}
	}
}

// onGroupDeletedRulesLocked removes a deleted group from every rule. A rule
// that loses its last group would apply to all users; it is disabled
// instead.
func (e *Emulator) onGroupDeletedRulesLocked(g string) {
	for _, id := range e.rr.ruleOrder {
		r := e.rr.rules[id]
		before := len(r.GroupIDs)
		r.GroupIDs = removeID(r.GroupIDs, g)
		if before > 0 && len(r.GroupIDs) == 0 {
			r.Enabled = false
		}
	}
}

// SetResourceRuleEnabled turns a rule on or off, as an admin would in the
// console.
func (e *Emulator) SetResourceRuleEnabled(id string, enabled bool) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, ok := e.rr.rules[id]
	if ok {
		r.Enabled = enabled
	}
	return ok
}
