package idp

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// XML-DSig (RFC 4051 section 3.3.1, RFC 6931 section 2.3.6) writes an ECDSA
// SignatureValue as the two integers r and s, each big-endian and padded to
// the size of the curve's order, concatenated. Go's crypto.Signer, and so
// goxmldsig (up to v1.6.1, the newest), write the ASN.1 DER SEQUENCE{r, s}
// instead, which xmlsec1 and other strict verifiers reject; goxmldsig's
// verifier in turn only accepts DER. The helpers here convert between the
// two, so that what the project signs is standard and what it verifies with
// goxmldsig (or crewjam/saml) is standard too.

// ECDSASignatureToRaw converts an ASN.1 DER ECDSA signature to r||s, each
// half size bytes long (32 for P-256, 48 for P-384, 66 for P-521).
func ECDSASignatureToRaw(der []byte, size int) ([]byte, error) {
	var sig struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(der, &sig)
	if err != nil {
		return nil, fmt.Errorf("ECDSA signature is not ASN.1 DER: %w", err)
	}
	if len(rest) != 0 {
		return nil, errors.New("ECDSA signature has trailing data after its ASN.1 DER SEQUENCE")
	}
	if sig.R == nil || sig.S == nil || sig.R.Sign() <= 0 || sig.S.Sign() <= 0 {
		return nil, errors.New("ECDSA signature has a non-positive r or s")
	}
	if (sig.R.BitLen()+7)/8 > size || (sig.S.BitLen()+7)/8 > size {
		return nil, fmt.Errorf("ECDSA signature integers do not fit in %d bytes", size)
	}
	out := make([]byte, 2*size)
	sig.R.FillBytes(out[:size])
	sig.S.FillBytes(out[size:])
	return out, nil
}

// ECDSASignatureToDER converts an r||s ECDSA signature (two halves of equal
// length) to ASN.1 DER.
func ECDSASignatureToDER(raw []byte) ([]byte, error) {
	if len(raw) == 0 || len(raw)%2 != 0 || len(raw) > 2*66 {
		return nil, fmt.Errorf("ECDSA signature of %d bytes is not r||s of a P-256, P-384 or P-521 key", len(raw))
	}
	half := len(raw) / 2
	return asn1.Marshal(struct{ R, S *big.Int }{new(big.Int).SetBytes(raw[:half]), new(big.Int).SetBytes(raw[half:])})
}

// curveSize is the length in bytes of one half of an r||s signature.
func curveSize(pub *ecdsa.PublicKey) int { return (pub.Params().N.BitLen() + 7) / 8 }

// XMLDSigSigner wraps key so that its signatures are what XML-DSig wants.
// For an ECDSA key they are r||s and, when key is an *ecdsa.PrivateKey,
// deterministic (RFC 6979): the same document signed twice is the same
// bytes, so signed metadata does not change between reads. RSA PKCS#1 v1.5
// signatures are deterministic already and pass through.
func XMLDSigSigner(key crypto.Signer) crypto.Signer {
	if pub, ok := key.Public().(*ecdsa.PublicKey); ok {
		return ecdsaRawSigner{key: key, size: curveSize(pub)}
	}
	return key
}

type ecdsaRawSigner struct {
	key  crypto.Signer
	size int
}

func (s ecdsaRawSigner) Public() crypto.PublicKey { return s.key.Public() }

func (s ecdsaRawSigner) Sign(random io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if _, ok := s.key.(*ecdsa.PrivateKey); ok {
		random = nil // RFC 6979
	}
	der, err := s.key.Sign(random, digest, opts)
	if err != nil {
		return nil, err
	}
	return ECDSASignatureToRaw(der, s.size)
}

// NewSigningContext is a goxmldsig signing context for key (which must be
// cert's) with the signature algorithm alg (see IdPMetadataOptions; empty
// means the key's default), exclusive canonicalization, and standard,
// deterministic signature values (XMLDSigSigner).
func NewSigningContext(key crypto.Signer, cert *x509.Certificate, alg string) (*dsig.SigningContext, error) {
	if key == nil {
		return nil, errors.New("key is required to sign")
	}
	if err := samlutil.KeyMatchesCertificate(key, cert); err != nil {
		return nil, err
	}
	alg = strings.ToLower(strings.TrimSpace(alg))
	if alg == "" {
		switch key.Public().(type) {
		case *rsa.PublicKey, *ecdsa.PublicKey:
			alg = samlutil.DefaultSignatureAlgorithm(samlutil.KeyAlgorithmOf(cert))
		default:
			return nil, fmt.Errorf("cannot sign with a %T key", key.Public())
		}
	}
	method, ok := signatureMethods[alg]
	if !ok {
		return nil, fmt.Errorf("unsupported signature algorithm %q, want rsa-sha256, rsa-sha1, rsa-sha384, rsa-sha512, ecdsa-sha256, ecdsa-sha384 or ecdsa-sha512", alg)
	}
	ctx, err := dsig.NewSigningContext(XMLDSigSigner(key), [][]byte{cert.Raw})
	if err != nil {
		return nil, err
	}
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	if err := ctx.SetSignatureMethod(method); err != nil {
		return nil, fmt.Errorf("signature algorithm %q does not fit the key: %w", alg, err)
	}
	return ctx, nil
}

// ecdsaMethods are the ECDSA signature method URIs.
var ecdsaMethods = map[string]bool{
	dsig.ECDSASHA1SignatureMethod: true, dsig.ECDSASHA256SignatureMethod: true,
	dsig.ECDSASHA384SignatureMethod: true, dsig.ECDSASHA512SignatureMethod: true,
}

// ECDSAValuesToDER rewrites, in place, the SignatureValue of el's enveloped
// ECDSA XML signature (a ds:Signature child of el) from r||s to the ASN.1
// DER that goxmldsig's verifier expects. The SignatureValue is outside what
// that signature covers, so this changes nothing it verifies; signatures
// deeper down (an assertion's, inside a signed response) are left alone, as
// the outer signature covers them. A value that is not r||s is an error:
// XML-DSig allows no other form.
func ECDSAValuesToDER(el *etree.Element) error {
	for _, sig := range el.ChildElements() {
		if sig.Tag != "Signature" || sig.NamespaceURI() != dsig.Namespace {
			continue
		}
		method := sig.FindElement("./SignedInfo/SignatureMethod")
		value := sig.FindElement("./SignatureValue")
		if method == nil || value == nil || !ecdsaMethods[method.SelectAttrValue("Algorithm", "")] {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(value.Text()), ""))
		if err != nil {
			return fmt.Errorf("ECDSA SignatureValue is not base64: %w", err)
		}
		der, err := ECDSASignatureToDER(raw)
		if err != nil {
			return err
		}
		value.SetText(base64.StdEncoding.EncodeToString(der))
	}
	return nil
}

// XMLDSigVerifier verifies XML signatures with goxmldsig after turning
// standard r||s ECDSA signature values into the DER goxmldsig expects. Set
// it as a crewjam/saml ServiceProvider's SignatureVerifier so that the
// service provider accepts ECDSA-signed responses written as XML-DSig
// specifies (as xmlsec1, Shibboleth or AWS do).
type XMLDSigVerifier struct{}

// VerifySignature implements saml.SignatureVerifier.
func (XMLDSigVerifier) VerifySignature(ctx *dsig.ValidationContext, el *etree.Element) error {
	el = el.Copy()
	if err := ECDSAValuesToDER(el); err != nil {
		return fmt.Errorf("cannot validate signature on %s: %w", el.Tag, err)
	}
	if _, err := ctx.Validate(el); err != nil {
		return fmt.Errorf("cannot validate signature on %s: %w", el.Tag, err)
	}
	return nil
}
