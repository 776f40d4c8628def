package samlutil

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"sync"
	"testing"
	"time"
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
	// Made with the standard library: generating keys is the stand-in's
	// business (internal/emulator/idp), not this package's.
	var key crypto.Signer
	var err error
	switch alg {
	case KeyRSA2048:
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	case KeyECDSAP256:
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case KeyECDSAP384:
		key, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	default:
		tb.Fatalf("no test key of algorithm %s", alg)
	}
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "samlutil test " + name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(23 * time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		tb.Fatal(err)
	}
	certPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	cert, err := ParseCertificatePEM(certPEM)
	if err != nil {
		tb.Fatalf("ParseCertificatePEM: %v", err)
	}
	pk8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		tb.Fatal(err)
	}
	keyPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk8}))
	p := &testPair{key: key, cert: cert, certPEM: certPEM, keyPEM: keyPEM}
	pairs[name] = p
	return p
}

func rsaPair(tb testing.TB) *testPair  { return pair(tb, "rsa", KeyRSA2048) }
func rsaPair2(tb testing.TB) *testPair { return pair(tb, "rsa2", KeyRSA2048) }
func ecPair(tb testing.TB) *testPair   { return pair(tb, "ec", KeyECDSAP256) }
