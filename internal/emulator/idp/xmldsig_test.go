package idp

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// signatureValue is the decoded SignatureValue of the document's first
// signature.
func signatureValue(t *testing.T, doc string) []byte {
	t.Helper()
	tree := etree.NewDocument()
	if err := tree.ReadFromString(doc); err != nil {
		t.Fatal(err)
	}
	el := tree.FindElement("//SignatureValue")
	if el == nil {
		t.Fatal("no SignatureValue")
	}
	raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(el.Text()), ""))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestECDSAMetadataSignatureIsRS checks the encoding XML-DSig wants: an
// ECDSA SignatureValue is r||s, 2×32 bytes for P-256 and 2×48 for P-384, and
// verifies as such with crypto/ecdsa over the canonical SignedInfo.
func TestECDSAMetadataSignatureIsRS(t *testing.T) {
	for _, c := range []struct {
		p    *testPair
		alg  string
		size int
	}{{ecPair(t), "ecdsa-sha256", 32}, {ec384Pair(t), "ecdsa-sha384", 48}} {
		opts := idpOptions(c.p)
		opts.SignatureAlgorithm = c.alg
		doc, err := BuildIdPMetadata(opts)
		if err != nil {
			t.Fatal(err)
		}
		raw := signatureValue(t, doc)
		if len(raw) != 2*c.size {
			t.Fatalf("%s: SignatureValue is %d bytes, want r||s of %d (ASN.1 DER starts with 0x30: %#x)", c.alg, len(raw), 2*c.size, raw[0])
		}
		// It is not DER.
		if _, err := ECDSASignatureToRaw(raw, c.size); err == nil {
			t.Errorf("%s: SignatureValue parses as ASN.1 DER", c.alg)
		}
		// And it round-trips through DER.
		der, err := ECDSASignatureToDER(raw)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ECDSASignatureToRaw(der, c.size)
		if err != nil || !bytes.Equal(back, raw) {
			t.Fatalf("%s: r||s -> DER -> r||s gave %x, %v", c.alg, back, err)
		}
		if _, err := VerifyIdPMetadata(doc, c.p.cert); err != nil {
			t.Errorf("%s: %v", c.alg, err)
		}
	}
}

func TestECDSASignatureConversion(t *testing.T) {
	key := ecPair(t).key.(*ecdsa.PrivateKey)
	digest := sha256.Sum256([]byte("hello"))
	signer := XMLDSigSigner(key)
	raw, err := signer.Sign(nil, digest[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) != 64 {
		t.Fatalf("signature is %d bytes, want 64", len(raw))
	}
	r, s := new(big.Int).SetBytes(raw[:32]), new(big.Int).SetBytes(raw[32:])
	if !ecdsa.Verify(&key.PublicKey, digest[:], r, s) {
		t.Fatal("r||s does not verify")
	}
	again, _ := signer.Sign(nil, digest[:], crypto.SHA256)
	if !bytes.Equal(raw, again) {
		t.Error("signing twice gave different signatures; want RFC 6979 deterministic ones")
	}
	// Small integers are left-padded to the curve size.
	small := make([]byte, 64)
	small[31], small[63] = 1, 2
	der, _ := ECDSASignatureToDER(small)
	got, err := ECDSASignatureToRaw(der, 32)
	if err != nil || got[31] != 1 || got[63] != 2 || len(der) > 10 {
		t.Errorf("padding: %x, %v", got, err)
	}
	for name, bad := range map[string][]byte{"empty": nil, "odd": make([]byte, 63), "too long": make([]byte, 200)} {
		if _, err := ECDSASignatureToDER(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := ECDSASignatureToRaw([]byte{0x30, 0x00}, 32); err == nil {
		t.Error("empty SEQUENCE accepted")
	}
	// RSA keys are not wrapped.
	if k := rsaPair(t).key; XMLDSigSigner(k) != k {
		t.Error("RSA key wrapped")
	}
}

// TestIdPMetadataStable: signed metadata is the same bytes when built twice
// from the same options, for every key type.
func TestIdPMetadataStable(t *testing.T) {
	for name, p := range map[string]*testPair{"rsa": rsaPair(t), "p256": ecPair(t), "p384": ec384Pair(t)} {
		opts := idpOptions(p)
		opts.ID = "_fixed"
		a, err := BuildIdPMetadata(opts)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := BuildIdPMetadata(opts)
		if a != b {
			t.Errorf("%s: two builds differ", name)
		}
	}
}

// TestXMLSec1VerifiesIdPMetadata runs `xmlsec1 --verify` on metadata signed
// with an ECDSA P-256, a P-384 and an RSA certificate. It skips when xmlsec1
// is not installed (apt-get install xmlsec1).
func TestXMLSec1VerifiesIdPMetadata(t *testing.T) {
	bin, err := exec.LookPath("xmlsec1")
	if err != nil {
		t.Skip("xmlsec1 is not installed")
	}
	for name, c := range map[string]struct {
		p   *testPair
		alg string
	}{"rsa": {rsaPair(t), ""}, "p256": {ecPair(t), ""}, "p384": {ec384Pair(t), "ecdsa-sha384"}} {
		opts := idpOptions(c.p)
		opts.SignatureAlgorithm = c.alg
		doc, err := BuildIdPMetadata(opts)
		if err != nil {
			t.Fatal(err)
		}
		if out, err := xmlsec1Verify(bin, t.TempDir(), doc, c.p.certPEM, "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor"); err != nil {
			t.Errorf("%s: xmlsec1 --verify: %v\n%s", name, err, out)
		}
		// A tampered document is refused, so the check can fail.
		tampered := strings.Replace(doc, "tenant.idaas.example/saml/sso", "evil.example/sso", 1)
		if _, err := xmlsec1Verify(bin, t.TempDir(), tampered, c.p.certPEM, "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor"); err == nil {
			t.Errorf("%s: xmlsec1 verified a tampered document", name)
		}
	}
}

// xmlsec1Verify runs `xmlsec1 --verify` on doc with the signer's certificate
// in dir; idNode is the ID-bearing element ("namespace:Local").
func xmlsec1Verify(bin, dir, doc, certPEM, idNode string) (string, error) {
	docPath, certPath := filepath.Join(dir, "doc.xml"), filepath.Join(dir, "cert.pem")
	if err := os.WriteFile(docPath, []byte(doc), 0o600); err != nil {
		return "", err
	}
	if err := os.WriteFile(certPath, []byte(certPEM), 0o600); err != nil {
		return "", err
	}
	out, err := exec.Command(bin, "--verify", "--pubkey-cert-pem", certPath, "--id-attr:ID", idNode, docPath).CombinedOutput()
	return string(out), err
}
