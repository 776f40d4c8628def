package emulator

import (
	"encoding/hex"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"slices"
	"time"

	"github.com/beevik/etree"
	"github.com/crewjam/saml"
	"github.com/google/uuid"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/idp"
)

// SAML sign-in, as the tenant's identity provider does it for a SAML
// application, built on crewjam/saml's identity provider side (request
// parsing and validation, the assertion and response types, the HTTP-POST
// binding):
//
//	GET  /_emulator/signin?application=<id>&user=<userId>         IdP-initiated
//	     (&acs=stand-in: the form posts to the service provider stand-in, console.go)
//	GET  /api/saml/v2/applications/{id}/sso?SAMLRequest=...&user=  SP-initiated, HTTP-Redirect binding
//	POST /api/saml/v2/applications/{id}/sso?user=<userId>          SP-initiated, HTTP-POST binding
//
// The emulator has no login page: the query names the user who signs in
// (by userId, or by the user's UUID). The answer is what a browser gets: an
// HTML form that POSTs SAMLResponse (and RelayState when there is one) to
// the ACS. The response follows the application: its signing certificate
// and signature algorithm, signed assertion and/or response, Audience =
// the SP entity id, Recipient and Destination = the ACS, NameID from the
// name ID attribute in the name ID format, one attribute per configured
// attribute, SessionNotOnOrAfter from the session duration.
//
// Who may sign in: an ACTIVE user admitted by one of the application's
// enabled resource rules (its groups, or all users when it has none) whose
// low-risk authentication flow is not "Deny Access". Anyone else gets an
// error page (403) and no assertion.

// assertionLifetime is how long an assertion may be presented to the SP.
const assertionLifetime = 5 * time.Minute

func (e *Emulator) signInRoutes() {
	e.mux.HandleFunc("GET /_emulator/signin", e.idpInitiatedSignIn)
	e.mux.HandleFunc("GET /api/saml/v2/applications/{id}/sso", e.spInitiatedSignIn)
	e.mux.HandleFunc("POST /api/saml/v2/applications/{id}/sso", e.spInitiatedSignIn)
}

// signInError is an error page: status and a message for the user.
type signInError struct {
	status int
	msg    string
}

func (s *signInError) Error() string { return s.msg }

var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html><head><title>Sign-in refused</title></head>
<body><h1>Sign-in refused</h1><p id="error">{{.}}</p></body></html>
`))

func writeSignInError(w http.ResponseWriter, err *signInError) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(err.status)
	_ = errorPage.Execute(w, err.msg)
}

// responseForm is crewjam/saml's auto-submitting HTTP-POST form, without the
// RelayState field when there is none.
var responseForm = template.Must(template.New("saml-post-form").Parse(`<!DOCTYPE html>
<html><body onload="document.forms[0].submit()">` +
	`<form method="post" action="{{.URL}}" id="SAMLResponseForm">` +
	`<input type="hidden" name="SAMLResponse" value="{{.SAMLResponse}}" />` +
	`{{if .RelayState}}<input type="hidden" name="RelayState" value="{{.RelayState}}" />{{end}}` +
	`<noscript><input type="submit" value="Continue" /></noscript>` +
	`</form></body></html>
`))

// signIn is one sign-in being answered: copies of what it needs, taken
// under the lock.
type signIn struct {
	appID  string
	sc     samlConfig
	cert   *signingCert
	nameID string
	attrs  []saml.Attribute
	entity string
	sso    string
}

// userAttributesLocked is a user's attribute values by attribute name, the
// built-in ones ("User ID", "Email", ...) included.
func (e *Emulator) userAttributesLocked(u *user) map[string]string {
	attrs := map[string]string{"User ID": u.UserID, "First Name": u.FirstName, "Last Name": u.LastName, "Email": u.Email,
		"Mobile": u.Mobile, "Phone": u.Phone, "State": u.State, "External ID": u.ExternalID}
	for aid, val := range u.values {
		if a, ok := e.attrs[aid]; ok {
			attrs[a.Name] = val
		}
	}
	return attrs
}

// findUserLocked finds a user by userId (case-insensitive) or UUID.
func (e *Emulator) findUserLocked(ref string) *user {
	if u, ok := e.users[ref]; ok {
		return u
	}
	return e.userByUserIDLocked(ref)
}

// admittedLocked says why user u may not sign in to application app, or ""
// when one of its resource rules admits u.
func (e *Emulator) admittedLocked(app string, u *user) string {
	if u.State != "ACTIVE" {
		return fmt.Sprintf("User %s is disabled.", u.UserID)
	}
	rules := 0
	for _, id := range e.rr.ruleOrder {
		r := e.rr.rules[id]
		if r.ResourceID != app || !r.Enabled {
			continue
		}
		rules++
		if len(r.GroupIDs) > 0 && !slices.ContainsFunc(r.GroupIDs, func(g string) bool { return u.groups[g] }) {
			continue
		}
		if r.LowFlow == FlowDeny {
			continue
		}
		return ""
	}
	if rules == 0 {
		return "No enabled resource rule gives access to this application."
	}
	return fmt.Sprintf("User %s is not allowed to sign in to this application: no resource rule admits the user's groups.", u.UserID)
}

var attributeNameFormats = map[string]string{
	"":            "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified",
	"unspecified": "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified",
	"basic":       "urn:oasis:names:tc:SAML:2.0:attrname-format:basic",
	"uri":         "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
}

// prepareSignIn checks that userRef may sign in to application appID and
// takes what the response needs.
func (e *Emulator) prepareSignIn(r *http.Request, appID, userRef string) (*signIn, *signInError) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.apps[appID]
	if !ok {
		return nil, &signInError{http.StatusNotFound, "There is no SAML application " + appID + "."}
	}
	sc, ok := a.detail.(*samlConfig)
	if !ok {
		return nil, &signInError{http.StatusNotFound, "Application " + appID + " is not a SAML application."}
	}
	if userRef == "" {
		return nil, &signInError{http.StatusBadRequest, "Name the user who signs in with ?user=<userId>."}
	}
	u := e.findUserLocked(userRef)
	if u == nil {
		return nil, &signInError{http.StatusForbidden, "There is no user " + userRef + "."}
	}
	if why := e.admittedLocked(appID, u); why != "" {
		return nil, &signInError{http.StatusForbidden, why}
	}
	cert, ok := e.certs[sc.SigningCertificateID]
	if !ok {
		return nil, &signInError{http.StatusInternalServerError, "The application's signing certificate is gone."}
	}
	values := e.userAttributesLocked(u)
	s := &signIn{appID: appID, sc: *sc, cert: cert, nameID: values[sc.NameIDAttribute], entity: idpEntityID(baseURL(r), appID)}
	s.sc.AdditionalACSURLs = slices.Clone(sc.AdditionalACSURLs)
	s.sso = s.entity + "/sso"
	if s.nameID == "" {
		return nil, &signInError{http.StatusForbidden, fmt.Sprintf("User %s has no value for %q, the application's NameID attribute.", u.UserID, sc.NameIDAttribute)}
	}
	for _, at := range sc.Attributes {
		v := at.Value
		if at.UserAttribute != "" {
			v = values[at.UserAttribute]
		}
		s.attrs = append(s.attrs, saml.Attribute{Name: at.Name, NameFormat: attributeNameFormats[at.NameFormat],
			Values: []saml.AttributeValue{{Type: "xs:string", Value: v}}})
	}
	return s, nil
}

// spMetadata is the service provider as the tenant knows it: its entity id
// and ACS URLs (all HTTP-POST, the default first, indexed in order).
func (s *signIn) spMetadata() *saml.EntityDescriptor {
	t := true
	acs := []saml.IndexedEndpoint{{Binding: saml.HTTPPostBinding, Location: s.sc.ACSURL, Index: 0, IsDefault: &t}}
	for i, u := range s.sc.AdditionalACSURLs {
		acs = append(acs, saml.IndexedEndpoint{Binding: saml.HTTPPostBinding, Location: u, Index: i + 1})
	}
	return &saml.EntityDescriptor{EntityID: s.sc.SPEntityID, SPSSODescriptors: []saml.SPSSODescriptor{{
		SSODescriptor:             saml.SSODescriptor{RoleDescriptor: saml.RoleDescriptor{ProtocolSupportEnumeration: "urn:oasis:names:tc:SAML:2.0:protocol"}},
		AssertionConsumerServices: acs,
	}}}
}

// GetServiceProvider implements saml.ServiceProviderProvider: the
// application's service provider is the only one this IdP knows.
func (s *signIn) GetServiceProvider(_ *http.Request, entityID string) (*saml.EntityDescriptor, error) {
	if entityID != s.sc.SPEntityID {
		return nil, os.ErrNotExist
	}
	return s.spMetadata(), nil
}

func (s *signIn) identityProvider() *saml.IdentityProvider {
	entity, _ := url.Parse(s.entity)
	sso, _ := url.Parse(s.sso)
	return &saml.IdentityProvider{
		Signer: idp.XMLDSigSigner(s.cert.key), Certificate: s.cert.cert,
		MetadataURL: *entity, SSOURL: *sso, ServiceProviderProvider: s,
		ResponseFormTemplate: responseForm,
	}
}

func (e *Emulator) idpInitiatedSignIn(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s, serr := e.prepareSignIn(r, q.Get("application"), q.Get("user"))
	if serr != nil {
		writeSignInError(w, serr)
		return
	}
	sp := s.spMetadata()
	req := &saml.IdpAuthnRequest{IDP: s.identityProvider(), HTTPRequest: r, RelayState: s.sc.RelayState,
		ServiceProviderMetadata: sp, SPSSODescriptor: &sp.SPSSODescriptors[0], ACSEndpoint: &sp.SPSSODescriptors[0].AssertionConsumerServices[0]}
	postTo := ""
	if q.Get("acs") == "stand-in" { // the console's links: see console.go
		postTo = standInACSPath(s.appID)
	}
	e.answerSignIn(w, req, s, postTo)
}

func (e *Emulator) spInitiatedSignIn(w http.ResponseWriter, r *http.Request) {
	s, serr := e.prepareSignIn(r, r.PathValue("id"), r.URL.Query().Get("user"))
	if serr != nil {
		writeSignInError(w, serr)
		return
	}
	req, err := saml.NewIdpAuthnRequest(s.identityProvider(), r)
	if err == nil {
		err = req.Validate()
	}
	if err != nil {
		writeSignInError(w, &signInError{http.StatusBadRequest, "The SAML request is not valid: " + err.Error()})
		return
	}
	e.answerSignIn(w, req, s, "")
}

// answerSignIn makes the assertion and the response for req and writes the
// HTTP-POST form. With postTo, the form posts there instead of to the ACS
// (the response still names the ACS as its Destination and Recipient).
func (e *Emulator) answerSignIn(w http.ResponseWriter, req *saml.IdpAuthnRequest, s *signIn, postTo string) {
	req.Now = e.opts.Now().UTC().Truncate(time.Millisecond)
	req.Assertion = s.assertion(req)
	if err := s.signResponse(req); err != nil {
		writeSignInError(w, &signInError{http.StatusInternalServerError, "Signing the response failed: " + err.Error()})
		return
	}
	if postTo != "" {
		ep := *req.ACSEndpoint
		ep.Location = postTo
		req.ACSEndpoint = &ep
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := req.WriteResponse(w); err != nil {
		writeSignInError(w, &signInError{http.StatusInternalServerError, err.Error()})
	}
}

func newSAMLID() string {
	id := uuid.New()
	return "_" + hex.EncodeToString(id[:])
}

// assertion is the application's assertion for this sign-in.
func (s *signIn) assertion(req *saml.IdpAuthnRequest) *saml.Assertion {
	now := req.Now
	var sessionEnd *time.Time
	if s.sc.SessionDurationSeconds > 0 {
		t := now.Add(time.Duration(s.sc.SessionDurationSeconds) * time.Second)
		sessionEnd = &t
	}
	a := &saml.Assertion{
		ID: newSAMLID(), IssueInstant: now, Version: "2.0",
		Issuer: saml.Issuer{Format: "urn:oasis:names:tc:SAML:2.0:nameid-format:entity", Value: s.entity},
		Subject: &saml.Subject{
			NameID: &saml.NameID{Format: s.sc.NameIDFormat, Value: s.nameID},
			SubjectConfirmations: []saml.SubjectConfirmation{{
				Method: "urn:oasis:names:tc:SAML:2.0:cm:bearer",
				SubjectConfirmationData: &saml.SubjectConfirmationData{
					InResponseTo: req.Request.ID, NotOnOrAfter: now.Add(assertionLifetime), Recipient: req.ACSEndpoint.Location,
				},
			}},
		},
		Conditions: &saml.Conditions{
			NotBefore: now.Add(-time.Minute), NotOnOrAfter: now.Add(assertionLifetime),
			AudienceRestrictions: []saml.AudienceRestriction{{Audience: saml.Audience{Value: s.sc.SPEntityID}}},
		},
		AuthnStatements: []saml.AuthnStatement{{
			AuthnInstant: now, SessionIndex: newSAMLID(), SessionNotOnOrAfter: sessionEnd,
			AuthnContext: saml.AuthnContext{AuthnContextClassRef: &saml.AuthnContextClassRef{
				Value: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"}},
		}},
	}
	if len(s.attrs) > 0 {
		a.AttributeStatements = []saml.AttributeStatement{{Attributes: s.attrs}}
	}
	return a
}

// signResponse sets req.AssertionEl and req.ResponseEl: the assertion signed
// when the application signs assertions, in a response signed when it
// signs responses (crewjam/saml's MakeAssertionEl and MakeResponse always
// sign both, and with DER ECDSA values).
func (s *signIn) signResponse(req *saml.IdpAuthnRequest) error {
	ctx, err := idp.NewSigningContext(s.cert.key, s.cert.cert, s.sc.SignatureAlgorithm)
	if err != nil {
		return err
	}
	// signed signs el and returns its signature element, which the SAML
	// schema wants right after the Issuer (where Element() puts it).
	signed := func(el *etree.Element) (*etree.Element, error) {
		out, err := ctx.SignEnveloped(el)
		if err != nil {
			return nil, err
		}
		kids := out.ChildElements()
		return kids[len(kids)-1], nil
	}
	req.AssertionEl = req.Assertion.Element()
	if s.sc.SignAssertion {
		if req.Assertion.Signature, err = signed(req.AssertionEl); err != nil {
			return err
		}
		req.AssertionEl = req.Assertion.Element()
	}
	resp := &saml.Response{
		ID: newSAMLID(), InResponseTo: req.Request.ID, IssueInstant: req.Now, Version: "2.0", Destination: req.ACSEndpoint.Location,
		Issuer: &saml.Issuer{Format: "urn:oasis:names:tc:SAML:2.0:nameid-format:entity", Value: s.entity},
		Status: saml.Status{StatusCode: saml.StatusCode{Value: saml.StatusSuccess}},
	}
	req.ResponseEl = resp.Element()
	req.ResponseEl.AddChild(req.AssertionEl)
	if s.sc.SignResponse {
		if resp.Signature, err = signed(req.ResponseEl); err != nil {
			return err
		}
		req.ResponseEl = resp.Element()
		req.ResponseEl.AddChild(req.AssertionEl)
	}
	return nil
}
