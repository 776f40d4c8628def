package idp

import (
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

func TestGenerateKeyAndKeyAlgorithmOf(t *testing.T) {
	algs := []string{samlutil.KeyRSA2048, samlutil.KeyECDSAP256, samlutil.KeyECDSAP384, "ecdsa_p256"}
	if !testing.Short() {
		algs = append(algs, samlutil.KeyRSA3072)
	}
	for _, alg := range algs {
		t.Run(alg, func(t *testing.T) {
			key, err := GenerateKey(alg)
			if err != nil {
				t.Fatal(err)
			}
			certPEM, err := SelfSignedCertificate(key, "x", time.Time{}, time.Hour, big.NewInt(42))
			if err != nil {
				t.Fatal(err)
			}
			cert, err := samlutil.ParseCertificatePEM(certPEM)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := samlutil.KeyAlgorithmOf(cert), strings.ToUpper(alg); got != want {
				t.Errorf("KeyAlgorithmOf = %q, want %q", got, want)
			}
			if cert.SerialNumber.Int64() != 42 || cert.Subject.CommonName != "x" {
				t.Errorf("serial %v, CN %q", cert.SerialNumber, cert.Subject.CommonName)
			}
			if err := samlutil.KeyMatchesCertificate(key, cert); err != nil {
				t.Errorf("KeyMatchesCertificate: %v", err)
			}
		})
	}
	if _, err := GenerateKey("RSA_1024"); err == nil || !strings.Contains(err.Error(), "unsupported key algorithm") {
		t.Errorf("GenerateKey(RSA_1024) error = %v", err)
	}
}

func TestSelfSignedCertificate(t *testing.T) {
	p := ecPair(t)
	nb := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	certPEM, err := SelfSignedCertificate(p.key, "idp.example.com", nb, 365*24*time.Hour, nil)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := samlutil.ParseCertificatePEM(certPEM)
	if err != nil {
		t.Fatal(err)
	}
	if !cert.NotBefore.Equal(nb) || !cert.NotAfter.Equal(nb.Add(365*24*time.Hour)) {
		t.Errorf("validity %v – %v", cert.NotBefore, cert.NotAfter)
	}
	if cert.SerialNumber.Sign() <= 0 {
		t.Errorf("serial %v", cert.SerialNumber)
	}
	if err := cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature); err != nil {
		t.Errorf("not self-signed: %v", err)
	}
	for name, call := range map[string]func() error{
		"nil key":       func() error { _, err := SelfSignedCertificate(nil, "x", nb, time.Hour, nil); return err },
		"zero validity": func() error { _, err := SelfSignedCertificate(p.key, "x", nb, 0, nil); return err },
		"neg serial":    func() error { _, err := SelfSignedCertificate(p.key, "x", nb, time.Hour, big.NewInt(-1)); return err },
	} {
		if call() == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// samlutil.ParseMetadata reads the IdP metadata this package builds.
func TestParseBuiltIdPMetadata(t *testing.T) {
	// IdP, built by this package.
	p := rsaPair(t)
	vu := time.Date(2040, 1, 2, 3, 4, 5, 0, time.UTC)
	xml, err := BuildIdPMetadata(IdPMetadataOptions{
		EntityID: "https://idp.example.com/saml", SSOURL: "https://idp.example.com/sso", SLOURL: "https://idp.example.com/slo",
		NameIDFormats: []string{emailFormat}, Certificate: p.cert, Key: p.key, ValidUntil: vu, Sign: true,
		WantAuthnRequestsSigned: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	md, err := samlutil.ParseMetadata(xml)
	if err != nil {
		t.Fatal(err)
	}
	wantSSO := []samlutil.Endpoint{{URL: "https://idp.example.com/sso", Binding: redirBind}, {URL: "https://idp.example.com/sso", Binding: postBinding}}
	wantSLO := []samlutil.Endpoint{{URL: "https://idp.example.com/slo", Binding: redirBind}, {URL: "https://idp.example.com/slo", Binding: postBinding}}
	if md.IsSP || !md.IsIdP || md.EntityID != "https://idp.example.com/saml" || len(md.ACS) != 0 ||
		!reflect.DeepEqual(md.SSO, wantSSO) || !reflect.DeepEqual(md.SLO, wantSLO) ||
		!reflect.DeepEqual(md.NameIDFormats, []string{emailFormat}) ||
		!reflect.DeepEqual(md.SigningCertificates, []string{p.certPEM}) || len(md.EncryptionCertificates) != 0 ||
		md.ValidUntil == nil || !md.ValidUntil.Equal(vu) || !md.WantAuthnRequestsSigned {
		t.Errorf("IdP: %+v", md)
	}
}
