// Package idp is the tenant stand-in's identity-provider side of SAML: it
// generates keys and self-signed certificates (the tenant's signing
// certificates), builds identity provider metadata signed with an enveloped
// XML signature (exclusive canonicalization, signature as the first child
// of the EntityDescriptor) and verifies such a signature
// (BuildIdPMetadata, VerifyIdPMetadata), and signs as XML-DSig wants, which
// goxmldsig alone does not do for ECDSA: r||s signature values,
// deterministic (RFC 6979) so that signed metadata is the same on every
// read (NewSigningContext, XMLDSigSigner), conversion between r||s and
// ASN.1 DER, and a crewjam/saml SignatureVerifier that accepts r||s
// (XMLDSigVerifier) for the service provider stand-in.
//
// The provider never signs anything: it only reads metadata and
// certificates (package samlutil), so none of this ships.
package idp
