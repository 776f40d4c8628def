package samlutil

import (
	"crypto/x509"
	"encoding/pem"
	"sort"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

// The seed corpus lives in testdata/fuzz/<FuzzName>; run e.g.
// go test -fuzz=FuzzParseSPMetadata -fuzztime=30s ./internal/samlutil

func FuzzParseSPMetadata(f *testing.F) {
	f.Add(samltest.AWSSPMetadataExample("us-east-1", "d-9067xxxxxx", "3f2b1c9e-7a4d-4e8b-9c61-5d2f0a8b7e14"))
	f.Add(`<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><SPSSODescriptor><AssertionConsumerService index="-1" Location="https://a" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"/></SPSSODescriptor></EntityDescriptor>`)
	f.Add(`<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><EntitiesDescriptor validUntil="x"/></EntitiesDescriptor>`)
	f.Fuzz(func(t *testing.T, doc string) {
		md, err := ParseSPMetadata(doc)
		if err == nil {
			if md == nil || len(md.ACS) == 0 {
				t.Fatalf("no error but summary %+v", md)
			}
			if !sort.SliceIsSorted(md.ACS, func(i, j int) bool { return md.ACS[i].Index < md.ACS[j].Index }) {
				t.Fatalf("ACS not sorted: %+v", md.ACS)
			}
			for _, p := range append(md.SigningCertificates, md.EncryptionCertificates...) {
				if _, err := ParseCertificatePEM(p); err != nil {
					t.Fatalf("returned certificate does not parse: %v", err)
				}
			}
		} else if md != nil {
			t.Fatal("error and a summary")
		}
		if m, err := ParseMetadata(doc); (err == nil) == (m == nil) {
			t.Fatalf("ParseMetadata: %v, %v", m, err)
		}
	})
}

func FuzzParseCertificatePEM(f *testing.F) {
	f.Add(samltest.AWSExampleSPCertificatePEM)
	f.Add("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
	f.Fuzz(func(t *testing.T, s string) {
		cert, err := ParseCertificatePEM(s)
		if (err == nil) == (cert == nil) {
			t.Fatalf("cert %v, err %v", cert, err)
		}
		if cert == nil {
			return
		}
		if fp, err := Fingerprint(cert, "sha256"); err != nil || len(fp) != 95 {
			t.Fatalf("fingerprint %q, %v", fp, err)
		}
		_ = KeyAlgorithmOf(cert)
		again, err := ParseCertificatePEM(string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})))
		if err != nil || !again.Equal(cert) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzParsePrivateKeyPEM(f *testing.F) {
	f.Add(ecPair(f).keyPEM)
	f.Add("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")
	f.Add("-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n")
	f.Fuzz(func(t *testing.T, s string) {
		key, err := ParsePrivateKeyPEM(s)
		if (err == nil) == (key == nil) {
			t.Fatalf("key %v, err %v", key, err)
		}
		if key == nil {
			return
		}
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return // e.g. a key type PKCS#8 cannot hold
		}
		again, err := ParsePrivateKeyPEM(string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})))
		if err != nil {
			t.Fatalf("re-parse of encoded key: %v", err)
		}
		pub, ok := again.Public().(interface{ Equal(any) bool })
		if ok && !pub.Equal(key.Public()) {
			t.Fatal("round trip changed the key")
		}
	})
}
