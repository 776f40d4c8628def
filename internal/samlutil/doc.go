// Package samlutil holds SAML 2.0 metadata and X.509 helpers shared by the
// Terraform provider and the identity provider tenant emulator.
//
// It has no Terraform types. What it offers:
//
//   - Parsing service provider metadata into a flat summary (ParseSPMetadata),
//     and any metadata, SP or IdP, into one (ParseMetadata). Both accept an
//     EntityDescriptor, or an EntitiesDescriptor holding exactly one entity of
//     the wanted kind. Their errors say what is wrong: the input is not XML
//     (ErrNotXML), is not SAML metadata (ErrNotMetadata), has no
//     SPSSODescriptor (ErrNoSPSSODescriptor) or no AssertionConsumerService
//     (ErrNoAssertionConsumerService). They never panic: a panic inside the
//     XML decoding is turned into an error.
//   - Checking assertion consumer service URLs (ValidateACSURL).
//   - Generating keys and self-signed certificates, and PEM encoding,
//     parsing, fingerprinting and key/certificate matching.
//   - Building identity provider metadata, signed with an enveloped XML
//     signature (exclusive canonicalization, signature as the first child of
//     the EntityDescriptor), and verifying such a signature against a
//     certificate (BuildIdPMetadata, VerifyIdPMetadata).
//   - XML signatures as XML-DSig wants them, which goxmldsig alone does not
//     do for ECDSA: r||s signature values, deterministic (RFC 6979) so that
//     signed metadata is the same on every read (NewSigningContext,
//     XMLDSigSigner), conversion between r||s and ASN.1 DER, and a
//     crewjam/saml SignatureVerifier that accepts r||s (XMLDSigVerifier).
//   - The signature algorithm that fits a key (DefaultSignatureAlgorithm,
//     SignatureAlgorithmFits).
package samlutil
