package samlutil

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"regexp"
	"strings"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

func TestKeyAlgorithmOfOthers(t *testing.T) {
	k, err := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if got := keyAlgorithmOfPublic(k.Public()); got != "ECDSA_P521" {
		t.Errorf("got %q", got)
	}
	if got := KeyAlgorithmOf(nil); got != "UNKNOWN" {
		t.Errorf("nil: got %q", got)
	}
}

func TestPrivateKeyPEMRoundTrip(t *testing.T) {
	for _, p := range []*testPair{rsaPair(t), ecPair(t)} {
		if !strings.HasPrefix(p.keyPEM, "-----BEGIN PRIVATE KEY-----") {
			t.Fatalf("not PKCS#8: %.40s", p.keyPEM)
		}
		k, err := ParsePrivateKeyPEM(p.keyPEM)
		if err != nil {
			t.Fatal(err)
		}
		if err := KeyMatchesCertificate(k, p.cert); err != nil {
			t.Error(err)
		}
	}
	// PKCS#1 and SEC 1.
	rk := rsaPair(t).key.(*rsa.PrivateKey)
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rk)}))
	if k, err := ParsePrivateKeyPEM(pkcs1); err != nil || !rk.Equal(k) {
		t.Errorf("PKCS#1: %v", err)
	}
	ek := ecPair(t).key.(*ecdsa.PrivateKey)
	der, err := x509.MarshalECPrivateKey(ek)
	if err != nil {
		t.Fatal(err)
	}
	sec1 := "some leading text\n" + string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
	if k, err := ParsePrivateKeyPEM(sec1); err != nil || !ek.Equal(k) {
		t.Errorf("SEC 1: %v", err)
	}
}

func TestPEMErrors(t *testing.T) {
	p := rsaPair(t)
	cases := []struct {
		name, input, want string
		parse             func(string) error
	}{
		{"cert empty", "", "no PEM block found", parseCert},
		{"cert garbage", "hello", "no PEM block found", parseCert},
		{"cert given key", p.keyPEM, "PEM block is PRIVATE KEY, want CERTIFICATE", parseCert},
		{"cert bad der", pemOf("CERTIFICATE", []byte("nope")), "invalid certificate", parseCert},
		{"key empty", "", "no PEM block found", parseKey},
		{"key given cert", p.certPEM, "PEM block is CERTIFICATE, want PRIVATE KEY", parseKey},
		{"key bad pkcs8", pemOf("PRIVATE KEY", []byte("nope")), "invalid PKCS#8", parseKey},
		{"key bad pkcs1", pemOf("RSA PRIVATE KEY", []byte("nope")), "invalid PKCS#1", parseKey},
		{"key bad sec1", pemOf("EC PRIVATE KEY", []byte("nope")), "invalid SEC 1", parseKey},
		{"key encrypted", pemOf("ENCRYPTED PRIVATE KEY", []byte("nope")), "encrypted", parseKey},
	}
	for _, c := range cases {
		err := c.parse(c.input)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func parseCert(s string) error { _, err := ParseCertificatePEM(s); return err }
func parseKey(s string) error  { _, err := ParsePrivateKeyPEM(s); return err }
func pemOf(typ string, b []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b}))
}

func TestKeyMatchesCertificateMismatch(t *testing.T) {
	err := KeyMatchesCertificate(rsaPair(t).key, rsaPair2(t).cert)
	if err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("RSA/RSA: %v", err)
	}
	err = KeyMatchesCertificate(ecPair(t).key, rsaPair(t).cert)
	if err == nil || !strings.Contains(err.Error(), "ECDSA_P256") || !strings.Contains(err.Error(), "RSA_2048") {
		t.Errorf("EC/RSA: %v", err)
	}
	if KeyMatchesCertificate(nil, rsaPair(t).cert) == nil || KeyMatchesCertificate(rsaPair(t).key, nil) == nil {
		t.Error("nil arguments accepted")
	}
}

func TestFingerprint(t *testing.T) {
	cert := rsaPair(t).cert
	sum := sha256.Sum256(cert.Raw)
	want := strings.ToUpper(hex.EncodeToString(sum[:]))
	got, err := Fingerprint(cert, "sha256")
	if err != nil {
		t.Fatal(err)
	}
	if strings.ReplaceAll(got, ":", "") != want {
		t.Errorf("sha256 = %s, want %s", got, want)
	}
	lengths := map[string]int{"sha1": 20, "SHA256": 32, "sha-384": 48, "sha512": 64}
	shape := regexp.MustCompile(`^[0-9A-F]{2}(:[0-9A-F]{2})*$`)
	for alg, n := range lengths {
		fp, err := Fingerprint(cert, alg)
		if err != nil {
			t.Fatalf("%s: %v", alg, err)
		}
		if !shape.MatchString(fp) || len(fp) != n*3-1 {
			t.Errorf("%s: %q has the wrong shape", alg, fp)
		}
	}
	if _, err := Fingerprint(cert, "md5"); err == nil {
		t.Error("md5 accepted")
	}
	// A fixed certificate has a fixed fingerprint.
	aws, err := ParseCertificatePEM(samltest.AWSExampleSPCertificatePEM)
	if err != nil {
		t.Fatal(err)
	}
	fp1, _ := Fingerprint(aws, "sha1")
	fp2, _ := Fingerprint(aws, "sha1")
	if fp1 != fp2 || fp1 == "" {
		t.Errorf("unstable fingerprint %q %q", fp1, fp2)
	}
}

func TestColonHex(t *testing.T) {
	if got := colonHex([]byte{0x0a, 0xbc, 0xff}); got != "0A:BC:FF" {
		t.Errorf("got %q", got)
	}
	if got := colonHex(nil); got != "" {
		t.Errorf("got %q", got)
	}
}
