package emulator

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/serviceprovider"
)

// The console: read-only pages of the tenant for a person, at
//
//	GET  /_emulator/                      groups, users, SAML applications, certificates,
//	                                      provisioners, and what the built-in SCIM server holds
//	GET  /_emulator/signin?...&acs=stand-in
//	                                      IdP-initiated sign-in whose form posts to the stand-in's ACS
//	POST /_emulator/sp/{id}/acs           the service provider stand-in's ACS for application id:
//	                                      it accepts the response and shows the assertion
//	GET  /_emulator/login                 with Options.ProtectControl: a form for the admin API
//	POST /_emulator/login                 application id and shared secret, which sets a token in
//	                                      the ControlCookie for the other /_emulator/ pages
//
// Each SAML application lists a "sign in as" link per user its resource
// rules admit, and a "try" link per user they refuse. A browser that follows
// "sign in as" runs the IdP-initiated sign-in; the auto-posting form goes to
// the stand-in for the application's service provider (package
// serviceprovider: crewjam/saml's service provider configured with the
// application's SP entity id, ACS and the tenant's IdP metadata), served
// here on the emulator since the real ACS (AWS's) is not reachable. The
// response's Destination, Recipient and Audience stay the real ACS and
// entity id, and the stand-in checks them as the real one would.

func (e *Emulator) consoleRoutes() {
	e.mux.HandleFunc("GET /_emulator/{$}", e.console)
	e.mux.HandleFunc("GET /_emulator/login", e.consoleLoginForm)
	e.mux.HandleFunc("POST /_emulator/login", e.consoleLogin)
	e.mux.HandleFunc("POST /_emulator/sp/{id}/acs", e.standInACS)
}

// standInACSPath is where the console's sign-in form posts.
func standInACSPath(appID string) string { return "/_emulator/sp/" + url.PathEscape(appID) + "/acs" }

type consoleUser struct {
	UserID, Name, State string
	Groups              []string
}

type consoleSignIn struct {
	UserID, URL, Why string
}

type consoleApp struct {
	ID, Name, Template, SPEntityID, ACS, Certificate string
	Admitted, Refused                                []consoleSignIn
}

type consoleCert struct {
	ID, Name, KeyAlgorithm, NotAfter, UsedBy string
	DaysLeft                                 int
	Expired                                  bool
}

type consoleOp struct {
	ID, Status, StartedAt, FinishedAt, Message                        string
	UsersCreated, UsersUpdated, UsersDeactivated, GroupsPushed, Fails int
}

type consoleProv struct {
	ID, Name, Type, Status, LastSyncAt, Endpoint string
	Enabled                                      bool
	Groups                                       []string
	Ops                                          []consoleOp
}

type consoleSCIMUser struct {
	UserName, ExternalID, DisplayName string
	Active                            bool
	Groups                            []string
}

type consoleSCIMGroup struct {
	DisplayName, ExternalID string
	Members                 int
}

type consolePage struct {
	Now          string
	Groups       []consoleGroup
	Users        []consoleUser
	Apps         []consoleApp
	Certs        []consoleCert
	Provisioners []consoleProv
	SCIMBase     string
	SCIMUsers    []consoleSCIMUser
	SCIMGroups   []consoleSCIMGroup
}

type consoleGroup struct {
	ID, Name, ExternalID string
	Members              int
}

// consoleData reads the tenant for the console.
func (e *Emulator) consoleData() consolePage {
	now := e.opts.Now()
	p := consolePage{Now: now.UTC().Format(time.RFC3339), SCIMBase: e.scim.BasePath()}
	e.mu.Lock()
	groupName := func(id string) string {
		if g, ok := e.groups[id]; ok {
			return g.Name
		}
		return id
	}
	members := map[string]int{}
	for _, id := range e.userOrder {
		for g := range e.users[id].groups {
			members[g]++
		}
	}
	for _, id := range e.groupOrder {
		g := e.groups[id]
		p.Groups = append(p.Groups, consoleGroup{ID: g.ID, Name: g.Name, ExternalID: g.ExternalID, Members: members[g.ID]})
	}
	for _, id := range e.userOrder {
		u := e.users[id]
		cu := consoleUser{UserID: u.UserID, Name: u.FirstName + " " + u.LastName, State: u.State}
		for _, g := range e.groupOrder {
			if u.groups[g] {
				cu.Groups = append(cu.Groups, groupName(g))
			}
		}
		p.Users = append(p.Users, cu)
	}
	certName := func(id string) string {
		if c, ok := e.certs[id]; ok && c.Name != "" {
			return c.Name
		}
		return id
	}
	usedBy := map[string][]string{}
	for _, id := range e.appOrder {
		a := e.apps[id]
		sc, ok := a.detail.(*samlConfig)
		if !ok {
			continue
		}
		t, _ := templateByID(a.TemplateID)
		ca := consoleApp{ID: a.ID, Name: a.Name, Template: t.Name, SPEntityID: sc.SPEntityID, ACS: sc.ACSURL, Certificate: certName(sc.SigningCertificateID)}
		usedBy[sc.SigningCertificateID] = append(usedBy[sc.SigningCertificateID], a.Name)
		for _, uid := range e.userOrder {
			u := e.users[uid]
			link := "/_emulator/signin?" + url.Values{"application": {a.ID}, "user": {u.UserID}, "acs": {"stand-in"}}.Encode()
			if why := e.admittedLocked(a.ID, u); why != "" {
				ca.Refused = append(ca.Refused, consoleSignIn{UserID: u.UserID, URL: link, Why: why})
			} else {
				ca.Admitted = append(ca.Admitted, consoleSignIn{UserID: u.UserID, URL: link})
			}
		}
		p.Apps = append(p.Apps, ca)
	}
	for _, id := range e.certOrder {
		c := e.certs[id]
		cc := consoleCert{ID: c.ID, Name: c.Name, KeyAlgorithm: c.KeyAlgorithm, NotAfter: c.NotAfter, Expired: !now.Before(c.cert.NotAfter),
			DaysLeft: int(c.cert.NotAfter.Sub(now).Hours() / 24)}
		for i, n := range usedBy[c.ID] {
			if i > 0 {
				cc.UsedBy += ", "
			}
			cc.UsedBy += n
		}
		p.Certs = append(p.Certs, cc)
	}
	for _, id := range e.provs.order {
		pr := e.provs.byID[id]
		cp := consoleProv{ID: pr.ID, Name: pr.Name, Type: pr.Type, Status: pr.Status, LastSyncAt: pr.LastSyncAt, Endpoint: pr.SCIMEndpoint, Enabled: pr.Enabled}
		for _, g := range pr.GroupIDs {
			cp.Groups = append(cp.Groups, groupName(g))
		}
		var ops []*operation
		for _, op := range e.provs.ops {
			if op.ProvisionerID == pr.ID {
				ops = append(ops, op)
			}
		}
		sort.Slice(ops, func(i, j int) bool { return ops[i].StartedAt > ops[j].StartedAt })
		for _, op := range ops[:min(len(ops), 5)] {
			cp.Ops = append(cp.Ops, consoleOp{ID: op.ID, Status: op.Status, StartedAt: op.StartedAt, FinishedAt: op.FinishedAt, Message: op.Message,
				UsersCreated: op.UsersCreated, UsersUpdated: op.UsersUpdated, UsersDeactivated: op.UsersDeactivated, GroupsPushed: op.GroupsPushed, Fails: len(op.Failures)})
		}
		p.Provisioners = append(p.Provisioners, cp)
	}
	e.mu.Unlock()

	groupsOf := map[string][]string{}
	for _, g := range e.scim.Groups() {
		p.SCIMGroups = append(p.SCIMGroups, consoleSCIMGroup{DisplayName: g.DisplayName, ExternalID: g.ExternalID, Members: len(g.Members)})
		for _, m := range g.Members {
			groupsOf[m] = append(groupsOf[m], g.DisplayName)
		}
	}
	for _, u := range e.scim.Users() {
		str := func(k string) string { s, _ := u[k].(string); return s }
		active, _ := u["active"].(bool)
		p.SCIMUsers = append(p.SCIMUsers, consoleSCIMUser{UserName: str("userName"), ExternalID: str("externalId"), DisplayName: str("displayName"),
			Active: active, Groups: groupsOf[str("id")]})
	}
	return p
}

var consoleTemplate = template.Must(template.New("console").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Tenant emulator: console</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
h1{margin-bottom:.2em} h2{margin-top:1.4em;border-bottom:2px solid #2b5797;color:#2b5797}
table{border-collapse:collapse;margin:.4em 0} td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top;font-size:.92em}
th{background:#eef2f8} .muted{color:#777} .bad{color:#a31515} .good{color:#17612b}
nav a{margin-right:1em} a.signin{display:inline-block;margin:.1em .3em .1em 0;padding:.1em .5em;border:1px solid #2b5797;border-radius:.3em;text-decoration:none}
</style></head><body>
<h1>Tenant emulator</h1>
<p class="muted">Read-only view of the tenant at {{.Now}}.</p>
<nav><a href="#groups">Groups</a><a href="#users">Users</a><a href="#applications">SAML applications</a><a href="#certificates">Certificates</a><a href="#provisioners">Provisioners</a><a href="#scim">SCIM server</a></nav>

<h2 id="groups">Groups</h2>
{{if .Groups}}<table><tr><th>name</th><th>members</th><th>external id</th><th>id</th></tr>
{{range .Groups}}<tr><td>{{.Name}}</td><td>{{.Members}}</td><td>{{.ExternalID}}</td><td class="muted">{{.ID}}</td></tr>
{{end}}</table>{{else}}<p class="muted">No groups.</p>{{end}}

<h2 id="users">Users</h2>
{{if .Users}}<table><tr><th>user id</th><th>name</th><th>state</th><th>groups</th></tr>
{{range .Users}}<tr><td>{{.UserID}}</td><td>{{.Name}}</td><td>{{.State}}</td><td>{{range $i, $g := .Groups}}{{if $i}}, {{end}}{{$g}}{{end}}</td></tr>
{{end}}</table>{{else}}<p class="muted">No users.</p>{{end}}

<h2 id="applications">SAML applications</h2>
{{range .Apps}}<h3>{{.Name}} <span class="muted">({{.Template}})</span></h3>
<table><tr><th>SP entity id (audience)</th><td>{{.SPEntityID}}</td></tr><tr><th>ACS</th><td>{{.ACS}}</td></tr><tr><th>signing certificate</th><td>{{.Certificate}}</td></tr>
<tr><th>sign in as</th><td>{{range .Admitted}}<a class="signin" href="{{.URL}}" data-user="{{.UserID}}">{{.UserID}}</a>{{else}}<span class="muted">nobody: no resource rule admits a user</span>{{end}}</td></tr>
{{if .Refused}}<tr><th>refused</th><td>{{range .Refused}}<div>{{.UserID}}: <span class="bad">{{.Why}}</span> <a class="try" href="{{.URL}}" data-user="{{.UserID}}">try</a></div>{{end}}</td></tr>{{end}}
</table>
{{else}}<p class="muted">No SAML applications.</p>{{end}}

<h2 id="certificates">Signing certificates</h2>
{{if .Certs}}<table><tr><th>name</th><th>key</th><th>expires</th><th>days left</th><th>used by</th><th>id</th></tr>
{{range .Certs}}<tr><td>{{.Name}}</td><td>{{.KeyAlgorithm}}</td><td>{{.NotAfter}}</td><td>{{if .Expired}}<span class="bad">expired</span>{{else}}{{.DaysLeft}}{{end}}</td><td>{{.UsedBy}}</td><td class="muted">{{.ID}}</td></tr>
{{end}}</table>{{else}}<p class="muted">No signing certificates.</p>{{end}}

<h2 id="provisioners">Provisioners</h2>
{{range .Provisioners}}<h3>{{.Name}} <span class="muted">({{.Type}}, {{if .Enabled}}enabled{{else}}disabled{{end}})</span></h3>
<table><tr><th>status</th><td>{{.Status}}</td></tr><tr><th>last synchronization</th><td>{{.LastSyncAt}}</td></tr><tr><th>SCIM endpoint</th><td>{{.Endpoint}}</td></tr>
<tr><th>groups</th><td>{{range $i, $g := .Groups}}{{if $i}}, {{end}}{{$g}}{{else}}all users{{end}}</td></tr></table>
{{if .Ops}}<table><tr><th>operation</th><th>status</th><th>started</th><th>finished</th><th>users created</th><th>updated</th><th>deactivated</th><th>groups pushed</th><th>failures</th></tr>
{{range .Ops}}<tr><td class="muted">{{.ID}}</td><td>{{.Status}}{{if .Message}}: {{.Message}}{{end}}</td><td>{{.StartedAt}}</td><td>{{.FinishedAt}}</td><td>{{.UsersCreated}}</td><td>{{.UsersUpdated}}</td><td>{{.UsersDeactivated}}</td><td>{{.GroupsPushed}}</td><td>{{.Fails}}</td></tr>
{{end}}</table>{{else}}<p class="muted">Never synchronized.</p>{{end}}
{{else}}<p class="muted">No provisioners.</p>{{end}}

<h2 id="scim">The SCIM server (AWS IAM Identity Center stand-in)</h2>
<p class="muted">At {{.SCIMBase}}: what provisioning left in "AWS".</p>
{{if .SCIMUsers}}<table><tr><th>userName</th><th>displayName</th><th>active</th><th>groups</th><th>externalId</th></tr>
{{range .SCIMUsers}}<tr><td>{{.UserName}}</td><td>{{.DisplayName}}</td><td>{{if .Active}}<span class="good">yes</span>{{else}}<span class="bad">no</span>{{end}}</td><td>{{range $i, $g := .Groups}}{{if $i}}, {{end}}{{$g}}{{end}}</td><td class="muted">{{.ExternalID}}</td></tr>
{{end}}</table>{{else}}<p class="muted">No users.</p>{{end}}
{{if .SCIMGroups}}<table><tr><th>group</th><th>members</th><th>externalId</th></tr>
{{range .SCIMGroups}}<tr><td>{{.DisplayName}}</td><td>{{.Members}}</td><td class="muted">{{.ExternalID}}</td></tr>
{{end}}</table>{{end}}
</body></html>
`))

func (e *Emulator) console(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = consoleTemplate.Execute(w, e.consoleData())
}

// standInACS is the service provider stand-in's ACS for the application of
// the path: it trusts the tenant's IdP metadata for the application, as the
// service provider was configured with it, and shows what it accepted.
func (e *Emulator) standInACS(w http.ResponseWriter, r *http.Request) {
	md, ok := e.idpMetadataFor(w, r)
	if !ok {
		return
	}
	e.mu.Lock()
	a := e.apps[r.PathValue("id")]
	var sc samlConfig
	var tmpl string
	if a != nil {
		sc = *samlOf(a)
		t, _ := templateByID(a.TemplateID)
		tmpl = t.Name
	}
	e.mu.Unlock()
	sp, err := serviceprovider.FromEntity(sc.SPEntityID, sc.ACSURL, md.XML)
	if err != nil {
		writeSignInError(w, &signInError{http.StatusInternalServerError, "The service provider stand-in cannot be configured: " + err.Error()})
		return
	}
	name := tmpl
	if name == "" || slices.Contains([]string{"Generic SAML 2.0"}, name) {
		name = "the service provider " + sc.SPEntityID
	}
	sp.ServeACS(w, r, name)
}

var loginPage = template.Must(template.New("login").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Tenant emulator: sign in to the console</title></head>
<body><h1>Tenant emulator</h1>
<p>This emulator is reachable beyond loopback: its console needs the admin API credentials (the connection line's application_id and shared_secret).</p>
{{if .}}<p id="error" style="color:#a31515">{{.}}</p>{{end}}
<form method="post" action="/_emulator/login">
<p><label>Application id <input name="applicationId" size="40"></label></p>
<p><label>Shared secret <input name="sharedSecret" type="password" size="40"></label></p>
<p><input type="submit" value="Open the console"></p>
</form></body></html>
`))

func (e *Emulator) consoleLoginForm(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = loginPage.Execute(w, "")
}

// consoleLogin issues an admin API token for the console, as authenticate
// does, and keeps it in the ControlCookie.
func (e *Emulator) consoleLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("applicationId") != e.opts.ApplicationID || r.PostForm.Get("sharedSecret") != e.opts.SharedSecret {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		_ = loginPage.Execute(w, "Unknown application or wrong shared secret.")
		return
	}
	tok := randomString(48)
	exp := e.opts.Now().Add(e.opts.TokenTTL)
	e.mu.Lock()
	e.tokens[tok] = exp
	e.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: ControlCookie, Value: tok, Path: "/_emulator/", Expires: exp, HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/_emulator/", http.StatusSeeOther)
}
