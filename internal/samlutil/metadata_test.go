package samlutil

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

const (
	awsEntityID = "https://us-east-1.signin.aws.amazon.com/platform/saml/d-9067xxxxxx"
	awsACSURL   = "https://us-east-1.signin.aws.amazon.com/platform/saml/acs/3f2b1c9e-7a4d-4e8b-9c61-5d2f0a8b7e14"
	emailFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
	postBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
	redirBind   = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
)

func TestParseSPMetadataAWS(t *testing.T) {
	md, err := ParseSPMetadata(samltest.AWSSPMetadataXML)
	if err != nil {
		t.Fatal(err)
	}
	if md.EntityID != awsEntityID {
		t.Errorf("EntityID = %q", md.EntityID)
	}
	wantACS := []ACS{{URL: awsACSURL, Binding: postBinding, Index: 0}}
	if !reflect.DeepEqual(md.ACS, wantACS) {
		t.Errorf("ACS = %+v", md.ACS)
	}
	if !reflect.DeepEqual(md.NameIDFormats, []string{emailFormat}) {
		t.Errorf("NameIDFormats = %q", md.NameIDFormats)
	}
	if len(md.SigningCertificates) != 1 || len(md.EncryptionCertificates) != 0 {
		t.Fatalf("certificates: %d signing, %d encryption", len(md.SigningCertificates), len(md.EncryptionCertificates))
	}
	cert, err := ParseCertificatePEM(md.SigningCertificates[0])
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ParseCertificatePEM(samltest.AWSExampleSPCertificatePEM)
	if !cert.Equal(want) {
		t.Error("signing certificate differs from samltest.AWSExampleSPCertificatePEM")
	}
	if md.ValidUntil != nil {
		t.Errorf("ValidUntil = %v, want nil", md.ValidUntil)
	}
	if md.AuthnRequestsSigned || !md.WantAssertionsSigned {
		t.Errorf("AuthnRequestsSigned=%v WantAssertionsSigned=%v", md.AuthnRequestsSigned, md.WantAssertionsSigned)
	}
	for _, a := range md.ACS {
		if err := ValidateACSURL(a.URL); err != nil {
			t.Error(err)
		}
	}
}

func TestAWSSPMetadataExample(t *testing.T) {
	if got := samltest.AWSSPMetadataExample("us-east-1", "d-9067xxxxxx", "3f2b1c9e-7a4d-4e8b-9c61-5d2f0a8b7e14"); got != samltest.AWSSPMetadataXML {
		t.Error("AWSSPMetadataExample differs from testdata/aws_sp_metadata.xml")
	}
	md, err := ParseSPMetadata(samltest.AWSSPMetadataExample("eu-west-1", "d-1234567890", "abc"))
	if err != nil {
		t.Fatal(err)
	}
	if md.EntityID != "https://eu-west-1.signin.aws.amazon.com/platform/saml/d-1234567890" ||
		md.ACS[0].URL != "https://eu-west-1.signin.aws.amazon.com/platform/saml/acs/abc" {
		t.Errorf("got %+v", md)
	}
	// Values are escaped.
	if _, err := ParseSPMetadata(samltest.AWSSPMetadataExample(`x"<&`, "d", "a")); err != nil && errors.Is(err, ErrNotXML) {
		t.Errorf("escaping broken: %v", err)
	}
}

// multiSP is an EntitiesDescriptor with one SP and one IdP entity, several
// ACS out of order, a KeyDescriptor without use, and validUntil at three
// levels.
const multiSP = `<?xml version="1.0"?>
<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" validUntil="2031-01-01T00:00:00Z">
  <EntityDescriptor entityID="https://idp.example.com/">
    <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
    </IDPSSODescriptor>
  </EntityDescriptor>
  <EntityDescriptor entityID="https://sp.example.com/" validUntil="2030-06-01T12:00:00Z">
    <SPSSODescriptor AuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" validUntil="2032-01-01T00:00:00Z">
      <KeyDescriptor>
        <ds:KeyInfo><ds:X509Data><ds:X509Certificate>
CERT
        </ds:X509Certificate></ds:X509Data></ds:KeyInfo>
      </KeyDescriptor>
      <NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</NameIDFormat>
      <NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</NameIDFormat>
      <AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.com/acs/2" index="2"/>
      <AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.com/acs/0" index="0"/>
      <AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="http://localhost:8080/acs" index="1" isDefault="true"/>
    </SPSSODescriptor>
  </EntityDescriptor>
</EntitiesDescriptor>`

func multiSPDoc() string {
	lines := strings.Split(strings.TrimSpace(samltest.AWSExampleSPCertificatePEM), "\n")
	return strings.Replace(multiSP, "CERT", strings.Join(lines[1:len(lines)-1], "\n"), 1)
}

func TestParseSPMetadataEntitiesDescriptor(t *testing.T) {
	md, err := ParseSPMetadata(multiSPDoc())
	if err != nil {
		t.Fatal(err)
	}
	if md.EntityID != "https://sp.example.com/" {
		t.Errorf("EntityID = %q", md.EntityID)
	}
	wantACS := []ACS{
		{URL: "https://sp.example.com/acs/0", Binding: postBinding, Index: 0},
		{URL: "http://localhost:8080/acs", Binding: redirBind, Index: 1, IsDefault: true},
		{URL: "https://sp.example.com/acs/2", Binding: postBinding, Index: 2},
	}
	if !reflect.DeepEqual(md.ACS, wantACS) {
		t.Errorf("ACS = %+v", md.ACS)
	}
	if len(md.NameIDFormats) != 2 || md.NameIDFormats[1] != emailFormat {
		t.Errorf("NameIDFormats = %q", md.NameIDFormats)
	}
	if len(md.SigningCertificates) != 1 || !reflect.DeepEqual(md.SigningCertificates, md.EncryptionCertificates) {
		t.Errorf("KeyDescriptor without use: signing %d, encryption %d", len(md.SigningCertificates), len(md.EncryptionCertificates))
	}
	want := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	if md.ValidUntil == nil || !md.ValidUntil.Equal(want) {
		t.Errorf("ValidUntil = %v, want %v", md.ValidUntil, want)
	}
	if !md.AuthnRequestsSigned || md.WantAssertionsSigned {
		t.Errorf("flags %v %v", md.AuthnRequestsSigned, md.WantAssertionsSigned)
	}
}

func TestParseSPMetadataErrors(t *testing.T) {
	aws := samltest.AWSSPMetadataXML
	cases := []struct {
		name, doc string
		is        error
		contains  string
	}{
		{"empty", "  ", ErrNotXML, "is not XML"},
		{"text", "hello world", ErrNotXML, "is not XML"},
		{"json", `{"entityID": "x"}`, ErrNotXML, "is not XML"},
		{"broken xml", "<a><b></a>", ErrNotMetadata, "is not SAML metadata"},
		{"html", "<html><body>login</body></html>", ErrNotMetadata, "is not SAML metadata: root element is html"},
		{"wrong namespace", `<EntityDescriptor xmlns="urn:other" entityID="x"/>`, ErrNotMetadata, "{urn:other}EntityDescriptor"},
		{"truncated", aws[:len(aws)/2], ErrNotMetadata, "is not SAML metadata"},
		{"no sp", `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp/"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></EntityDescriptor>`,
			ErrNoSPSSODescriptor, `no SPSSODescriptor (entity "https://idp/")`},
		{"no acs", `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp/"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></EntityDescriptor>`,
			ErrNoAssertionConsumerService, "no AssertionConsumerService"},
		{"empty group", `<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"/>`, ErrNotMetadata, "holds no EntityDescriptor"},
		{"bad cert", strings.Replace(aws, "<ds:X509Certificate>MII", "<ds:X509Certificate>!!", 1), nil, "KeyDescriptor 1 X509Certificate 1: certificate is not valid base64"},
		{"bad cert der", strings.Replace(aws, "<ds:X509Certificate>MII", "<ds:X509Certificate>AAAAMII", 1), nil, "invalid certificate"},
		{"bad use", strings.Replace(aws, `use="signing"`, `use="both"`, 1), nil, `use is "both"`},
		{"bad acs url", strings.Replace(aws, `Location="https://`, `Location="ftp://`, 1), ErrNotMetadata, "invalid url scheme"},
		{"two sps", strings.Replace(`<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">X X</EntitiesDescriptor>`, "X", awsEntity(aws), 2), nil, "describes 2 service providers"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			md, err := ParseSPMetadata(c.doc)
			if err == nil {
				t.Fatalf("no error, got %+v", md)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %q is not %q", err, c.is)
			}
			if !strings.Contains(err.Error(), c.contains) {
				t.Errorf("error %q does not contain %q", err, c.contains)
			}
		})
	}
}

// awsEntity strips the XML declaration off the AWS metadata.
func awsEntity(aws string) string {
	_, rest, _ := strings.Cut(aws, "?>")
	return rest
}

func TestValidateACSURL(t *testing.T) {
	ok := []string{
		"https://sp.example.com/acs",
		"HTTPS://sp.example.com:8443/saml/acs?x=1",
		"http://localhost/acs",
		"http://LOCALHOST:8080/acs",
		"http://127.0.0.1:9000/acs",
		"http://127.10.20.30/acs",
		"http://[::1]:8080/acs",
		awsACSURL,
	}
	for _, u := range ok {
		if err := ValidateACSURL(u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	bad := map[string]string{
		"":                               "empty",
		"/acs":                           "not an absolute URL",
		"sp.example.com/acs":             "not an absolute URL",
		"http://sp.example.com/acs":      "must use https",
		"http://128.0.0.1/acs":           "must use https",
		"http://localhost.evil.com/acs":  "must use https",
		"http://[::2]/acs":               "must use https",
		"ftp://sp.example.com/acs":       `scheme "ftp"`,
		"https://sp.example.com/acs#top": "fragment",
		"https:///acs":                   "not an absolute URL",
		"https://exa mple.com/":          "not a valid URL",
		"javascript:alert(1)":            "not an absolute URL",
	}
	for u, want := range bad {
		err := ValidateACSURL(u)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want it to contain %q", u, err, want)
		}
	}
}

func TestParseMetadata(t *testing.T) {
	// SP.
	md, err := ParseMetadata(samltest.AWSSPMetadataXML)
	if err != nil {
		t.Fatal(err)
	}
	if !md.IsSP || md.IsIdP || md.EntityID != awsEntityID || len(md.ACS) != 1 || md.ACS[0].URL != awsACSURL ||
		len(md.SSO) != 0 || len(md.SigningCertificates) != 1 || !md.WantAssertionsSigned {
		t.Errorf("SP: %+v", md)
	}
	// Errors.
	if _, err := ParseMetadata(multiSPDoc()); err == nil || !strings.Contains(err.Error(), "holds 2 entities") {
		t.Errorf("two entities: %v", err)
	}
	if _, err := ParseMetadata(`<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`); !errors.Is(err, ErrNoSSODescriptor) {
		t.Errorf("no role: %v", err)
	}
	if _, err := ParseMetadata("nope"); !errors.Is(err, ErrNotXML) {
		t.Errorf("not xml: %v", err)
	}
}
