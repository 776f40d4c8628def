# Context for this example (not shown in the documentation): what it refers to.
resource "idaas_signing_certificate" "saml" {
  name          = "saml"
  key_algorithm = "RSA_2048"
}
