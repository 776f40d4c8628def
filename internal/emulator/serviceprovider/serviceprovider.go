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
	if err := post.ParseForm(); err != nil {
		return nil, err
	}
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
	r := &Result{Assertion: assertion, RelayState: form.Get("RelayState"), ResponseXML: raw, ACS: action, Attributes: map[string][]string{}}
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
