package idp

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/crewjam/saml"
	xrv "github.com/mattermost/xml-roundtrip-validator"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// Signature algorithm names accepted in IdPMetadataOptions.SignatureAlgorithm.
var signatureMethods = map[string]string{
	"rsa-sha1":     dsig.RSASHA1SignatureMethod,
	"rsa-sha256":   dsig.RSASHA256SignatureMethod,
	"rsa-sha384":   dsig.RSASHA384SignatureMethod,
	"rsa-sha512":   dsig.RSASHA512SignatureMethod,
	"ecdsa-sha256": dsig.ECDSASHA256SignatureMethod,
	"ecdsa-sha384": dsig.ECDSASHA384SignatureMethod,
	"ecdsa-sha512": dsig.ECDSASHA512SignatureMethod,
}

// IdPMetadataOptions describes the identity provider metadata that
// BuildIdPMetadata makes.
type IdPMetadataOptions struct {
	// EntityID is required.
	EntityID string
	// ID is the EntityDescriptor's ID attribute (the signature references
	// it); a random one is made when empty.
	ID string
	// SSOURL is required; it is published with the HTTP-Redirect and
	// HTTP-POST bindings.
	SSOURL string
	// SLOURL is optional; when set it is published with the same bindings.
	SLOURL string
	// NameIDFormats are published in order.
	NameIDFormats []string
	// Certificate is required; it is published as the signing key.
	Certificate *x509.Certificate
	// Key signs the document; required when Sign is true, and must match
	// Certificate.
	Key crypto.Signer
	// ValidUntil is left out when zero.
	ValidUntil time.Time
	// WantAuthnRequestsSigned sets the IDPSSODescriptor attribute of that
	// name when true.
	WantAuthnRequestsSigned bool
	// SignatureAlgorithm is "rsa-sha256" (default for RSA keys), "rsa-sha1",
	// "rsa-sha384", "rsa-sha512", "ecdsa-sha256" (default for ECDSA keys),
	// "ecdsa-sha384" or "ecdsa-sha512".
	SignatureAlgorithm string
	// Sign adds an enveloped XML signature as the first child of the
	// EntityDescriptor.
	Sign bool
}

// BuildIdPMetadata makes identity provider metadata (an EntityDescriptor with
// one IDPSSODescriptor), signed when opts.Sign is true, and returns it as an
// XML document with the XML declaration.
//
// Signature values are standard (ECDSA as r||s, see XMLDSigSigner) and
// deterministic: the same options give the same document, byte for byte,
// when ID is set.
func BuildIdPMetadata(opts IdPMetadataOptions) (string, error) {
	if strings.TrimSpace(opts.EntityID) == "" {
		return "", errors.New("IdP metadata: EntityID is required")
	}
	if strings.TrimSpace(opts.SSOURL) == "" {
		return "", errors.New("IdP metadata: SSOURL is required")
	}
	if opts.Certificate == nil {
		return "", errors.New("IdP metadata: Certificate is required")
	}
	var signCtx *dsig.SigningContext
	if opts.Sign {
		var err error
		if signCtx, err = signingContext(opts); err != nil {
			return "", err
		}
	}
	id := opts.ID
	if id == "" {
		var b [16]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", fmt.Errorf("IdP metadata: ID: %w", err)
		}
		id = "_" + hex.EncodeToString(b[:])
	}

	endpoints := func(loc string) []saml.Endpoint {
		return []saml.Endpoint{
			{Binding: saml.HTTPRedirectBinding, Location: loc},
			{Binding: saml.HTTPPostBinding, Location: loc},
		}
	}
	idp := saml.IDPSSODescriptor{
		SSODescriptor: saml.SSODescriptor{
			RoleDescriptor: saml.RoleDescriptor{
				ProtocolSupportEnumeration: "urn:oasis:names:tc:SAML:2.0:protocol",
				KeyDescriptors: []saml.KeyDescriptor{{
					Use: "signing",
					KeyInfo: saml.KeyInfo{X509Data: saml.X509Data{X509Certificates: []saml.X509Certificate{
						{Data: base64.StdEncoding.EncodeToString(opts.Certificate.Raw)},
					}}},
				}},
			},
		},
		SingleSignOnServices: endpoints(opts.SSOURL),
	}
	if opts.SLOURL != "" {
		idp.SingleLogoutServices = endpoints(opts.SLOURL)
	}
	for _, f := range opts.NameIDFormats {
		idp.NameIDFormats = append(idp.NameIDFormats, saml.NameIDFormat(f))
	}
	if opts.WantAuthnRequestsSigned {
		t := true
		idp.WantAuthnRequestsSigned = &t
	}
	ed := saml.EntityDescriptor{
		EntityID:          opts.EntityID,
		ID:                id,
		ValidUntil:        opts.ValidUntil,
		IDPSSODescriptors: []saml.IDPSSODescriptor{idp},
	}
	raw, err := xml.Marshal(ed)
	if err != nil {
		return "", fmt.Errorf("IdP metadata: marshal: %w", err)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil {
		return "", fmt.Errorf("IdP metadata: reparse: %w", err)
	}
	root := doc.Root()
	if opts.ValidUntil.IsZero() {
		// crewjam/saml writes the zero time; drop it.
		root.RemoveAttr("validUntil")
	}
	doc.Indent(2)
	if signCtx != nil {
		sig, err := signCtx.ConstructSignature(root, true)
		if err != nil {
			return "", fmt.Errorf("IdP metadata: sign: %w", err)
		}
		// The SAML metadata schema wants ds:Signature before any other child.
		root.InsertChildAt(0, sig)
	}
	doc.InsertChildAt(0, etree.NewProcInst("xml", `version="1.0" encoding="UTF-8"`))
	doc.InsertChildAt(1, etree.NewText("\n"))
	out, err := doc.WriteToString()
	if err != nil {
		return "", fmt.Errorf("IdP metadata: write: %w", err)
	}
	return out, nil
}

func signingContext(opts IdPMetadataOptions) (*dsig.SigningContext, error) {
	ctx, err := NewSigningContext(opts.Key, opts.Certificate, opts.SignatureAlgorithm)
	if err != nil {
		return nil, fmt.Errorf("IdP metadata: %w", err)
	}
	return ctx, nil
}

// VerifyIdPMetadata checks the enveloped signature of a metadata document
// against cert (which must also be the certificate in the signature's
// KeyInfo, if any, and valid now) and returns the signed EntityDescriptor.
// Only what the signature covers is decoded.
func VerifyIdPMetadata(doc string, cert *x509.Certificate) (ed *saml.EntityDescriptor, err error) {
	defer func() {
		if r := recover(); r != nil {
			ed = nil
			err = fmt.Errorf("verify metadata: signature validation failed: %v", r)
		}
	}()
	if cert == nil {
		return nil, errors.New("verify metadata: certificate is nil")
	}
	if strings.TrimSpace(doc) == "" {
		return nil, fmt.Errorf("verify metadata: %w: it is empty", samlutil.ErrNotXML)
	}
	if err := xrv.Validate(strings.NewReader(doc)); err != nil {
		return nil, fmt.Errorf("verify metadata: %w: %v", samlutil.ErrNotXML, err)
	}
	tree := etree.NewDocument()
	if err := tree.ReadFromString(doc); err != nil {
		return nil, fmt.Errorf("verify metadata: %w: %v", samlutil.ErrNotXML, err)
	}
	root := tree.Root()
	if root == nil {
		return nil, fmt.Errorf("verify metadata: %w: no root element", samlutil.ErrNotXML)
	}
	if root.Tag != "EntityDescriptor" || root.NamespaceURI() != samlutil.Namespace {
		return nil, fmt.Errorf("verify metadata: %w: root element is %s, want EntityDescriptor", samlutil.ErrNotMetadata, root.FullTag())
	}
	if err := ECDSAValuesToDER(root); err != nil {
		return nil, fmt.Errorf("verify metadata: signature: %w", err)
	}
	vctx := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{cert}})
	signed, err := vctx.Validate(root)
	if err != nil {
		return nil, fmt.Errorf("verify metadata: signature: %w", err)
	}
	signedDoc := etree.NewDocument()
	signedDoc.SetRoot(signed)
	raw, err := signedDoc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("verify metadata: %w", err)
	}
	ed = new(saml.EntityDescriptor)
	if err := xml.NewDecoder(bytes.NewReader(raw)).Decode(ed); err != nil {
		return nil, fmt.Errorf("verify metadata: %w: %v", samlutil.ErrNotMetadata, err)
	}
	return ed, nil
}
