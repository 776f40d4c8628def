package samlutil

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

// Key algorithm names accepted by GenerateKey and returned by KeyAlgorithmOf.
const (
	KeyRSA2048   = "RSA_2048"
	KeyRSA3072   = "RSA_3072"
	KeyRSA4096   = "RSA_4096"
	KeyECDSAP256 = "ECDSA_P256"
	KeyECDSAP384 = "ECDSA_P384"
)

// KeyAlgorithms lists the names GenerateKey accepts, in a stable order.
var KeyAlgorithms = []string{KeyRSA2048, KeyRSA3072, KeyRSA4096, KeyECDSAP256, KeyECDSAP384}

// firstPEMBlock decodes the first PEM block of s; text around it is ignored.
func firstPEMBlock(s string) (*pem.Block, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, errors.New("no PEM block found")
	}
	return block, nil
}

// ParseCertificatePEM parses the first PEM block of s, which must be a
// CERTIFICATE.
func ParseCertificatePEM(s string) (*x509.Certificate, error) {
	block, err := firstPEMBlock(s)
	if err != nil {
		return nil, err
	}
	if block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("PEM block is %s, want CERTIFICATE", block.Type)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("invalid certificate: %w", err)
	}
	return cert, nil
}

// ParsePrivateKeyPEM parses the first PEM block of s as a private key: PKCS#8
// ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC 1 ("EC PRIVATE KEY").
// Encrypted keys are refused.
func ParsePrivateKeyPEM(s string) (crypto.Signer, error) {
	block, err := firstPEMBlock(s)
	if err != nil {
		return nil, err
	}
	if _, ok := block.Headers["Proc-Type"]; ok {
		return nil, errors.New("PEM private key is encrypted, want an unencrypted key")
	}
	switch block.Type {
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("invalid PKCS#8 private key: %w", err)
		}
		signer, ok := k.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("PKCS#8 private key of type %T cannot sign", k)
		}
		return signer, nil
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("invalid PKCS#1 RSA private key: %w", err)
		}
		return k, nil
	case "EC PRIVATE KEY":
		k, err := x509.ParseECPrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("invalid SEC 1 EC private key: %w", err)
		}
		return k, nil
	case "ENCRYPTED PRIVATE KEY":
		return nil, errors.New("PEM private key is encrypted, want an unencrypted key")
	}
	return nil, fmt.Errorf("PEM block is %s, want PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY", block.Type)
}

// KeyMatchesCertificate returns nil if key is the private half of cert's
// public key.
func KeyMatchesCertificate(key crypto.Signer, cert *x509.Certificate) error {
	if key == nil {
		return errors.New("key is nil")
	}
	if cert == nil {
		return errors.New("certificate is nil")
	}
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok {
		return fmt.Errorf("cannot compare public key of type %T", key.Public())
	}
	if !pub.Equal(cert.PublicKey) {
		return fmt.Errorf("private key (%s) does not match the certificate's public key (%s)",
			keyAlgorithmOfPublic(key.Public()), KeyAlgorithmOf(cert))
	}
	return nil
}

// Fingerprint returns the digest of the certificate's DER encoding as
// uppercase colon-separated hex ("AA:BB:..."). algorithm is "sha1", "sha256",
// "sha384" or "sha512" (case-insensitive; "SHA-256" also works).
func Fingerprint(cert *x509.Certificate, algorithm string) (string, error) {
	if cert == nil {
		return "", errors.New("fingerprint: certificate is nil")
	}
	var h hash.Hash
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(algorithm)), "-", "") {
	case "sha1":
		h = sha1.New()
	case "sha256":
		h = sha256.New()
	case "sha384":
		h = sha512.New384()
	case "sha512":
		h = sha512.New()
	default:
		return "", fmt.Errorf("unsupported fingerprint algorithm %q, want sha1, sha256, sha384 or sha512", algorithm)
	}
	h.Write(cert.Raw)
	return colonHex(h.Sum(nil)), nil
}

func colonHex(b []byte) string {
	const digits = "0123456789ABCDEF"
	if len(b) == 0 {
		return ""
	}
	out := make([]byte, 0, len(b)*3-1)
	for i, c := range b {
		if i > 0 {
			out = append(out, ':')
		}
		out = append(out, digits[c>>4], digits[c&0x0f])
	}
	return string(out)
}

// KeyAlgorithmOf names the certificate's public key: one of KeyAlgorithms when
// it is one of those, otherwise "RSA_<bits>", "ECDSA_P521", "ECDSA_<curve>",
// "ED25519", or "UNKNOWN".
func KeyAlgorithmOf(cert *x509.Certificate) string {
	if cert == nil {
		return "UNKNOWN"
	}
	return keyAlgorithmOfPublic(cert.PublicKey)
}

func keyAlgorithmOfPublic(pub crypto.PublicKey) string {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "RSA_" + strconv.Itoa(k.N.BitLen())
	case *ecdsa.PublicKey:
		if k.Curve == nil {
			return "UNKNOWN"
		}
		return "ECDSA_" + strings.ReplaceAll(k.Curve.Params().Name, "-", "")
	case ed25519.PublicKey:
		return "ED25519"
	}
	return "UNKNOWN"
}

// DefaultSignatureAlgorithm is the signature algorithm that fits a key
// algorithm name (see KeyAlgorithms): "ecdsa-sha256" for ECDSA keys,
// "rsa-sha256" otherwise.
func DefaultSignatureAlgorithm(keyAlgorithm string) string {
	if strings.HasPrefix(strings.ToUpper(keyAlgorithm), "ECDSA") {
		return "ecdsa-sha256"
	}
	return "rsa-sha256"
}

// SignatureAlgorithmFits reports whether the signature algorithm name alg
// can be made with a key of keyAlgorithm (ecdsa-* with ECDSA keys, rsa-*
// with RSA keys).
func SignatureAlgorithmFits(alg, keyAlgorithm string) bool {
	alg, keyAlgorithm = strings.ToLower(alg), strings.ToUpper(keyAlgorithm)
	switch {
	case strings.HasPrefix(keyAlgorithm, "ECDSA"):
		return strings.HasPrefix(alg, "ecdsa-")
	case strings.HasPrefix(keyAlgorithm, "RSA"):
		return strings.HasPrefix(alg, "rsa-")
	}
	return false
}
