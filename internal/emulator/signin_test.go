package emulator_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/serviceprovider"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

// signInTenant is an emulator with one AWS SAML application on a
// certificate of keyAlg, the groups admins and others, a rule that lets
// admins in, and the users jane (admins), bob (others) and dora (admins,
// disabled).
type signInTenant struct {
	srv     *httptest.Server
	c       *client.Client
	app     *client.SAMLApplication
	parms   client.SAMLApplicationParms
	cert    *client.SigningCertificate
	spXML   string
	users   map[string]*client.User
	ruleID  string
	deptID  string
	adminID string
}

func newSignInTenant(t *testing.T, keyAlg, sigAlg string) *signInTenant {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	srv, c := emutest.Serve(t, emu, client.Config{MaxRetries: -1})
	ctx := context.Background()
	ten := &signInTenant{srv: srv, c: c, users: map[string]*client.User{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	ten.cert, err = c.CreateSigningCertificate(ctx, client.SigningCertificateParms{KeyAlgorithm: keyAlg, SubjectCommonName: "idp", ValidityDays: 30})
	must(err)
	dept, err := c.CreateUserAttribute(ctx, client.UserAttributeParms{Name: "Department"})
	must(err)
	ten.deptID = dept.ID
	admins, err := c.CreateGroup(ctx, client.GroupParms{Name: "admins"})
	must(err)
	ten.adminID = admins.ID
	others, err := c.CreateGroup(ctx, client.GroupParms{Name: "others"})
	must(err)
	for _, u := range []struct {
		name, state, group string
	}{{"jane", "ACTIVE", admins.ID}, {"bob", "ACTIVE", others.ID}, {"dora", "INACTIVE", admins.ID}} {
		email, first := u.name+"@example.com", strings.ToUpper(u.name[:1])+u.name[1:]
		vals := []client.UserAttributeValue{{UserAttributeID: dept.ID, Value: "Dept of " + first}}
		user, err := c.CreateUser(ctx, client.UserParms{UserID: u.name, Email: &email, FirstName: &first, State: u.state, UserAttributeValues: &vals})
		must(err)
		must(c.SetUserGroups(ctx, user.ID, []string{u.group}))
		ten.users[u.name] = user
	}
	ten.spXML = samltest.AWSSPMetadataExample("us-east-1", "d-1234567890", "0b5bdc2f-2c6e-4b8e-9d9a-7e3c4c8a1f00")
	ten.parms = client.SAMLApplicationParms{Name: "AWS", TemplateID: emulator.TemplateAWSSSO, SPMetadataXML: ten.spXML,
		SigningCertificateID: ten.cert.ID, SignatureAlgorithm: sigAlg, SignAssertion: true, SignResponse: true,
		NameIDFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", NameIDAttribute: "Email",
		RelayState: "https://console.aws.amazon.com/", SessionDurationSeconds: 8 * 3600,
		Attributes: []client.SAMLAttribute{
			{Name: "https://aws.amazon.com/SAML/Attributes/AccessControl:Department", NameFormat: "uri", UserAttribute: "Department"},
			{Name: "https://aws.amazon.com/SAML/Attributes/AccessControl:CostCenter", Value: "CC-1042"},
		}}
	ten.app, err = c.CreateSAMLApplication(ctx, ten.parms)
	must(err)
	name := "AWS access"
	groups := []string{admins.ID}
	rule, err := c.CreateResourceRule(ctx, client.ResourceRuleParms{Name: &name, ResourceID: ten.app.ID, GroupIDs: &groups,
		LowRiskAuthenticationFlow: emulator.FlowPassword, MediumRiskAuthenticationFlow: emulator.FlowPassword, HighRiskAuthenticationFlow: emulator.FlowDeny})
	must(err)
	ten.ruleID = rule.ID
	return ten
}

// sp is the AWS stand-in, configured with the IdP metadata the tenant
// publishes now.
func (ten *signInTenant) sp(t *testing.T) *serviceprovider.SP {
	t.Helper()
	md, err := ten.c.GetIdPMetadata(context.Background(), ten.app.ID, client.IdPMetadataQuery{})
	if err != nil {
		t.Fatal(err)
	}
	sp, err := serviceprovider.New(ten.spXML, md.XML)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

func (ten *signInTenant) signInURL(user string) string {
	return ten.srv.URL + "/_emulator/signin?" + url.Values{"application": {ten.app.ID}, "user": {user}}.Encode()
}

// checkAssertion checks what AWS reads from an accepted response.
func checkAssertion(t *testing.T, ten *signInTenant, r *serviceprovider.Result, wantAlg string, start time.Time) {
	t.Helper()
	a := r.Assertion
	if r.NameID != "jane@example.com" || r.NameIDFormat != "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" {
		t.Errorf("NameID %q in %q", r.NameID, r.NameIDFormat)
	}
	if r.ACS != ten.app.ACSURL {
		t.Errorf("form posts to %q, want the ACS %q", r.ACS, ten.app.ACSURL)
	}
	if got := a.Conditions.AudienceRestrictions[0].Audience.Value; got != ten.app.SPEntityID || len(a.Conditions.AudienceRestrictions) != 1 {
		t.Errorf("audience %q, want %q", got, ten.app.SPEntityID)
	}
	if got := a.Subject.SubjectConfirmations[0].SubjectConfirmationData.Recipient; got != ten.app.ACSURL {
		t.Errorf("recipient %q", got)
	}
	if a.Issuer.Value != ten.app.IdPEntityID {
		t.Errorf("issuer %q, want %q", a.Issuer.Value, ten.app.IdPEntityID)
	}
	want := map[string][]string{
		"https://aws.amazon.com/SAML/Attributes/AccessControl:Department": {"Dept of Jane"},
		"https://aws.amazon.com/SAML/Attributes/AccessControl:CostCenter": {"CC-1042"},
	}
	if len(r.Attributes) != len(want) {
		t.Errorf("attributes %v, want %v", r.Attributes, want)
	}
	for k, v := range want {
		if !slices.Equal(r.Attributes[k], v) {
			t.Errorf("attribute %s = %v, want %v", k, r.Attributes[k], v)
		}
	}
	if f := a.AttributeStatements[0].Attributes[0].NameFormat; f != "urn:oasis:names:tc:SAML:2.0:attrname-format:uri" {
		t.Errorf("name format %q", f)
	}
	end := r.SessionNotOnOrAfter()
	if end == nil || end.Before(start.Add(8*time.Hour-time.Second)) || end.After(time.Now().Add(8*time.Hour+time.Second)) {
		t.Errorf("SessionNotOnOrAfter %v, want 8h from %v", end, start)
	}
	doc := string(r.ResponseXML)
	if got := signedElements(t, r.ResponseXML); !slices.Equal(got, []string{"Response", "Assertion"}) {
		t.Errorf("signed elements %v, want the response and the assertion", got)
	}
	if n := strings.Count(doc, "SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#"+wantAlg+"\""); n != 2 {
		t.Errorf("%d %s signatures, want 2 (assertion and response):\n%s", n, wantAlg, doc)
	}
	if !strings.Contains(doc, `Destination="`+ten.app.ACSURL+`"`) {
		t.Errorf("no Destination = ACS")
	}
}

// signedElements names the parents of the document's signatures, in
// document order.
func signedElements(t *testing.T, doc []byte) []string {
	t.Helper()
	tree := etree.NewDocument()
	if err := tree.ReadFromBytes(doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, sig := range tree.FindElements("//Signature") {
		out = append(out, sig.Parent().Tag)
	}
	return out
}

// TestSignInThroughCrewjamSP signs Jane in to the AWS stand-in (crewjam/saml's
// ServiceProvider) with an RSA and an ECDSA application, IdP-initiated and
// SP-initiated with both bindings.
func TestSignInThroughCrewjamSP(t *testing.T) {
	for _, c := range []struct{ key, alg, wantAlg string }{
		{"RSA_2048", "", "rsa-sha256"},
		{"ECDSA_P256", "", "ecdsa-sha256"},
		{"ECDSA_P384", "ecdsa-sha384", "ecdsa-sha384"},
	} {
		t.Run(c.key, func(t *testing.T) {
			t.Parallel()
			ten := newSignInTenant(t, c.key, c.alg)
			if ten.app.SignatureAlgorithm != c.wantAlg {
				t.Errorf("signature algorithm defaulted to %q, want %q", ten.app.SignatureAlgorithm, c.wantAlg)
			}
			sp := ten.sp(t)
			start := time.Now()
			r, err := sp.IdPInitiated(ten.signInURL("jane"))
			if err != nil {
				t.Fatal(err)
			}
			checkAssertion(t, ten, r, c.wantAlg, start)
			if r.RelayState != "https://console.aws.amazon.com/" {
				t.Errorf("relay state %q", r.RelayState)
			}
			if irt := r.Assertion.Subject.SubjectConfirmations[0].SubjectConfirmationData.InResponseTo; irt != "" {
				t.Errorf("IdP-initiated InResponseTo %q", irt)
			}
			for name, signIn := range map[string]func(string, string) (*serviceprovider.Result, error){"redirect": sp.Redirect, "post": sp.Post} {
				r, err := signIn("sp-state-"+name, "jane")
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				checkAssertion(t, ten, r, c.wantAlg, start)
				if r.RelayState != "sp-state-"+name {
					t.Errorf("%s: relay state %q", name, r.RelayState)
				}
				if r.Assertion.Subject.SubjectConfirmations[0].SubjectConfirmationData.InResponseTo == "" {
					t.Errorf("%s: no InResponseTo", name)
				}
			}
			// The SP refuses a response it cannot verify: its IdP metadata
			// names another certificate.
			otherCert, err := ten.c.CreateSigningCertificate(context.Background(), client.SigningCertificateParms{KeyAlgorithm: c.key, SubjectCommonName: "other", ValidityDays: 30})
			if err != nil {
				t.Fatal(err)
			}
			md, err := ten.c.GetIdPMetadata(context.Background(), ten.app.ID, client.IdPMetadataQuery{CertificateID: otherCert.ID})
			if err != nil {
				t.Fatal(err)
			}
			wrong, err := serviceprovider.New(ten.spXML, md.XML)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := wrong.IdPInitiated(ten.signInURL("jane")); err == nil || !strings.Contains(err.Error(), "signature") {
				t.Errorf("a response signed by another certificate: %v", err)
			}
		})
	}
}

// TestSignInRefused: a user outside the rule's groups, a disabled user, an
// unknown user and everyone once the rule is off get an error page and no
// assertion.
func TestSignInRefused(t *testing.T) {
	ten := newSignInTenant(t, "RSA_2048", "")
	sp := ten.sp(t)
	refused := func(user, want string) {
		t.Helper()
		_, err := sp.IdPInitiated(ten.signInURL(user))
		var ref *serviceprovider.RefusedError
		if !errors.As(err, &ref) || ref.Status != http.StatusForbidden || !strings.Contains(ref.Message, want) {
			t.Errorf("%s: %v, want a 403 page saying %q", user, err, want)
		}
		// Nor SP-initiated.
		if _, err := sp.Redirect("", user); !errors.As(err, &ref) {
			t.Errorf("%s SP-initiated: %v, want a refusal", user, err)
		}
	}
	refused("bob", "User bob is not allowed to sign in to this application")
	refused("dora", "User dora is disabled")
	refused("nobody", "There is no user nobody")
	if _, err := sp.IdPInitiated(ten.signInURL("jane")); err != nil {
		t.Fatalf("jane: %v", err)
	}
	// The page has no form, so no assertion reaches the SP.
	resp, err := http.Get(ten.signInURL("bob"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("bob: HTTP %d", resp.StatusCode)
	}

	ctx := context.Background()
	// A rule with no groups admits all users; dora stays disabled.
	none := []string{}
	if _, err := ten.c.UpdateResourceRule(ctx, ten.ruleID, client.ResourceRuleParms{GroupIDs: &none}); err != nil {
		t.Fatal(err)
	}
	if r, err := sp.IdPInitiated(ten.signInURL("bob")); err != nil || r.NameID != "bob@example.com" {
		t.Errorf("bob with a rule for all users: %v", err)
	}
	refused("dora", "User dora is disabled")
	// The rule turned off: nobody.
	off := false
	if _, err := ten.c.UpdateResourceRule(ctx, ten.ruleID, client.ResourceRuleParms{Enabled: &off}); err != nil {
		t.Fatal(err)
	}
	refused("jane", "No enabled resource rule gives access to this application")
	// On again, but its low-risk flow denies access.
	on := true
	if _, err := ten.c.UpdateResourceRule(ctx, ten.ruleID, client.ResourceRuleParms{Enabled: &on, LowRiskAuthenticationFlow: emulator.FlowDeny}); err != nil {
		t.Fatal(err)
	}
	refused("jane", "User jane is not allowed")
}

// TestSignInFollowsApplication: what the application says is what the next
// assertion carries: NameID attribute and format, attributes, which parts
// are signed, session duration, relay state.
func TestSignInFollowsApplication(t *testing.T) {
	ten := newSignInTenant(t, "ECDSA_P256", "")
	sp := ten.sp(t)
	ctx := context.Background()
	p := ten.parms
	p.NameIDAttribute, p.NameIDFormat = "User ID", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
	p.Attributes = []client.SAMLAttribute{{Name: "FirstName", NameFormat: "basic", UserAttribute: "First Name"}}
	p.SignResponse, p.SessionDurationSeconds, p.RelayState = false, 0, ""
	if _, err := ten.c.UpdateSAMLApplication(ctx, ten.app.ID, p); err != nil {
		t.Fatal(err)
	}
	r, err := sp.IdPInitiated(ten.signInURL("jane"))
	if err != nil {
		t.Fatal(err)
	}
	if r.NameID != "jane" || r.NameIDFormat != p.NameIDFormat {
		t.Errorf("NameID %q %q", r.NameID, r.NameIDFormat)
	}
	if len(r.Attributes) != 1 || !slices.Equal(r.Attributes["FirstName"], []string{"Jane"}) ||
		r.Assertion.AttributeStatements[0].Attributes[0].NameFormat != "urn:oasis:names:tc:SAML:2.0:attrname-format:basic" {
		t.Errorf("attributes %v", r.Attributes)
	}
	if r.SessionNotOnOrAfter() != nil || r.RelayState != "" {
		t.Errorf("session end %v, relay state %q", r.SessionNotOnOrAfter(), r.RelayState)
	}
	if got := signedElements(t, r.ResponseXML); !slices.Equal(got, []string{"Assertion"}) {
		t.Errorf("signed elements %v, want the assertion only", got)
	}
	// Response signed, assertion not: crewjam/saml accepts it too.
	p.SignAssertion, p.SignResponse = false, true
	if _, err := ten.c.UpdateSAMLApplication(ctx, ten.app.ID, p); err != nil {
		t.Fatal(err)
	}
	if r, err = sp.IdPInitiated(ten.signInURL("jane")); err != nil {
		t.Fatal(err)
	}
	if got := signedElements(t, r.ResponseXML); !slices.Equal(got, []string{"Response"}) {
		t.Errorf("signed elements %v, want the response only", got)
	}
	// Neither signed: the SP refuses it.
	p.SignAssertion, p.SignResponse = false, false
	if _, err := ten.c.UpdateSAMLApplication(ctx, ten.app.ID, p); err != nil {
		t.Fatal(err)
	}
	if _, err := sp.IdPInitiated(ten.signInURL("jane")); err == nil {
		t.Error("an unsigned response was accepted")
	}
	// A user without a value for the NameID attribute is refused.
	p.SignAssertion, p.NameIDAttribute = true, "Mobile"
	if _, err := ten.c.UpdateSAMLApplication(ctx, ten.app.ID, p); err != nil {
		t.Fatal(err)
	}
	var ref *serviceprovider.RefusedError
	if _, err := sp.IdPInitiated(ten.signInURL("jane")); !errors.As(err, &ref) || !strings.Contains(ref.Message, `no value for "Mobile"`) {
		t.Errorf("no NameID value: %v", err)
	}
}

// TestXMLSec1VerifiesSignInResponses runs `xmlsec1 --verify` on responses
// whose assertion, or whose response, is signed with an ECDSA or an RSA
// key. It skips when xmlsec1 is not installed (apt-get install xmlsec1).
func TestXMLSec1VerifiesSignInResponses(t *testing.T) {
	bin, err := exec.LookPath("xmlsec1")
	if err != nil {
		t.Skip("xmlsec1 is not installed")
	}
	for _, key := range []string{"ECDSA_P256", "RSA_2048"} {
		ten := newSignInTenant(t, key, "")
		sp := ten.sp(t)
		for _, signResponse := range []bool{false, true} {
			p := ten.parms
			p.SignatureAlgorithm, p.SignAssertion, p.SignResponse = "", !signResponse, signResponse
			if _, err := ten.c.UpdateSAMLApplication(context.Background(), ten.app.ID, p); err != nil {
				t.Fatal(err)
			}
			r, err := sp.IdPInitiated(ten.signInURL("jane"))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			doc, cert := filepath.Join(dir, "response.xml"), filepath.Join(dir, "cert.pem")
			if err := os.WriteFile(doc, r.ResponseXML, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cert, []byte(ten.cert.CertificatePEM), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(bin, "--verify", "--pubkey-cert-pem", cert,
				"--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response",
				"--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", doc).CombinedOutput()
			if err != nil {
				t.Errorf("%s, response signed %v: xmlsec1: %v\n%s", key, signResponse, err, out)
			}
		}
	}
}
