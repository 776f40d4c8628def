package idp

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// GenerateKey makes a new private key. alg is one of samlutil.KeyAlgorithms
// (case-insensitive).
func GenerateKey(alg string) (crypto.Signer, error) {
	switch strings.ToUpper(strings.TrimSpace(alg)) {
	case samlutil.KeyRSA2048:
		return rsa.GenerateKey(rand.Reader, 2048)
	case samlutil.KeyRSA3072:
		return rsa.GenerateKey(rand.Reader, 3072)
	case samlutil.KeyRSA4096:
		return rsa.GenerateKey(rand.Reader, 4096)
	case samlutil.KeyECDSAP256:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case samlutil.KeyECDSAP384:
		return ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	}
	return nil, fmt.Errorf("unsupported key algorithm %q, want one of %s", alg, strings.Join(samlutil.KeyAlgorithms, ", "))
}

// SelfSignedCertificate makes a self-signed certificate for key with the given
// subject common name, valid from notBefore (now when zero) for validity, and
// returns it PEM encoded. A nil serial gets a random 128-bit one.
func SelfSignedCertificate(key crypto.Signer, commonName string, notBefore time.Time, validity time.Duration, serial *big.Int) (string, error) {
	if key == nil {
		return "", errors.New("self-signed certificate: key is nil")
	}
	if validity <= 0 {
		return "", fmt.Errorf("self-signed certificate: validity %s is not positive", validity)
	}
	if notBefore.IsZero() {
		notBefore = time.Now()
	}
	if serial == nil {
		var err error
		serial, err = rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
		if err != nil {
			return "", fmt.Errorf("self-signed certificate: serial: %w", err)
		}
		serial.Add(serial, big.NewInt(1)) // never zero
	} else if serial.Sign() <= 0 {
		return "", errors.New("self-signed certificate: serial must be positive")
	}
	usage := x509.KeyUsageDigitalSignature
	if _, ok := key.Public().(*rsa.PublicKey); ok {
		usage |= x509.KeyUsageKeyEncipherment
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: commonName},
		NotBefore:             notBefore.UTC().Truncate(time.Second),
		NotAfter:              notBefore.Add(validity).UTC().Truncate(time.Second),
		KeyUsage:              usage,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return "", fmt.Errorf("self-signed certificate: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), nil
}

// EncodePrivateKeyPEM encodes key as a PKCS#8 "PRIVATE KEY" PEM block.
func EncodePrivateKeyPEM(key crypto.Signer) (string, error) {
	if key == nil {
		return "", errors.New("encode private key: key is nil")
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", fmt.Errorf("encode private key: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
}

// EncodeCertificatePEM encodes a certificate as a "CERTIFICATE" PEM block.
func EncodeCertificatePEM(cert *x509.Certificate) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}))
}
