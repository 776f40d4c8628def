# Requires Terraform 1.8 or later. Compare with the fingerprint a service
# provider shows for the IdP certificate it was given.
output "idp_certificate_sha256" {
  value = provider::idaas::certificate_fingerprint(idaas_signing_certificate.saml.certificate_pem, "sha256")
}
