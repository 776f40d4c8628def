// Package samltest holds the SAML fixture the tests of every package share:
// service provider metadata shaped like the one AWS IAM Identity Center
// offers for download, stored once (testdata/aws_sp_metadata.xml), and
// variants of it. Only tests import this package; the provider does not
// link it.
package samltest

import (
	_ "embed"
	"encoding/base64"
	"encoding/pem"
	"encoding/xml"
	"strings"
)

// AWSSPMetadataXML is AWS IAM Identity Center's SP metadata for region
// us-east-1, directory d-9067xxxxxx and ACS 3f2b1c9e-...: entity
// https://REGION.signin.aws.amazon.com/platform/saml/DIRECTORYID, one
// HTTP-POST assertion consumer service .../platform/saml/acs/ACSUUID, the
// emailAddress NameID format and the signing certificate
// AWSExampleSPCertificatePEM.
//
//go:embed testdata/aws_sp_metadata.xml
var AWSSPMetadataXML string

const (
	fixtureBase = "https://us-east-1.signin.aws.amazon.com/platform/saml/"
	fixtureDir  = "d-9067xxxxxx"
	fixtureACS  = "3f2b1c9e-7a4d-4e8b-9c61-5d2f0a8b7e14"
)

// AWSExampleSPCertificatePEM is the signing certificate of
// AWSSPMetadataXML: a self-signed RSA 2048 certificate made for tests (not
// one of AWS's), valid from 2025-01-01 to 2125-01-01.
var AWSExampleSPCertificatePEM = func() string {
	_, rest, _ := strings.Cut(AWSSPMetadataXML, "<ds:X509Certificate>")
	b64, _, _ := strings.Cut(rest, "</ds:X509Certificate>")
	der, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		panic("samltest: the fixture's certificate is not base64: " + err.Error())
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}()

// AWSSPMetadataExample returns AWSSPMetadataXML for another region,
// directory and assertion consumer service.
func AWSSPMetadataExample(region, directoryID, acsUUID string) string {
	base := "https://" + region + ".signin.aws.amazon.com/platform/saml/"
	return strings.NewReplacer(
		`entityID="`+fixtureBase+fixtureDir+`"`, `entityID="`+xmlAttr(base+directoryID)+`"`,
		`Location="`+fixtureBase+"acs/"+fixtureACS+`"`, `Location="`+xmlAttr(base+"acs/"+acsUUID)+`"`,
	).Replace(AWSSPMetadataXML)
}

func xmlAttr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
