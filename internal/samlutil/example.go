package samlutil

import (
	"encoding/xml"
	"strings"
)

// AWSExampleSPCertificatePEM is the signing certificate used by
// AWSSPMetadataExample: a self-signed RSA 2048 certificate made for tests
// (not one of AWS's), valid from 2025-01-01 to 2125-01-01.
const AWSExampleSPCertificatePEM = `-----BEGIN CERTIFICATE-----
MIIC+jCCAeKgAwIBAgIEATT99TANBgkqhkiG9w0BAQsFADA0MTIwMAYDVQQDEyll
eGFtcGxlLnNpZ25pbi5hd3MuYW1hem9uLmNvbSAodGVzdCBvbmx5KTAgFw0yNTAx
MDEwMDAwMDBaGA8yMTI1MDEwMTAwMDAwMFowNDEyMDAGA1UEAxMpZXhhbXBsZS5z
aWduaW4uYXdzLmFtYXpvbi5jb20gKHRlc3Qgb25seSkwggEiMA0GCSqGSIb3DQEB
AQUAA4IBDwAwggEKAoIBAQC8UPPKfZweKmpdJPSNrXvY8CJzbQm5JJD5Tkup3avm
rAXXk6n5NlJfjM/7r8PkkMuSwoIbxioQ9AC6B5rnqeVhZ0g3f0CGji7RHxE6zcEP
F6K9qFZwhGukdg8UgLDie4kx37icXAP/ntYgz03vZ/768QlAKvpKkowpnhJDoOT2
YrhL3Vij8hvMjSCxy6AhOG8l/kG1rtbZPyYI9eYVGuOLGafgvizKwEA9dva17ldJ
q77xHHnqgwLV29Vbw6lZsb6bigC7EhFHAfJIg+A4LdDUehrdRMcmxXmP3RXM5wW5
dnsdT2Qsb+1JxUQEbPbbAiLzUHkMWdd6Ez4GzRokMH7tAgMBAAGjEjAQMA4GA1Ud
DwEB/wQEAwIFoDANBgkqhkiG9w0BAQsFAAOCAQEApmDIZdulaxdX3jpezDdTDyjf
2R0o9YxiNvVkfwZi8YbkLEzH5GbqhCERrhyL4Ff4HA27QT38GhHI8lgkLB1DwL90
Qa55b+4bY/Sha4nyJuh0kyPEbo13IbZ+pAmgVlcnzHVPRDwDLNIbYaa6KDBxdpPF
Ts7EbymEgPL2Z7n96t7my45XMmDSHYgrm+PnDpFupVsD128S1ct/E9gx6Lry0PC6
w9vyGUY0kMl1w97bDXHQPaxntuDkRxuA41g1AggN6K4VeddAl6op3mVySbvTvhwn
3GXq0BXsNqW1kuCfBGJ1ZU6VYCa+h4j2uY+JTH7Is72U/JoNxALAvQmnM4umZQ==
-----END CERTIFICATE-----
`

// AWSSPMetadataExample returns service provider metadata shaped like the one
// AWS IAM Identity Center offers for download (entity
// https://REGION.signin.aws.amazon.com/platform/saml/DIRECTORYID, one HTTP-POST
// assertion consumer service .../platform/saml/acs/ACSUUID, emailAddress name
// ID format, signing certificate AWSExampleSPCertificatePEM), for tests.
func AWSSPMetadataExample(region, directoryID, acsUUID string) string {
	base := "https://" + region + ".signin.aws.amazon.com/platform/saml/"
	certBase64 := strings.Join(strings.Split(strings.TrimSpace(AWSExampleSPCertificatePEM), "\n")[1:], "")
	certBase64 = strings.TrimSuffix(certBase64, "-----END CERTIFICATE-----")
	r := strings.NewReplacer(
		"{{ENTITY_ID}}", xmlAttr(base+directoryID),
		"{{ACS_URL}}", xmlAttr(base+"acs/"+acsUUID),
		"{{CERT}}", certBase64,
	)
	return r.Replace(awsSPMetadataTemplate)
}

func xmlAttr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

const awsSPMetadataTemplate = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{{ENTITY_ID}}">
  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>{{CERT}}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{{ACS_URL}}" index="0"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`
