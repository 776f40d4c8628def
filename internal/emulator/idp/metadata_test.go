package idp

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/crewjam/saml"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

func idpOptions(p *testPair) IdPMetadataOptions {
	return IdPMetadataOptions{
		EntityID:      "https://tenant.idaas.example/saml/metadata",
		SSOURL:        "https://tenant.idaas.example/saml/sso",
		SLOURL:        "https://tenant.idaas.example/saml/slo",
		NameIDFormats: []string{emailFormat, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"},
		Certificate:   p.cert,
		Key:           p.key,
		ValidUntil:    time.Date(2045, 3, 4, 5, 6, 7, 0, time.UTC),
		Sign:          true,
	}
}

func TestBuildAndVerifyIdPMetadata(t *testing.T) {
	cases := []struct {
		name string
		p    *testPair
		alg  string
		uri  string
	}{
		{"rsa default", rsaPair(t), "", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"},
		{"rsa-sha256", rsaPair(t), "rsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"},
		{"rsa-sha1", rsaPair(t), "rsa-sha1", "http://www.w3.org/2000/09/xmldsig#rsa-sha1"},
		{"rsa-sha512", rsaPair(t), "RSA-SHA512", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"},
		{"ecdsa default", ecPair(t), "", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"},
		{"ecdsa-sha256", ecPair(t), "ecdsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"},
		{"ecdsa p384", ec384Pair(t), "ecdsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := idpOptions(c.p)
			opts.SignatureAlgorithm = c.alg
			doc, err := BuildIdPMetadata(opts)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(doc, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<EntityDescriptor") {
				t.Errorf("no XML declaration: %.80s", doc)
			}
			checkSignatureShape(t, doc, c.uri)

			ed, err := VerifyIdPMetadata(doc, c.p.cert)
			if err != nil {
				t.Fatalf("verify with the right certificate: %v", err)
			}
			checkEntity(t, ed, opts)

			other := rsaPair2(t)
			if _, err := VerifyIdPMetadata(doc, other.cert); err == nil {
				t.Error("verified with another certificate")
			}
			for what, tampered := range map[string]string{
				"sso url":   strings.Replace(doc, `Location="https://tenant.idaas.example/saml/sso"`, `Location="https://evil.example/sso"`, 1),
				"entity id": strings.Replace(doc, `entityID="https://tenant.idaas.example/saml/metadata"`, `entityID="https://evil.example/"`, 1),
				"name id":   strings.Replace(doc, "nameid-format:persistent", "nameid-format:transient", 1),
				"added":     strings.Replace(doc, "</IDPSSODescriptor>", `<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://evil.example/"/></IDPSSODescriptor>`, 1),
			} {
				if tampered == doc {
					t.Fatalf("%s: tampering did not change the document", what)
				}
				if _, err := VerifyIdPMetadata(tampered, c.p.cert); err == nil {
					t.Errorf("%s: tampered document verified", what)
				}
			}
			// Parsing it as metadata works as well.
			md, err := samlutil.ParseMetadata(doc)
			if err != nil || !md.IsIdP || len(md.SSO) != 2 {
				t.Errorf("ParseMetadata: %+v, %v", md, err)
			}
		})
	}
}

// checkSignatureShape checks that ds:Signature is the first child element of
// the EntityDescriptor, uses exclusive c14n and the enveloped transform, and
// references the EntityDescriptor's ID.
func checkSignatureShape(t *testing.T, doc, methodURI string) {
	t.Helper()
	tree := etree.NewDocument()
	if err := tree.ReadFromString(doc); err != nil {
		t.Fatal(err)
	}
	root := tree.Root()
	children := root.ChildElements()
	if len(children) == 0 || children[0].Tag != "Signature" || children[0].NamespaceURI() != "http://www.w3.org/2000/09/xmldsig#" {
		t.Fatalf("first child is not ds:Signature")
	}
	sig := children[0]
	get := func(path, attr string) string {
		el := sig.FindElement(path)
		if el == nil {
			t.Fatalf("no %s in Signature", path)
		}
		return el.SelectAttrValue(attr, "")
	}
	if got := get("./SignedInfo/CanonicalizationMethod", "Algorithm"); got != "http://www.w3.org/2001/10/xml-exc-c14n#" {
		t.Errorf("CanonicalizationMethod = %s", got)
	}
	if got := get("./SignedInfo/SignatureMethod", "Algorithm"); got != methodURI {
		t.Errorf("SignatureMethod = %s, want %s", got, methodURI)
	}
	if got := get("./SignedInfo/Reference", "URI"); got != "#"+root.SelectAttrValue("ID", "") || got == "#" {
		t.Errorf("Reference URI = %q", got)
	}
	if got := get("./SignedInfo/Reference/Transforms/Transform[1]", "Algorithm"); got != "http://www.w3.org/2000/09/xmldsig#enveloped-signature" {
		t.Errorf("first Transform = %s", got)
	}
	if sig.FindElement("./KeyInfo/X509Data/X509Certificate") == nil {
		t.Error("no certificate in KeyInfo")
	}
}

func checkEntity(t *testing.T, ed *saml.EntityDescriptor, opts IdPMetadataOptions) {
	t.Helper()
	if ed.EntityID != opts.EntityID || !ed.ValidUntil.Equal(opts.ValidUntil) || len(ed.IDPSSODescriptors) != 1 {
		t.Fatalf("entity: %+v", ed)
	}
	idp := ed.IDPSSODescriptors[0]
	wantSSO := []saml.Endpoint{{Binding: saml.HTTPRedirectBinding, Location: opts.SSOURL}, {Binding: saml.HTTPPostBinding, Location: opts.SSOURL}}
	if len(idp.SingleSignOnServices) != 2 || idp.SingleSignOnServices[0] != wantSSO[0] || idp.SingleSignOnServices[1] != wantSSO[1] {
		t.Errorf("SSO = %+v", idp.SingleSignOnServices)
	}
	if len(idp.SingleLogoutServices) != 2 || idp.SingleLogoutServices[0].Location != opts.SLOURL {
		t.Errorf("SLO = %+v", idp.SingleLogoutServices)
	}
	if len(idp.NameIDFormats) != len(opts.NameIDFormats) || string(idp.NameIDFormats[0]) != opts.NameIDFormats[0] {
		t.Errorf("NameIDFormats = %v", idp.NameIDFormats)
	}
	if len(idp.KeyDescriptors) != 1 || idp.KeyDescriptors[0].Use != "signing" {
		t.Errorf("KeyDescriptors = %+v", idp.KeyDescriptors)
	}
	if idp.ProtocolSupportEnumeration != "urn:oasis:names:tc:SAML:2.0:protocol" {
		t.Errorf("protocolSupportEnumeration = %q", idp.ProtocolSupportEnumeration)
	}
}

func TestBuildIdPMetadataUnsigned(t *testing.T) {
	p := rsaPair(t)
	opts := idpOptions(p)
	opts.Sign, opts.Key, opts.SLOURL, opts.ValidUntil, opts.ID = false, nil, "", time.Time{}, "_fixed"
	doc, err := BuildIdPMetadata(opts)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc, "Signature") || strings.Contains(doc, "validUntil") || strings.Contains(doc, "SingleLogoutService") || strings.Contains(doc, "WantAuthnRequestsSigned") {
		t.Errorf("unexpected content:\n%s", doc)
	}
	if !strings.Contains(doc, `ID="_fixed"`) {
		t.Error("ID not used")
	}
	again, _ := BuildIdPMetadata(opts)
	if again != doc {
		t.Error("unsigned output with a fixed ID is not deterministic")
	}
	if _, err := VerifyIdPMetadata(doc, p.cert); err == nil || !strings.Contains(err.Error(), "signature") {
		t.Errorf("unsigned document: %v", err)
	}
	var ed saml.EntityDescriptor
	if err := xml.Unmarshal([]byte(doc), &ed); err != nil || ed.EntityID != opts.EntityID || !ed.ValidUntil.IsZero() {
		t.Errorf("unmarshal: %v %+v", err, ed)
	}
}

func TestBuildIdPMetadataErrors(t *testing.T) {
	rsa, ec := rsaPair(t), ecPair(t)
	cases := map[string]struct {
		mod  func(*IdPMetadataOptions)
		want string
	}{
		"no entity id":      {func(o *IdPMetadataOptions) { o.EntityID = "" }, "EntityID is required"},
		"no sso":            {func(o *IdPMetadataOptions) { o.SSOURL = " " }, "SSOURL is required"},
		"no cert":           {func(o *IdPMetadataOptions) { o.Certificate = nil }, "Certificate is required"},
		"no key":            {func(o *IdPMetadataOptions) { o.Key = nil }, "key is required"},
		"key mismatch":      {func(o *IdPMetadataOptions) { o.Key = rsaPair2(t).key }, "does not match"},
		"unknown algorithm": {func(o *IdPMetadataOptions) { o.SignatureAlgorithm = "dsa-sha1" }, "unsupported signature algorithm"},
		"rsa alg with ec": {func(o *IdPMetadataOptions) {
			o.Key, o.Certificate, o.SignatureAlgorithm = ec.key, ec.cert, "rsa-sha256"
		}, "does not fit the key"},
		"ec alg with rsa": {func(o *IdPMetadataOptions) { o.SignatureAlgorithm = "ecdsa-sha256" }, "does not fit the key"},
	}
	for name, c := range cases {
		opts := idpOptions(rsa)
		c.mod(&opts)
		if _, err := BuildIdPMetadata(opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", name, err, c.want)
		}
	}
}

func TestVerifyIdPMetadataErrors(t *testing.T) {
	p := rsaPair(t)
	doc, err := BuildIdPMetadata(idpOptions(p))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyIdPMetadata(doc, nil); err == nil {
		t.Error("nil certificate accepted")
	}
	if _, err := VerifyIdPMetadata("nope", p.cert); !errors.Is(err, samlutil.ErrNotXML) {
		t.Errorf("not XML: %v", err)
	}
	if _, err := VerifyIdPMetadata(`<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"/>`, p.cert); !errors.Is(err, samlutil.ErrNotMetadata) {
		t.Errorf("EntitiesDescriptor: %v", err)
	}
	// A certificate that has expired is refused, even if it signed.
	key := p.key
	oldPEM, err := SelfSignedCertificate(key, "old", time.Now().Add(-48*time.Hour), time.Hour, nil)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := samlutil.ParseCertificatePEM(oldPEM)
	opts := idpOptions(p)
	opts.Certificate = old
	oldDoc, err := BuildIdPMetadata(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyIdPMetadata(oldDoc, old); err == nil {
		t.Error("expired certificate accepted")
	}
	// An injected descriptor breaks the digest.
	wrapped := strings.Replace(doc, "<IDPSSODescriptor", `<IDPSSODescriptor protocolSupportEnumeration="x"><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://evil.example/"/></IDPSSODescriptor><IDPSSODescriptor`, 1)
	if _, err := VerifyIdPMetadata(wrapped, p.cert); err == nil {
		t.Error("document with an injected descriptor verified")
	}
}
