package idp

import (
	"crypto"
	"crypto/x509"
	"sync"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// testPair is a key with a self-signed certificate, made once per test binary.
type testPair struct {
	key     crypto.Signer
	cert    *x509.Certificate
	certPEM string
	keyPEM  string
}

var (
	pairsMu sync.Mutex
	pairs   = map[string]*testPair{}
)

// pair returns the shared key and certificate named name (e.g. "rsa-a"),
// generated with algorithm alg on first use.
func pair(tb testing.TB, name, alg string) *testPair {
	tb.Helper()
	pairsMu.Lock()
	defer pairsMu.Unlock()
	if p, ok := pairs[name]; ok {
		return p
	}
	key, err := GenerateKey(alg)
	if err != nil {
		tb.Fatalf("GenerateKey(%s): %v", alg, err)
	}
	certPEM, err := SelfSignedCertificate(key, "samlutil test "+name, time.Now().Add(-time.Hour), 24*time.Hour, nil)
	if err != nil {
		tb.Fatalf("SelfSignedCertificate: %v", err)
	}
	cert, err := samlutil.ParseCertificatePEM(certPEM)
	if err != nil {
		tb.Fatalf("ParseCertificatePEM: %v", err)
	}
	keyPEM, err := EncodePrivateKeyPEM(key)
	if err != nil {
		tb.Fatalf("EncodePrivateKeyPEM: %v", err)
	}
	p := &testPair{key: key, cert: cert, certPEM: certPEM, keyPEM: keyPEM}
	pairs[name] = p
	return p
}

func rsaPair(tb testing.TB) *testPair   { return pair(tb, "rsa", samlutil.KeyRSA2048) }
func rsaPair2(tb testing.TB) *testPair  { return pair(tb, "rsa2", samlutil.KeyRSA2048) }
func ecPair(tb testing.TB) *testPair    { return pair(tb, "ec", samlutil.KeyECDSAP256) }
func ec384Pair(tb testing.TB) *testPair { return pair(tb, "ec384", samlutil.KeyECDSAP384) }

const (
	emailFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
	postBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
	redirBind   = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
)
