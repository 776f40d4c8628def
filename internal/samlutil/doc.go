// Package samlutil holds the SAML 2.0 metadata and X.509 helpers the
// Terraform provider uses (the tenant stand-in uses them too; what only the
// stand-in needs, key generation, signing and building IdP metadata, is in
// internal/emulator/idp).
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
//   - PEM parsing of certificates and private keys, fingerprinting and
//     key/certificate matching.
//   - The signature algorithm that fits a key (DefaultSignatureAlgorithm,
//     SignatureAlgorithmFits).
package samlutil
