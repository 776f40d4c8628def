// Package serviceprovider is a stand-in for a SAML service provider such as
// AWS IAM Identity Center: crewjam/saml's ServiceProvider, configured from
// the service provider's own metadata (entity id, ACS) and the IdP metadata
// the tenant publishes for the application, exactly as the service provider
// is configured in its console. It signs a user in through the emulator as
// a browser would (follow the IdP's auto-POST form to the ACS) and accepts or
// refuses the response as the library does: signature, issuer, audience,
// recipient, destination, validity, InResponseTo.
//
// It is for tests and the demo; the provider never links it.
package serviceprovider

import (
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/crewjam/saml"
	"github.com/crewjam/saml/samlsp"
	"golang.org/x/net/html"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/idp"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// SP is a service provider that trusts one identity provider.
type SP struct {
	// SP is the crewjam/saml service provider; its SignatureVerifier accepts
	// XML-DSig's r||s ECDSA signature values (idp.XMLDSigVerifier).
	SP   saml.ServiceProvider
	HTTP *http.Client
}

// New configures a service provider from its own metadata and the
// identity provider's metadata.
func New(spMetadataXML, idpMetadataXML string) (*SP, error) {
	md, err := samlutil.ParseSPMetadata(spMetadataXML)
	if err != nil {
		return nil, fmt.Errorf("SP metadata: %w", err)
	}
	return FromEntity(md.EntityID, md.ACS[samlutil.DefaultACS(md.ACS)].URL, idpMetadataXML)
}

// FromEntity configures a service provider from its entity id and ACS URL
// and the identity provider's metadata.
func FromEntity(entityID, acs, idpMetadataXML string) (*SP, error) {
	acsURL, err := url.Parse(acs)
	if err != nil {
		return nil, fmt.Errorf("ACS URL: %w", err)
	}
	idpMD, err := samlsp.ParseMetadata([]byte(idpMetadataXML))
	if err != nil {
		return nil, fmt.Errorf("IdP metadata: %w", err)
	}
	return &SP{
		SP: saml.ServiceProvider{
			EntityID: entityID, AcsURL: *acsURL, IDPMetadata: idpMD,
			AllowIDPInitiated: true, SignatureVerifier: idp.XMLDSigVerifier{},
		},
		HTTP: &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}, nil
}

// Result is an accepted sign-in.
type Result struct {
	Assertion    *saml.Assertion
	NameID       string
	NameIDFormat string
	// Attributes by name, in the assertion's order of names.
	Attributes     map[string][]string
	AttributeNames []string
	RelayState     string
	// ResponseXML is the SAMLResponse as the IdP sent it.
	ResponseXML []byte
	// ACS is where the IdP's form posted the response.
	ACS string
}

// SessionNotOnOrAfter is the end of the session the IdP allows, or nil.
func (r *Result) SessionNotOnOrAfter() *time.Time {
	for _, s := range r.Assertion.AuthnStatements {
		if s.SessionNotOnOrAfter != nil {
			return s.SessionNotOnOrAfter
		}
	}
	return nil
}

// RefusedError is the identity provider's answer when it gives no
// assertion: its status and the text of its error page.
type RefusedError struct {
	Status  int
	Message string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("the identity provider refused the sign-in (HTTP %d): %s", e.Status, e.Message)
}

// IdPInitiated opens signInURL (the emulator's
// /_emulator/signin?application=...&user=...) and accepts what its form
// posts to the ACS.
func (sp *SP) IdPInitiated(signInURL string) (*Result, error) {
	resp, err := sp.HTTP.Get(signInURL)
	if err != nil {
		return nil, err
	}
	return sp.accept(resp, nil)
}

// Redirect starts a sign-in at the service provider with the HTTP-Redirect
// binding, as the user who opens the AWS access portal does: the browser is
// sent to the IdP's SSO URL with a SAMLRequest, and user (the emulator's
// stand-in for its login page) names who signs in.
func (sp *SP) Redirect(relayState, user string) (*Result, error) {
	sso := sp.SP.GetSSOBindingLocation(saml.HTTPRedirectBinding)
	req, err := sp.SP.MakeAuthenticationRequest(sso, saml.HTTPRedirectBinding, saml.HTTPPostBinding)
	if err != nil {
		return nil, err
	}
	u, err := req.Redirect(relayState, &sp.SP)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	q.Set("user", user)
	u.RawQuery = q.Encode()
	resp, err := sp.HTTP.Get(u.String())
	if err != nil {
		return nil, err
	}
	return sp.accept(resp, []string{req.ID})
}

// Post starts a sign-in at the service provider with the HTTP-POST binding.
func (sp *SP) Post(relayState, user string) (*Result, error) {
	sso := sp.SP.GetSSOBindingLocation(saml.HTTPPostBinding)
	req, err := sp.SP.MakeAuthenticationRequest(sso, saml.HTTPPostBinding, saml.HTTPPostBinding)
	if err != nil {
		return nil, err
	}
	action, form, err := parseForm(strings.NewReader(string(req.Post(relayState))))
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(action)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	q.Set("user", user)
	u.RawQuery = q.Encode()
	resp, err := sp.HTTP.PostForm(u.String(), form)
	if err != nil {
		return nil, err
	}
	return sp.accept(resp, []string{req.ID})
}

// accept reads the IdP's answer: an error page, or the form that posts the
// response to the ACS, which the service provider then checks. With
// requestIDs (SP-initiated), InResponseTo must be one of them.
func (sp *SP) accept(resp *http.Response, requestIDs []string) (*Result, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &RefusedError{Status: resp.StatusCode, Message: pageText(string(body))}
	}
	action, form, err := parseForm(strings.NewReader(string(body)))
	if err != nil {
		return nil, fmt.Errorf("the identity provider's page: %w", err)
	}
	if form.Get("SAMLResponse") == "" {
		return nil, errors.New("the identity provider's form has no SAMLResponse")
	}
	raw, err := base64.StdEncoding.DecodeString(form.Get("SAMLResponse"))
	if err != nil {
		return nil, fmt.Errorf("SAMLResponse is not base64: %w", err)
	}
	// What the browser posts to the ACS, handed to the library as the ACS
	// would receive it.
	post, err := http.NewRequest(http.MethodPost, action, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r, err := sp.acceptPost(post, requestIDs)
	if err != nil {
		return nil, err
	}
	r.ResponseXML, r.ACS = raw, action
	return r, nil
}

// AcceptPost is the service provider's ACS: it accepts (or refuses) the
// SAMLResponse a browser posted, IdP-initiated (no request of the SP's own
// to answer). The post may arrive at another URL than the SP's ACS (a
// stand-in served on loopback): the response's Destination, Recipient and
// Audience are checked against the SP's own ACS and entity id, as the
// library does.
func (sp *SP) AcceptPost(r *http.Request) (*Result, error) {
	res, err := sp.acceptPost(r, nil)
	if err != nil {
		return nil, err
	}
	res.ACS = sp.SP.AcsURL.String()
	if raw, err := base64.StdEncoding.DecodeString(r.PostForm.Get("SAMLResponse")); err == nil {
		res.ResponseXML = raw
	}
	return res, nil
}

func (sp *SP) acceptPost(post *http.Request, requestIDs []string) (*Result, error) {
	if err := post.ParseForm(); err != nil {
		return nil, err
	}
	form := post.PostForm
	s := sp.SP
	s.AllowIDPInitiated = requestIDs == nil
	assertion, err := s.ParseResponse(post, requestIDs)
	if err != nil {
		var invalid *saml.InvalidResponseError
		if errors.As(err, &invalid) {
			err = fmt.Errorf("the service provider refused the response: %w", invalid.PrivateErr)
		}
		return nil, err
	}
	r := &Result{Assertion: assertion, RelayState: form.Get("RelayState"), Attributes: map[string][]string{}}
	if assertion.Subject != nil && assertion.Subject.NameID != nil {
		r.NameID, r.NameIDFormat = assertion.Subject.NameID.Value, assertion.Subject.NameID.Format
	}
	for _, st := range assertion.AttributeStatements {
		for _, a := range st.Attributes {
			if _, seen := r.Attributes[a.Name]; !seen {
				r.AttributeNames = append(r.AttributeNames, a.Name)
			}
			for _, v := range a.Values {
				r.Attributes[a.Name] = append(r.Attributes[a.Name], v.Value)
			}
		}
	}
	return r, nil
}

// parseForm finds the page's first form: its action and its fields.
func parseForm(r io.Reader) (string, url.Values, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return "", nil, err
	}
	var action string
	var found bool
	values := url.Values{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "form" && !found:
				found = true
				action = attr(n, "action")
			case n.Data == "input" && found && attr(n, "name") != "":
				values.Add(attr(n, "name"), attr(n, "value"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !found {
		return "", nil, errors.New("no form")
	}
	return action, values, nil
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// pageText is the text of an HTML page, whitespace collapsed.
func pageText(page string) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return page
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data + " ")
		}
		if n.Type == html.ElementNode && (n.Data == "title" || n.Data == "script" || n.Data == "h1") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(b.String()), " ")
}

// resultPage is what the stand-in shows once it accepted a sign-in: who
// signed in, with what, until when.
var resultPage = template.Must(template.New("acs").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{.Name}}: signed in</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}.ok{color:#17612b}</style>
</head><body>
<h1 class="ok">Signed in to {{.Name}}</h1>
<p>The stand-in for {{.Name}} (crewjam/saml's service provider, configured with the SP entity id, the ACS and the tenant's IdP metadata) accepted the SAML response: signature, issuer, audience, recipient, destination and validity checked.</p>
<table>
<tr><th>NameID</th><td id="nameid">{{.R.NameID}}</td></tr>
<tr><th>NameID format</th><td id="nameid-format">{{.R.NameIDFormat}}</td></tr>
<tr><th>Issuer</th><td id="issuer">{{.R.Assertion.Issuer.Value}}</td></tr>
<tr><th>Audience</th><td id="audience">{{.Audience}}</td></tr>
<tr><th>ACS</th><td id="acs">{{.R.ACS}}</td></tr>
<tr><th>Session ends</th><td id="session-end">{{with .R.SessionNotOnOrAfter}}{{.UTC.Format "2006-01-02 15:04:05 UTC"}}{{else}}not limited by the IdP{{end}}</td></tr>
{{if .R.RelayState}}<tr><th>RelayState</th><td id="relay-state">{{.R.RelayState}}</td></tr>{{end}}
</table>
<h2>Attributes</h2>
{{if .R.AttributeNames}}<table id="attributes"><tr><th>name</th><th>values</th></tr>
{{range .R.AttributeNames}}<tr><td>{{.}}</td><td>{{range index $.R.Attributes .}}{{.}} {{end}}</td></tr>
{{end}}</table>{{else}}<p id="attributes">none</p>{{end}}
</body></html>
`))

var refusedPage = template.Must(template.New("acs-refused").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{.Name}}: sign-in refused</title></head>
<body><h1>{{.Name}} refused the sign-in</h1><p id="error">{{.Err}}</p></body></html>
`))

// ServeACS is the stand-in's assertion consumer service for a browser:
// it accepts the posted SAMLResponse (AcceptPost) and shows what it
// accepted, or why it refused it (HTTP 403). name names the service
// provider on the page, e.g. "AWS IAM Identity Center".
func (sp *SP) ServeACS(w http.ResponseWriter, r *http.Request, name string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	res, err := sp.AcceptPost(r)
	if err != nil {
		w.WriteHeader(http.StatusForbidden)
		_ = refusedPage.Execute(w, map[string]any{"Name": name, "Err": err.Error()})
		return
	}
	audience := ""
	if c := res.Assertion.Conditions; c != nil && len(c.AudienceRestrictions) > 0 {
		audience = c.AudienceRestrictions[0].Audience.Value
	}
	_ = resultPage.Execute(w, map[string]any{"Name": name, "R": res, "Audience": audience})
}
